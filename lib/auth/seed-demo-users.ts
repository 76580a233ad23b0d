// One demo user per role, with the credentials the README lists. Idempotent: existing users are
// left as they are (an admin may have changed them on purpose), missing ones are created.
import "server-only";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import { createLocalUser } from "@/lib/auth/manage-users";
import { ROLES, type Role } from "@/lib/roles";

export interface DemoUser {
  name: string;
  email: string;
  role: Role;
  password: string;
}

export const DEMO_USERS: readonly DemoUser[] = ROLES.map((role) => ({
  name: `Demo ${role}`,
  email: `${role}@trailwarden.local`,
  role,
  password: `demo-${role}-pass`,
}));

/** Creates the demo users that do not exist yet; returns the e-mails it created. */
export async function seedDemoUsers(): Promise<string[]> {
  const created: string[] = [];
  const actor = cliPrincipal("seed-demo-users");
  for (const user of DEMO_USERS) {
    const exists = await db.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (exists) continue;
    try {
      await createLocalUser(user, actor);
      created.push(user.email);
    } catch (err) {
      // Another process seeding at the same moment created it first: that is the wanted state.
      if (!(err instanceof ConflictError) && (err as { code?: string }).code !== "P2002") throw err;
    }
  }
  return created;
}
