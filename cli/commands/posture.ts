import { ensureDatabase } from "@/lib/db/database";
import { getPosture } from "@/lib/read-models/get-posture";
import { postureToCsv } from "@/lib/read-models/posture-csv";

export async function run(options: { format: "json" | "csv" }): Promise<number> {
  const database = await ensureDatabase();
  try {
    const posture = await getPosture();
    process.stdout.write(options.format === "csv" ? postureToCsv(posture) : `${JSON.stringify(posture, null, 2)}\n`);
    return 0;
  } finally {
    await database.stop();
  }
}
