// GET /api/v1/matrix/reasons?accounts=ID,ID,... — the reasons behind the current verdicts of up to
// 200 accounts, for the matrix's tooltips (viewer and up):
// { reasons: { [accountId]: { [controlId]: { r: reason, sr?: last good verdict's reason when ERROR } } } }
import { NextResponse } from "next/server";
import { z } from "zod";
import { withRole } from "@/lib/auth/guards";
import { getMatrixReasons, MAX_REASON_ACCOUNTS } from "@/lib/read-models/get-matrix-reasons";

export const dynamic = "force-dynamic";

const query = z.object({
  accounts: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(
      z
        .array(z.string().regex(/^\d{12}$/, "account ids are 12 digits"))
        .min(1)
        .max(MAX_REASON_ACCOUNTS),
    ),
});

export const GET = withRole("viewer", async (req) => {
  const { accounts } = query.parse({ accounts: req.nextUrl.searchParams.get("accounts") ?? "" });
  return NextResponse.json({ reasons: await getMatrixReasons(accounts) });
});
