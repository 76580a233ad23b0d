// Account discovery from the hub's credentials: AWS Organizations (walking the tree from the root,
// so each account's OU path comes with it: one ListAccountsForParent/ListOrganizationalUnitsForParent
// pair per OU instead of a ListParents call per account), or the static TRAILWARDEN_ACCOUNTS list.
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type Account,
} from "@aws-sdk/client-organizations";
import pLimit from "p-limit";
import { classifyError } from "@/lib/aws/classify-error";
import { CallRecorder } from "@/lib/collect/call-recorder";
import type { RunContext } from "@/lib/collect/run-context";

export interface DiscoveredAccount {
  id: string;
  name: string;
  email?: string;
  ouPath: string;
  /** ACTIVE | SUSPENDED | PENDING_CLOSURE | PENDING_ACTIVATION | CLOSED (Organizations' account state). */
  status: string;
  joinedAt?: Date;
  isManagement: boolean;
}

export interface Discovery {
  source: "organizations" | "static";
  organization: { id: string; managementAccountId: string } | null;
  accounts: DiscoveredAccount[];
}

export class DiscoveryError extends Error {
  override name = "DiscoveryError";
}

async function describeOrganization(ctx: RunContext, rec: CallRecorder): Promise<Discovery["organization"]> {
  const org = ctx.hubClient("organizations", ctx.settings.primaryRegion);
  const res = await rec.call(
    { service: "organizations", operation: "DescribeOrganization" },
    () => org.send(new DescribeOrganizationCommand({})),
    {
      expectedErrors: ["AWSOrganizationsNotInUseException"],
    },
  );
  if (!res.ok) {
    if (res.expected) return null;
    throw new DiscoveryError(`${res.error.code} on organizations:DescribeOrganization: ${res.error.message}`);
  }
  const o = res.value.Organization;
  return o?.Id && o.MasterAccountId ? { id: o.Id, managementAccountId: o.MasterAccountId } : null;
}

/** All pages of a NextToken-paginated call; throws DiscoveryError naming the operation. */
async function pages<T>(
  rec: CallRecorder,
  operation: string,
  fetch: (token?: string) => Promise<{ items: T[]; next?: string }>,
): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const res = await rec.call({ service: "organizations", operation }, () => fetch(token), { keepRaw: false });
    if (!res.ok) throw new DiscoveryError(`${res.error.code} on organizations:${operation}: ${res.error.message}`);
    all.push(...res.value.items);
    token = res.value.next;
  } while (token);
  return all;
}

function toDiscovered(a: Account, ouPath: string, managementAccountId: string): DiscoveredAccount {
  return {
    id: a.Id!,
    name: a.Name ?? a.Id!,
    email: a.Email,
    ouPath,
    status: a.State ?? a.Status ?? "ACTIVE",
    joinedAt: a.JoinedTimestamp,
    isManagement: a.Id === managementAccountId,
  };
}

async function walkOrganization(
  ctx: RunContext,
  rec: CallRecorder,
  managementAccountId: string,
): Promise<DiscoveredAccount[]> {
  const org = ctx.hubClient("organizations", ctx.settings.primaryRegion);
  const roots = await pages(rec, "ListRoots", async (NextToken) => {
    const r = await org.send(new ListRootsCommand({ NextToken }));
    return { items: r.Roots ?? [], next: r.NextToken };
  });
  const found = new Map<string, DiscoveredAccount>();
  const limit = pLimit(4);
  const visit = async (parentId: string, path: string): Promise<void> => {
    const [accounts, units] = await Promise.all([
      pages(rec, "ListAccountsForParent", async (NextToken) => {
        const r = await org.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken, MaxResults: 20 }));
        return { items: r.Accounts ?? [], next: r.NextToken };
      }),
      pages(rec, "ListOrganizationalUnitsForParent", async (NextToken) => {
        const r = await org.send(
          new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken, MaxResults: 20 }),
        );
        return { items: r.OrganizationalUnits ?? [], next: r.NextToken };
      }),
    ]);
    for (const a of accounts) if (a.Id) found.set(a.Id, toDiscovered(a, path, managementAccountId));
    await Promise.all(units.filter((u) => u.Id).map((u) => limit(() => visit(u.Id!, `${path}/${u.Name ?? u.Id}`))));
  };
  await Promise.all(roots.filter((r) => r.Id).map((r) => visit(r.Id!, r.Name ?? "Root")));
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Discovers the accounts to collect; throws DiscoveryError when the organization cannot be listed. */
export async function discoverAccounts(
  ctx: RunContext,
  rec: CallRecorder = new CallRecorder("hub", ctx.stats),
): Promise<Discovery> {
  if (ctx.settings.discovery === "static") {
    // Best effort: a static list inside an organization still gets its management account (and
    // therefore the organization trail) when the hub may describe the organization.
    const organization = await describeOrganization(ctx, rec).catch(() => null);
    const accounts = (ctx.settings.staticAccounts ?? []).map((id) => ({
      id,
      name: id,
      ouPath: "",
      status: "ACTIVE",
      isManagement: id === organization?.managementAccountId,
    }));
    return { source: "static", organization, accounts };
  }
  let organization: Discovery["organization"];
  try {
    organization = await describeOrganization(ctx, rec);
  } catch (err) {
    throw err instanceof DiscoveryError ? err : new DiscoveryError(classifyError(err).message);
  }
  if (!organization) {
    throw new DiscoveryError(
      "The hub account is not in an AWS Organization (AWSOrganizationsNotInUseException): set TRAILWARDEN_DISCOVERY=static with TRAILWARDEN_ACCOUNTS",
    );
  }
  const accounts = await walkOrganization(ctx, rec, organization.managementAccountId);
  return { source: "organizations", organization, accounts };
}
