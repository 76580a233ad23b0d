// GET /api/v1/matrix/verdicts/{accountId}/{controlId} — one current verdict with its evidence,
// the last good verdict when it is a stale ERROR, Security Hub's finding and the reconciliation
// in words (viewer and up). 404 for an unknown account or control. Shape: VerdictDetail
// (lib/read-models/get-verdict.ts).
import { NextResponse } from "next/server";
import { getVerdictEndpoint } from "@/lib/api/endpoints/posture";
import { withRole } from "@/lib/auth/guards";
import { getVerdict } from "@/lib/read-models/get-verdict";

export const dynamic = "force-dynamic";

export const GET = withRole("viewer", async (_req, ctx) => {
  const { accountId, controlId } = getVerdictEndpoint.params.parse(await ctx.params);
  return NextResponse.json(await getVerdict(accountId, controlId));
});
