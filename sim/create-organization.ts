// The organization itself: created from moto's default account (which becomes the management
// account), its OU tree and member accounts. Every call here runs strictly in order, because moto
// draws account, OU and organization ids from one seeded random stream.
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  EnableAWSServiceAccessCommand,
  ListRootsCommand,
  MoveAccountCommand,
  TagResourceCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import pLimit from "p-limit";

import { SimulatorError } from "@/sim/simulator-error";

export interface MemberToCreate {
  name: string;
  email: string;
  ouPath: string;
  tags: Record<string, string>;
}

export interface CreatedOrganization {
  organizationId: string;
  rootId: string;
  organizationalUnits: { id: string; path: string }[];
  /** Member account ids by name, in creation order. */
  accountIds: Map<string, string>;
  /** The management account as Organizations reports it (moto names it "master"; it cannot be renamed). */
  management: { id: string; name: string; email: string };
}

const toTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

async function createAccount(org: OrganizationsClient, member: MemberToCreate): Promise<string> {
  const { CreateAccountStatus: status } = await org.send(
    new CreateAccountCommand({ AccountName: member.name, Email: member.email, Tags: toTags(member.tags) }),
  );
  let current = status;
  // AWS creates accounts asynchronously; moto answers SUCCEEDED at once, so this rarely loops.
  for (let i = 0; current?.State === "IN_PROGRESS" && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    ({ CreateAccountStatus: current } = await org.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: current.Id }),
    ));
  }
  if (current?.State !== "SUCCEEDED" || !current.AccountId) {
    throw new SimulatorError(
      `CreateAccount ${member.name} ended ${current?.State ?? "without a status"}: ${current?.FailureReason ?? ""}`,
    );
  }
  return current.AccountId;
}

/** OU paths like "Root/Workloads/Prod"; parents must come before children. */
export async function createOrganization(
  org: OrganizationsClient,
  opts: {
    ouPaths: readonly string[];
    members: readonly MemberToCreate[];
    managementAccountTags?: Record<string, string>;
    /** Parallel MoveAccount calls (default 1). */
    moveConcurrency?: number;
  },
): Promise<CreatedOrganization> {
  const { Organization } = await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
  const { Roots } = await org.send(new ListRootsCommand({}));
  const rootId = Roots?.[0]?.Id;
  if (!Organization?.Id || !Organization.MasterAccountId || !rootId)
    throw new SimulatorError("CreateOrganization returned no organization or root");

  const ouIds = new Map<string, string>([["Root", rootId]]);
  const organizationalUnits: { id: string; path: string }[] = [];
  for (const path of opts.ouPaths) {
    const parentPath = path.slice(0, path.lastIndexOf("/"));
    const parentId = ouIds.get(parentPath);
    if (!parentId) throw new SimulatorError(`OU ${path} is declared before its parent ${parentPath}`);
    const { OrganizationalUnit: ou } = await org.send(
      new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: path.slice(path.lastIndexOf("/") + 1) }),
    );
    if (!ou?.Id) throw new SimulatorError(`CreateOrganizationalUnit ${path} returned no id`);
    ouIds.set(path, ou.Id);
    organizationalUnits.push({ id: ou.Id, path });
  }

  const accountIds = new Map<string, string>();
  for (const member of opts.members) accountIds.set(member.name, await createAccount(org, member));
  // Moves draw no random ids, so they may run in parallel without losing determinism.
  const limit = pLimit(opts.moveConcurrency ?? 1);
  await Promise.all(
    opts.members.map((member) =>
      limit(async () => {
        const ouId = ouIds.get(member.ouPath);
        if (!ouId) throw new SimulatorError(`Account ${member.name} is placed in undeclared OU ${member.ouPath}`);
        const accountId = accountIds.get(member.name) as string;
        if (ouId !== rootId)
          await org.send(
            new MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: ouId }),
          );
      }),
    ),
  );

  if (opts.managementAccountTags) {
    await org.send(
      new TagResourceCommand({ ResourceId: Organization.MasterAccountId, Tags: toTags(opts.managementAccountTags) }),
    );
  }
  // Trusted access, as an organization trail and a delegated Security Hub administrator require.
  for (const principal of ["cloudtrail.amazonaws.com", "securityhub.amazonaws.com"]) {
    await org.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal }));
  }
  const { Account: mgmt } = await org.send(new DescribeAccountCommand({ AccountId: Organization.MasterAccountId }));
  const management = { id: Organization.MasterAccountId, name: mgmt?.Name ?? "management", email: mgmt?.Email ?? "" };
  return { organizationId: Organization.Id, rootId, organizationalUnits, accountIds, management };
}
