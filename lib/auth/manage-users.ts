// Users management (admin): local accounts are created here rather than through better-auth's
// sign-up, which is disabled. Passwords are hashed with better-auth's own scrypt hasher so that
// its sign-in verifies them. Every change is audited. The last enabled admin cannot be demoted or
// disabled, so the instance can never lock itself out.
import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ROLES, type Principal, type Role } from "@/lib/roles";

type Actor = Pick<Principal, "type" | "id" | "name">;
type RequestLike = Request | { headers: Headers } | null | undefined;

export const createUserInput = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  email: z.email("must be an e-mail address").trim().toLowerCase().max(320),
  role: z.enum(ROLES),
  password: z.string().min(8, "must be at least 8 characters").max(256),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: string;
  disabled: boolean;
  createdAt: Date;
  signInMethods: string[];
}

export async function listUsers(): Promise<UserSummary[]> {
  const users = await db.user.findMany({
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      disabled: true,
      createdAt: true,
      authAccounts: { select: { providerId: true } },
    },
  });
  return users.map(({ authAccounts, ...user }) => ({
    ...user,
    signInMethods: [...new Set(authAccounts.map((a) => (a.providerId === "credential" ? "password" : "sso")))],
  }));
}

export async function createLocalUser(
  input: CreateUserInput,
  actor: Actor,
  request?: RequestLike,
): Promise<UserSummary> {
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "user");
  const { name, email, role, password } = parsed.data;
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new ConflictError(`A user with e-mail ${email} already exists`);
  }
  const id = randomUUID();
  const hash = await hashPassword(password);
  // The admin vouches for the address, which lets a later SSO sign-in with it join this user.
  await db.$transaction([
    db.user.create({ data: { id, name, email, role, emailVerified: true } }),
    db.authAccount.create({
      data: { id: randomUUID(), userId: id, accountId: id, providerId: "credential", password: hash },
    }),
  ]);
  await recordAuditEvent({
    actor,
    action: "user.create",
    target: email,
    details: { userId: id, role, via: "local" },
    request,
  });
  return { id, name, email, role, disabled: false, createdAt: new Date(), signInMethods: ["password"] };
}

const USER_FIELDS = { id: true, email: true, role: true, disabled: true } as const;
type UserRow = { id: string; email: string; role: string; disabled: boolean };

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Runs a change to who is an enabled admin under one lock, re-reading the user inside it: two
 * admins demoting each other at the same moment would otherwise both see "another admin remains"
 * and leave none. The lock serializes only these changes, not ordinary reads.
 */
async function withAdminLock<T>(userId: string, change: (tx: Tx, user: UserRow) => Promise<T>) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('trailwarden:enabled-admins'))`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: USER_FIELDS });
    if (!user) throw new NotFoundError(`No user with id ${userId}`);
    return change(tx, user);
  });
}

async function assertAnotherAdminRemains(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
  if (others === 0) throw new ConflictError("This is the last enabled admin; make another user admin first");
}

export async function changeUserRole(userId: string, role: Role, actor: Actor, request?: RequestLike): Promise<void> {
  if (!(ROLES as readonly string[]).includes(role))
    throw new ValidationError(`role must be one of: ${ROLES.join(", ")}`);
  const before = await withAdminLock(userId, async (tx, user) => {
    if (user.role === role) return null;
    if (user.role === "admin" && !user.disabled) await assertAnotherAdminRemains(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { role } });
    return user;
  });
  if (!before) return;
  await recordAuditEvent({
    actor,
    action: "user.role_change",
    target: before.email,
    details: { userId, from: before.role, to: role },
    request,
  });
}

export async function setUserDisabled(
  userId: string,
  disabled: boolean,
  actor: Actor,
  request?: RequestLike,
): Promise<void> {
  const user = await withAdminLock(userId, async (tx, user) => {
    if (user.disabled === disabled) return null;
    if (disabled && user.role === "admin") await assertAnotherAdminRemains(tx, userId);
    // Disabling also ends every session the user has, so it takes effect on their next request.
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    return user;
  });
  if (!user) return;
  await recordAuditEvent({
    actor,
    action: disabled ? "user.disable" : "user.enable",
    target: user.email,
    details: { userId },
    request,
  });
}
