// Turning the snapshot's recorded collection errors into the words a verdict needs. A verdict that
// cannot be computed because a call failed is ERROR, and its reason names the failed call so the
// engineer knows whether to fix a role, a quota or the emulator.
import type { AccountSnapshotState, CollectionError } from "@/lib/collect/snapshot-types";

function matchesResource(error: CollectionError, resources: (string | undefined)[]): boolean {
  const resource = error.resource;
  if (!resource) return false;
  return resources.some((r) => r !== undefined && r !== "" && (resource === r || resource.endsWith(`/${r}`)));
}

/** The recorded error of `operation` about one of `resources`, if any. */
export function findCollectionError(
  state: AccountSnapshotState,
  operations: string[],
  resources: (string | undefined)[] = [],
): CollectionError | undefined {
  const candidates = state.errors.filter((e) => operations.includes(e.operation));
  return candidates.find((e) => matchesResource(e, resources)) ?? (resources.length === 0 ? candidates[0] : undefined);
}

/** The recorded error of any call to `services` about one of `resources`, as "Op failed (Code)". */
export function describeServiceError(
  state: AccountSnapshotState,
  services: string[],
  resources: (string | undefined)[],
): string | undefined {
  const error = state.errors.find((e) => services.includes(e.service) && matchesResource(e, resources));
  if (!error) return undefined;
  const where = error.accountId && error.accountId !== state.accountId ? ` in account ${error.accountId}` : "";
  return `${error.operation} failed${where} (${error.code || error.kind})`;
}

/** "GetTrailStatus failed (AccessDeniedException)" or a generic "GetTrailStatus failed". */
export function describeFailedCall(
  state: AccountSnapshotState,
  operation: string,
  resources: (string | undefined)[] = [],
): string {
  const error = findCollectionError(state, [operation], resources);
  if (!error) return `${operation} failed or was not made`;
  const where = error.accountId && error.accountId !== state.accountId ? ` in account ${error.accountId}` : "";
  return `${operation} failed${where} (${error.code || error.kind})`;
}

/** "AssumeRole failed in account 222… (AccessDenied)" when we could not get into `accountId`. */
export function describeAccessError(
  state: AccountSnapshotState,
  accountId: string | null | undefined,
): string | undefined {
  const error = state.errors.find(
    (e) =>
      e.service === "sts" &&
      e.operation === "AssumeRole" &&
      (e.accountId ?? state.accountId) === (accountId ?? state.accountId),
  );
  return error
    ? `${error.operation} failed in account ${accountId ?? state.accountId} (${error.code || error.kind})`
    : undefined;
}

/**
 * The list of trails is incomplete when ListTrails or DescribeTrails failed for this account: then
 * "no trail fails" or "no trail exists" cannot be concluded, only "this trail passes/fails".
 */
export function trailListingError(state: AccountSnapshotState): CollectionError | undefined {
  return state.errors.find(
    (e) =>
      e.service === "cloudtrail" &&
      (e.operation === "ListTrails" || e.operation === "DescribeTrails") &&
      (e.accountId === undefined || e.accountId === state.accountId),
  );
}
