// Seeds moto, only through the AWS APIs, with the demo organization of demo-accounts.ts and returns
// its manifest. Calls run one after another: moto draws every generated id (accounts, OUs, KMS
// keys) from one seeded random stream, so a fixed order gives the same ids on every run.
import { accountClients, managementClients, MANAGEMENT_ACCOUNT_ID, SIM_REGION, type SimClients } from "@/sim/aws-env";
import { cloudTrailBucketPolicy } from "@/sim/bucket-policies";
import { createAccessRoles, READ_ONLY_ROLE, REMEDIATION_ROLE } from "@/sim/create-access-roles";
import { createOrganization } from "@/sim/create-organization";
import {
  accessLogBucketName,
  centralBucketName,
  createAccessLogBucket,
  createTrailBucket,
} from "@/sim/create-trail-bucket";
import {
  accountEmail,
  MANAGEMENT_ACCOUNT,
  MEMBER_ACCOUNTS,
  ORG_OU_PATHS,
  ORGANIZATION_TRAIL,
  type TrailSpec,
} from "@/sim/demo-accounts";
import { expectedVerdicts } from "@/sim/expected-verdicts";
import type { SimAccount, SimBucket, SimManifest, SimTrail } from "@/sim/manifest";
import { MOTO_NOTES } from "@/sim/moto-gaps";
import { DEFAULT_MOTO_SEED, resetMoto } from "@/sim/reset-moto";
import { seedSecurityHub } from "@/sim/seed-security-hub";
import { seedTrail } from "@/sim/seed-trail";
import { SimulatorError } from "@/sim/simulator-error";

export interface SeedOrganizationOptions {
  /**
   * Create the organization trail (default true, as the demo shows it). Without it every member
   * stands on its own trails, so CloudTrail.1/.3 and CloudWatch.* show the bad states as FAILED.
   */
  organizationTrail?: boolean;
  /** The clock Security Hub finding times are relative to (default: now). */
  now?: Date;
  /** moto's random seed (default 42). */
  seed?: number;
  log?: (line: string) => void;
}

async function withClients<T>(endpoint: string, accountId: string, fn: (c: SimClients) => Promise<T>): Promise<T> {
  const clients = await accountClients(endpoint, accountId);
  try {
    return await fn(clients);
  } finally {
    clients.destroy();
  }
}

export async function seedOrganization(endpoint: string, opts: SeedOrganizationOptions = {}): Promise<SimManifest> {
  const log = opts.log ?? (() => {});
  const withOrgTrail = opts.organizationTrail ?? true;
  const now = opts.now ?? new Date();
  await resetMoto(endpoint, opts.seed ?? DEFAULT_MOTO_SEED);

  const management = managementClients(endpoint);
  try {
    const org = await createOrganization(management.organizations, {
      ouPaths: ORG_OU_PATHS,
      members: MEMBER_ACCOUNTS.map((a) => ({
        name: a.name,
        email: accountEmail(a.name),
        ouPath: a.ouPath,
        tags: a.tags,
      })),
      managementAccountTags: MANAGEMENT_ACCOUNT.tags,
    });
    const idOf = (name: string) => {
      const id = org.accountIds.get(name);
      if (!id) throw new SimulatorError(`account ${name} was not created`);
      return id;
    };
    log(
      `organization ${org.organizationId}: ${org.accountIds.size} member accounts in ${org.organizationalUnits.length} OUs`,
    );

    const allAccountIds = [MANAGEMENT_ACCOUNT_ID, ...org.accountIds.values()];
    await createAccessRoles(management.iam, MANAGEMENT_ACCOUNT_ID);
    for (const id of org.accountIds.values()) await withClients(endpoint, id, (c) => createAccessRoles(c.iam, id));

    // The central log-archive bucket every organization account may deliver to.
    const logArchiveId = idOf("log-archive");
    const central = { name: centralBucketName(logArchiveId), ownerAccountId: logArchiveId };
    const buckets: SimBucket[] = [];
    await withClients(endpoint, logArchiveId, async (c) => {
      await createAccessLogBucket(c.s3, logArchiveId);
      const policy = cloudTrailBucketPolicy(central.name, {
        accountIds: allAccountIds,
        organizationId: org.organizationId,
      });
      buckets.push(
        await createTrailBucket(c.s3, {
          ...central,
          policy,
          accessLogBucket: accessLogBucketName(logArchiveId),
          tags: { Purpose: "cloudtrail-central" },
        }),
      );
    });

    const trailsOf = new Map<string, SimTrail[]>();
    const seedOwned = async (clients: SimClients, specs: readonly TrailSpec[], isOrganizationTrail = false) => {
      for (const spec of specs) {
        const seeded = await seedTrail(clients, spec, { central, isOrganizationTrail });
        buckets.push(...seeded.buckets);
        trailsOf.set(clients.accountId, [...(trailsOf.get(clients.accountId) ?? []), seeded.trail]);
      }
    };
    if (withOrgTrail) await seedOwned(management, [ORGANIZATION_TRAIL], true);
    for (const spec of MEMBER_ACCOUNTS) {
      if (spec.trails.length) await withClients(endpoint, idOf(spec.name), (c) => seedOwned(c, spec.trails));
    }
    log(`trails seeded in ${trailsOf.size} accounts`);

    const orgTrails = withOrgTrail ? [ORGANIZATION_TRAIL] : [];
    const accounts: SimAccount[] = [
      {
        accountId: MANAGEMENT_ACCOUNT_ID,
        // As discovery sees it: moto's management account is named "master" and cannot be renamed.
        name: org.management.name,
        email: org.management.email,
        ouPath: "Root",
        state: withOrgTrail ? MANAGEMENT_ACCOUNT.state : "no-trail",
        description: withOrgTrail
          ? MANAGEMENT_ACCOUNT.description
          : "Management account without the organization trail (seeded with organizationTrail: false)",
        tags: { ...MANAGEMENT_ACCOUNT.tags },
        trails: trailsOf.get(MANAGEMENT_ACCOUNT_ID) ?? [],
        expected: expectedVerdicts(orgTrails),
      },
      ...MEMBER_ACCOUNTS.map((spec) => ({
        accountId: idOf(spec.name),
        name: spec.name,
        email: accountEmail(spec.name),
        ouPath: spec.ouPath,
        state: spec.state,
        description: spec.description,
        tags: spec.tags,
        trails: trailsOf.get(idOf(spec.name)) ?? [],
        expected: expectedVerdicts([...spec.trails, ...orgTrails]),
      })),
    ];

    const securityHubAdmin = idOf("security-tooling");
    const securityHubFindings = await withClients(endpoint, securityHubAdmin, (admin) =>
      seedSecurityHub(management, admin, { accounts, buckets, organizationTrail: withOrgTrail, now }),
    );
    log(`${securityHubFindings.length} Security Hub findings imported into ${securityHubAdmin}`);

    return {
      seededAt: now.toISOString(),
      options: { organizationTrail: withOrgTrail },
      managementAccountId: MANAGEMENT_ACCOUNT_ID,
      organizationId: org.organizationId,
      rootId: org.rootId,
      organizationalUnits: org.organizationalUnits,
      securityHubAdminAccountId: securityHubAdmin,
      securityHubRegion: SIM_REGION,
      logArchiveAccountId: logArchiveId,
      centralBucketName: central.name,
      organizationTrailArn: trailsOf.get(MANAGEMENT_ACCOUNT_ID)?.find((t) => t.isOrganizationTrail)?.arn ?? null,
      roleNames: { readOnly: READ_ONLY_ROLE, remediation: REMEDIATION_ROLE },
      accounts,
      buckets,
      securityHubFindings,
      notes: [...MOTO_NOTES],
    };
  } finally {
    management.destroy();
  }
}
