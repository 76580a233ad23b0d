// DELETE /api/v1/tokens/{id} — revoke an API token (admin). Idempotent: revoking a revoked token
// answers 200 with its original revocation time; an unknown id answers 404.
import { NextResponse } from "next/server";
import { revokeToken } from "@/lib/api/endpoints/admin";
import { withRole } from "@/lib/auth/guards";
import { revokeApiToken } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

export const DELETE = withRole("admin", async (req, { params, principal }) => {
  const { id } = revokeToken.params.parse(await params);
  return NextResponse.json(await revokeApiToken(id, principal, req));
});
