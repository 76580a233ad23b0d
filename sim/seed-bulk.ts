// A large simulated organization for benchmarks: the management account and `n` members, each with
// one or two trails, half fully configured and half partly. Accounts are created in order (moto's
// seeded ids stay deterministic); everything else runs with bounded concurrency through one set of
// header-routed clients (see moto-account-routing.ts).
import pLimit from "p-limit";

import { MANAGEMENT_ACCOUNT_ID, motoClientConfig, SimClients } from "@/sim/aws-env";
import { cloudTrailBucketPolicy } from "@/sim/bucket-policies";
import { createOrganization } from "@/sim/create-organization";
import {
  accessLogBucketName,
  centralBucketName,
  createAccessLogBucket,
  createTrailBucket,
} from "@/sim/create-trail-bucket";
import { createTrailKey } from "@/sim/create-trail-key";
import { accountEmail, ORGANIZATION_TRAIL, type TrailSpec } from "@/sim/demo-accounts";
import { actingIn, MotoAccountRouting } from "@/sim/moto-account-routing";
import { DEFAULT_MOTO_SEED, resetMoto } from "@/sim/reset-moto";
import { seedTrail } from "@/sim/seed-trail";

export interface BulkSeedOptions {
  /** Parallel account seeds (default 16). moto is one Python process: more rarely helps. */
  concurrency?: number;
  /** The management account's organization trail (default true). */
  organizationTrail?: boolean;
  /**
   * The 14 CIS filters and alarms on every fully configured member trail too (default false: 28
   * more calls per account; the organization trail carries them and is credited to every member).
   */
  cisAlarms?: boolean;
  seed?: number;
  log?: (line: string) => void;
}

export interface BulkAccount {
  accountId: string;
  name: string;
  ouPath: string;
  profile: "full" | "partial";
  trailArns: string[];
}

export interface BulkManifest {
  managementAccountId: string;
  organizationId: string;
  centralBucketName: string;
  organizationTrailArn: string | null;
  accounts: BulkAccount[];
  timings: { organizationMs: number; trailsMs: number; totalMs: number };
}

const BULK_OUS = ["Root/Bulk", "Root/Bulk/Prod", "Root/Bulk/Dev", "Root/Bulk/Sandbox"] as const;

/** Partly configured variants, rotated across the odd-numbered accounts. */
const PARTIAL: readonly Omit<TrailSpec, "name">[] = [
  {
    multiRegion: false,
    logging: true,
    selectors: "basic: ReadWriteType=All",
    logFileValidation: false,
    kms: false,
    cloudWatch: "none",
    bucket: "central",
  },
  {
    multiRegion: true,
    logging: true,
    selectors: "basic: ReadWriteType=WriteOnly",
    logFileValidation: true,
    kms: false,
    cloudWatch: "logs-only",
    bucket: "central",
  },
  {
    multiRegion: true,
    logging: false,
    selectors: "basic: ReadWriteType=All",
    logFileValidation: true,
    kms: true,
    cloudWatch: "none",
    bucket: "central",
  },
  {
    multiRegion: true,
    logging: true,
    selectors: "advanced: eventCategory=Management",
    logFileValidation: true,
    kms: false,
    cloudWatch: "none",
    bucket: "central",
  },
];

function trailsFor(
  name: string,
  index: number,
  cisAlarms: boolean,
): { profile: BulkAccount["profile"]; specs: TrailSpec[] } {
  const full: TrailSpec = {
    name: `${name}-trail`,
    multiRegion: true,
    logging: true,
    selectors: "basic: ReadWriteType=All",
    logFileValidation: true,
    kms: true,
    cloudWatch: cisAlarms ? "cis-all" : "logs-only",
    bucket: "central",
    tags: { Owner: name },
  };
  const partial = {
    name: `${name}-trail`,
    ...(PARTIAL[Math.floor(index / 2) % PARTIAL.length] as Omit<TrailSpec, "name">),
  };
  const specs = [index % 2 === 0 ? full : partial];
  // Every fourth account also keeps an old single-region trail (the second trail users forget).
  if (index % 4 === 1)
    specs.push({
      ...partial,
      name: `${name}-legacy`,
      multiRegion: false,
      kms: false,
      cloudWatch: "none",
      tags: { Legacy: "true" },
    });
  return { profile: index % 2 === 0 ? "full" : "partial", specs };
}

/** The central bucket and KMS key every bulk trail uses, and the organization trail. */
async function seedBulkManagement(management: SimClients, organizationId: string, withOrgTrail: boolean) {
  const central = { name: centralBucketName(MANAGEMENT_ACCOUNT_ID), ownerAccountId: MANAGEMENT_ACCOUNT_ID };
  await createAccessLogBucket(management.s3, MANAGEMENT_ACCOUNT_ID);
  await createTrailBucket(management.s3, {
    ...central,
    policy: cloudTrailBucketPolicy(central.name, { accountIds: [], organizationId }),
    accessLogBucket: accessLogBucketName(MANAGEMENT_ACCOUNT_ID),
  });
  // One central key: moto spends ~80 ms generating each key's material, too slow per account.
  const sharedKmsKeyArn = await createTrailKey(management.kms, MANAGEMENT_ACCOUNT_ID, ["*"]);
  const orgTrail = withOrgTrail
    ? await seedTrail(management, ORGANIZATION_TRAIL, { central, isOrganizationTrail: true, sharedKmsKeyArn })
    : null;
  return { central, sharedKmsKeyArn, orgTrailArn: orgTrail?.trail.arn ?? null };
}

export async function seedBulkOrganization(
  endpoint: string,
  n: number,
  opts: BulkSeedOptions = {},
): Promise<BulkManifest> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  await resetMoto(endpoint, opts.seed ?? DEFAULT_MOTO_SEED);
  const shared = new SimClients(MANAGEMENT_ACCOUNT_ID, {
    ...motoClientConfig(endpoint),
    requestHandler: new MotoAccountRouting(),
  });
  try {
    const names = Array.from({ length: n }, (_, i) => `bulk-${String(i + 1).padStart(4, "0")}`);
    const ouOf = (i: number) => BULK_OUS[1 + (i % 3)] as string;
    // Named explicitly: without the header moto scans every account's access keys on each call.
    const org = await actingIn(MANAGEMENT_ACCOUNT_ID, () =>
      createOrganization(shared.organizations, {
        ouPaths: BULK_OUS,
        members: names.map((name, i) => ({
          name,
          email: accountEmail(name),
          ouPath: ouOf(i),
          tags: { Benchmark: "true" },
        })),
        moveConcurrency: opts.concurrency ?? 16,
      }),
    );
    const organizationMs = Date.now() - started;
    log(`bulk organization ${org.organizationId}: ${n} accounts in ${(organizationMs / 1000).toFixed(1)} s`);

    const { central, sharedKmsKeyArn, orgTrailArn } = await actingIn(MANAGEMENT_ACCOUNT_ID, () =>
      seedBulkManagement(shared.withAccount(MANAGEMENT_ACCOUNT_ID), org.organizationId, opts.organizationTrail ?? true),
    );

    const trailsStarted = Date.now();
    const limit = pLimit(opts.concurrency ?? 16);
    let done = 0;
    const accounts = await Promise.all(
      names.map((name, i) =>
        limit(async (): Promise<BulkAccount> => {
          const accountId = org.accountIds.get(name) as string;
          const { profile, specs } = trailsFor(name, i, opts.cisAlarms ?? false);
          const trailArns = await actingIn(accountId, async () => {
            const arns: string[] = [];
            for (const spec of specs)
              arns.push((await seedTrail(shared.withAccount(accountId), spec, { central, sharedKmsKeyArn })).trail.arn);
            return arns;
          });
          if (++done % 100 === 0) log(`bulk: ${done}/${n} accounts seeded`);
          return { accountId, name, ouPath: ouOf(i), profile, trailArns };
        }),
      ),
    );
    const trailsMs = Date.now() - trailsStarted;
    return {
      managementAccountId: MANAGEMENT_ACCOUNT_ID,
      organizationId: org.organizationId,
      centralBucketName: central.name,
      organizationTrailArn: orgTrailArn,
      accounts,
      timings: { organizationMs, trailsMs, totalMs: Date.now() - started },
    };
  } finally {
    shared.destroy();
  }
}
