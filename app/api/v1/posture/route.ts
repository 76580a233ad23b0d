// GET /api/v1/posture[?format=csv][&account=ID...] — the current matrix (viewer and up).
import { NextResponse } from "next/server";
import { getPostureEndpoint } from "@/lib/api/endpoints/posture";
import { withRole } from "@/lib/auth/guards";
import { ValidationError } from "@/lib/errors";
import { getPosture } from "@/lib/read-models/get-posture";
import { postureToCsv } from "@/lib/read-models/posture-csv";

export const dynamic = "force-dynamic";

export const GET = withRole("viewer", async (req) => {
  const params = req.nextUrl.searchParams;
  const accounts = params.getAll("account");
  const parsed = getPostureEndpoint.query.safeParse({
    format: params.get("format") ?? undefined,
    account: accounts.length ? accounts : undefined,
  });
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "query");
  const posture = await getPosture({ accountIds: parsed.data.account });
  if (parsed.data.format === "csv") {
    return new NextResponse(postureToCsv(posture), { headers: { "content-type": "text/csv; charset=utf-8" } });
  }
  return NextResponse.json(posture);
});
