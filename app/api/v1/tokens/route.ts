// GET /api/v1/tokens — list API tokens (admin); never returns a token's secret or hash.
// POST /api/v1/tokens — create one (admin): body { name, role, expiresInDays? }; answers 201 with
// the token itself, which is shown this once and cannot be read again.
import { NextResponse } from "next/server";
import { withRole } from "@/lib/auth/guards";
import { createApiToken, createTokenInput, listApiTokens } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

export const GET = withRole("admin", async () => NextResponse.json({ tokens: await listApiTokens() }));

export const POST = withRole("admin", async (req, { principal }) => {
  const input = createTokenInput.parse(await req.json());
  const { token, summary } = await createApiToken(input, principal, req);
  return NextResponse.json({ ...summary, token }, { status: 201, headers: { "cache-control": "no-store" } });
});
