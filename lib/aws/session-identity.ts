// Who an assumed-role session acts for, as CloudTrail records it in the customer's account: the
// session name (part of the assumed-role ARN on every event) carries the collection run or the
// remediation job, and a remediation session's SourceIdentity names the signed-in user who asked.
// SourceIdentity cannot be changed for the rest of the session (nor by chaining roles), so the
// member account's own record says who asked, whatever Trailwarden's database says.
import { createHash } from "node:crypto";

/** What distinguishes one session from another: credentials are cached per identity, never shared. */
export interface SessionIdentity {
  sessionName: string;
  sourceIdentity?: string;
}

/** RoleSessionName and SourceIdentity: 2–64 characters of letters, digits and `_+=,.@-` (STS API reference). */
export const STS_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const STS_MAX = 64;
const DISALLOWED = /[^\w+=,.@-]+/g;

/** A short stable digest, so two long names cut to the same prefix stay apart. */
function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 8);
}

/** `value` in STS's alphabet: every run of other characters becomes one `-`. */
export function stsSafe(value: string): string {
  return value.normalize("NFKD").replace(DISALLOWED, "-");
}

/**
 * The user as a SourceIdentity: STS's alphabet, at most 64 characters (longer ones keep their
 * start and end in a digest of the whole), never starting with `aws:` (reserved). A value
 * changed on the way carries a digest of the original, so `a b@x` and `a-b@x` stay distinct.
 */
export function sourceIdentityFor(user: string): string {
  const trimmed = user.trim();
  let safe = stsSafe(trimmed).replace(/^-+|-+$/g, "");
  const altered = safe !== trimmed;
  if (safe.length < 2) safe = `user-${safe}`;
  if (altered || safe.length > STS_MAX) {
    const tag = `.${digest(trimmed)}`;
    safe = `${safe.slice(0, STS_MAX - tag.length)}${tag}`;
  }
  return safe;
}

/** `trailwarden-collect-<run id>`. */
export function collectSession(runId: string): SessionIdentity {
  return { sessionName: `trailwarden-collect-${stsSafe(runId)}`.slice(0, STS_MAX) };
}

/**
 * `trailwarden-remediate-<job id>-<user>` (the user cut to what fits in 64 characters; the full
 * job id always fits), with SourceIdentity set to the user.
 */
export function remediateSession(jobId: string, user: string): SessionIdentity {
  const sourceIdentity = sourceIdentityFor(user);
  const base = `trailwarden-remediate-${stsSafe(jobId)}`.slice(0, STS_MAX - 3);
  const userPart = sourceIdentity.slice(0, STS_MAX - base.length - 1).replace(/-+$/, "");
  return { sessionName: userPart ? `${base}-${userPart}` : base, sourceIdentity };
}

/** The cache key of credentials: the role, the account and the session identity together. */
export function sessionKey(roleName: string, accountId: string, identity: SessionIdentity): string {
  return JSON.stringify([roleName, accountId, identity.sessionName, identity.sourceIdentity ?? null]);
}
