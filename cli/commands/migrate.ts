import { ensureDatabase } from "@/lib/db/database";

export async function run(): Promise<number> {
  const handle = await ensureDatabase({ log: (l) => console.log(l) });
  console.log("Database is up to date.");
  await handle.stop();
  return 0;
}
