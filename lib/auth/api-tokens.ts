// API tokens for automation: created by admins (CLI or settings page), shown once, stored as a
// SHA-256 hash with a short prefix for recognition, sent as `Authorization: Bearer`, revocable.
// A token expires (90 days unless its creator chose otherwise, at most ten years) and never holds
// more power than the user who created it holds now: a disabled creator's tokens stop working and
// a demoted creator's tokens drop to the creator's new role, on the next request.
import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { isRole, ROLES, type Principal, type Role } from "@/lib/roles";
import { displayPrefix, generateApiToken, hashApiToken, isApiTokenFormat } from "@/lib/auth/token-format";

/** How long a token lives when its creator does not say. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 3650;

/** lastUsedAt is written at most this often per token, so busy automation does not write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name is at most 100 characters"),
  role: z.enum(ROLES, { error: `role must be one of: ${ROLES.join(", ")}` }),
  expiresInDays: z
    .number({ error: "expiresInDays must be a whole number of days" })
    .int("expiresInDays must be a whole number of days")
    .min(1, "expiresInDays must be at least 1")
    .max(MAX_TOKEN_DAYS, `expiresInDays must be at most ${MAX_TOKEN_DAYS}`)
    .default(DEFAULT_TOKEN_DAYS),
});
export type CreateTokenInput = z.input<typeof createTokenInput>;

export interface ApiTokenSummary {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

type Actor = Pick<Principal, "type" | "id" | "name">;
type RequestLike = Request | { headers: Headers } | null | undefined;

export async function createApiToken(
  input: CreateTokenInput,
  actor: Actor,
  request?: RequestLike,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const parsed = createTokenInput.safeParse(input);
  if (!parsed.success) throw ValidationError.fromZod(parsed.error, "token");
  const { name, role, expiresInDays } = parsed.data;
  const token = generateApiToken();
  const created = await db.apiToken.create({
    data: {
      name,
      role,
      tokenHash: hashApiToken(token),
      prefix: displayPrefix(token),
      createdById: actor.type === "user" ? actor.id : null,
      expiresAt: new Date(Date.now() + expiresInDays * 86_400_000),
    },
    include: { createdBy: { select: { name: true } } },
  });
  await recordAuditEvent({
    actor,
    action: "token.create",
    target: created.id,
    details: { name, role, prefix: created.prefix, expiresAt: created.expiresAt?.toISOString() ?? null },
    request,
  });
  return { token, summary: toSummary(created, actor) };
}

export async function listApiTokens(): Promise<ApiTokenSummary[]> {
  const rows = await db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
  return rows.map((row) => toSummary(row));
}

export async function revokeApiToken(id: string, actor: Actor, request?: RequestLike): Promise<ApiTokenSummary> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(`No API token with id ${id}`);
  const existing = await db.apiToken.findUnique({ where: { id } });
  if (!existing) throw new NotFoundError(`No API token with id ${id}`);
  // Revoking twice is not an error (idempotent), and the first revocation time is kept.
  const updated = existing.revokedAt
    ? await db.apiToken.findUniqueOrThrow({ where: { id }, include: { createdBy: { select: { name: true } } } })
    : await db.apiToken.update({
        where: { id },
        data: { revokedAt: new Date() },
        include: { createdBy: { select: { name: true } } },
      });
  if (!existing.revokedAt) {
    await recordAuditEvent({
      actor,
      action: "token.revoke",
      target: id,
      details: { name: existing.name, prefix: existing.prefix },
      request,
    });
  }
  return toSummary(updated);
}

/**
 * The role a token acts with: its own, capped by its creator's current role. A creator who is
 * disabled or gone leaves the token with none. Tokens made on the command line (no creator) were
 * made by whoever runs the server, and keep their own role.
 */
export function effectiveTokenRole(
  tokenRole: string,
  creator: { role: string; disabled: boolean } | null,
  hasCreator: boolean,
): Role | null {
  if (!isRole(tokenRole)) return null;
  if (!hasCreator) return tokenRole;
  if (!creator || creator.disabled || !isRole(creator.role)) return null;
  return ROLES.indexOf(creator.role) < ROLES.indexOf(tokenRole) ? creator.role : tokenRole;
}

/**
 * The principal a bearer token stands for, or null when it is unknown, revoked, expired, or its
 * creator can no longer sign in.
 */
export async function principalForApiToken(token: string, now = new Date()): Promise<Principal | null> {
  if (!isApiTokenFormat(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    include: { createdBy: { select: { role: true, disabled: true } } },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const role = effectiveTokenRole(row.role, row.createdBy, row.createdById !== null);
  if (!role) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional so that concurrent requests write once; a failure here must not fail the call.
    await db.apiToken
      .updateMany({
        where: {
          id: row.id,
          OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
        },
        data: { lastUsedAt: now },
      })
      .catch((err: unknown) =>
        console.error("Could not update API token lastUsedAt:", err instanceof Error ? err.message : err),
      );
  }
  return { type: "token", id: row.id, name: `token:${row.name}`, role };
}

type TokenRow = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdBy?: { name: string } | null;
};

function toSummary(row: TokenRow, creator?: Actor): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt,
    createdBy: row.createdBy?.name ?? creator?.name ?? null,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}
