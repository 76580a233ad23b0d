// /api/auth/* — better-auth's endpoints (sign-in with e-mail or SSO, OAuth callback, sign-out,
// session). Public by nature; see lib/auth/auth.ts for what is enabled.
import { handleAuthRequest } from "@/lib/auth/handle-auth-request";

export const dynamic = "force-dynamic";

export const GET = handleAuthRequest;
export const POST = handleAuthRequest;
