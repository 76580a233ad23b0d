// GET /api/v1/matrix/verdicts/{accountId}/{controlId} — one current verdict with its evidence,
// the last good verdict when it is a stale ERROR, Security Hub's finding and the reconciliation
// in words (viewer and up). 404 for an unknown account or control. Shape: VerdictDetail
// (lib/read-models/get-verdict.ts).
import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/guards";
import { getVerdict } from "@/lib/read-models/get-verdict";

export const dynamic = "force-dynamic";

const params = z.object({
  accountId: z.string().regex(/^\d{12}$/, "account ids are 12 digits"),
  controlId: z.string().regex(/^(CloudTrail|CloudWatch)\.\d{1,2}$/, "a control id such as CloudTrail.1"),
});

export const GET = withRole("viewer", async (_req, ctx) => {
  const { accountId, controlId } = params.parse(await ctx.params);
  return NextResponse.json(await getVerdict(accountId, controlId));
});
