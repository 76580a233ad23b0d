// The first admin of a fresh installation: sign-up is disabled, so without the demo users nobody
// could sign in. When the users table is empty and TRAILWARDEN_ADMIN_EMAIL and
// TRAILWARDEN_ADMIN_PASSWORD are set, that admin is created once; afterwards the variables are
// ignored (change the password or role in the app, not here). The password is never printed.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConfigError } from "@/lib/config/env";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { createLocalUser } from "@/lib/auth/manage-users";

const bootstrapEnv = z.object({
  TRAILWARDEN_ADMIN_EMAIL: z.email("must be an e-mail address").optional(),
  TRAILWARDEN_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").max(256).optional(),
  TRAILWARDEN_ADMIN_NAME: z.string().min(1).max(200).default("Administrator"),
});

/** Returns the e-mail of the admin it created, or null when there was nothing to do. */
export async function ensureInitialAdmin(source: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const parsed = bootstrapEnv.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid configuration:\n  ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ")}`,
    );
  }
  const {
    TRAILWARDEN_ADMIN_EMAIL: email,
    TRAILWARDEN_ADMIN_PASSWORD: password,
    TRAILWARDEN_ADMIN_NAME: name,
  } = parsed.data;
  if (!email && !password) return null;
  if (!email || !password) {
    throw new ConfigError(
      "Invalid configuration:\n  TRAILWARDEN_ADMIN_EMAIL and TRAILWARDEN_ADMIN_PASSWORD must be set together",
    );
  }
  if ((await db.user.count()) > 0) return null;
  const user = await createLocalUser({ name, email, role: "admin", password }, cliPrincipal("bootstrap-admin"));
  return user.email;
}
