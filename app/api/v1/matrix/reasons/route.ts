// GET /api/v1/matrix/reasons?accounts=ID,ID,... — the reasons behind the current verdicts of up to
// 200 accounts, for the matrix's tooltips (viewer and up):
// { reasons: { [accountId]: { [controlId]: { r: reason, sr?: last good verdict's reason when ERROR } } } }
import { NextResponse } from "next/server";
import { getMatrixReasonsEndpoint } from "@/lib/api/endpoints/posture";
import { withRole } from "@/lib/auth/guards";
import { getMatrixReasons } from "@/lib/read-models/get-matrix-reasons";

export const dynamic = "force-dynamic";

export const GET = withRole("viewer", async (req) => {
  const { accounts } = getMatrixReasonsEndpoint.query.parse({
    accounts: req.nextUrl.searchParams.get("accounts") ?? "",
  });
  return NextResponse.json({ reasons: await getMatrixReasons(accounts) });
});
