// What one collection run shares across its accounts: settings, the client factory (one socket
// pool, per account-and-region rate limits), the credential broker, run statistics, the discovered
// organization, and memoized shared reads (the organization trail, a central bucket or log group
// is read once per run however many accounts it serves).
import { CredentialBroker, type HubIdentity } from "@/lib/aws/assume-role";
import type { SessionIdentity } from "@/lib/aws/session-identity";
import {
  ClientFactory,
  type ClientFactoryOptions,
  type ServiceClients,
  type ServiceName,
} from "@/lib/aws/create-clients";
import { newRunStats, type CallRecorder, type RunStats, type SharedEvidence } from "@/lib/collect/call-recorder";
import type { RegionState } from "@/lib/collect/snapshot-types";
import type { Env } from "@/lib/config/env";

export type SecurityHubMode = "aggregator" | "per-account" | "off";

export interface CollectionSettings {
  endpoint?: string;
  /** Where account-wide calls (ListTrails, DescribeRegions, STS) go. */
  primaryRegion: string;
  /** TRAILWARDEN_REGIONS; undefined = each account's enabled regions (DescribeRegions). */
  regions?: string[];
  discovery: "organizations" | "static";
  staticAccounts?: string[];
  roleName: string;
  externalId?: string;
  securityHub: { mode: SecurityHubMode; accountId?: string; region?: string };
  concurrency: number;
  maxAttempts: number;
  timeoutMs: number;
}

export function settingsFromEnv(env: Env): CollectionSettings {
  const primaryRegion =
    env.AWS_REGION ??
    (env.TRAILWARDEN_REGIONS?.includes("us-east-1") || !env.TRAILWARDEN_REGIONS
      ? "us-east-1"
      : env.TRAILWARDEN_REGIONS[0]!);
  return {
    endpoint: env.AWS_ENDPOINT_URL,
    primaryRegion,
    regions: env.TRAILWARDEN_REGIONS,
    discovery: env.TRAILWARDEN_DISCOVERY,
    staticAccounts: env.TRAILWARDEN_ACCOUNTS,
    roleName: env.TRAILWARDEN_ROLE_NAME,
    externalId: env.TRAILWARDEN_EXTERNAL_ID,
    securityHub: {
      mode: env.TRAILWARDEN_SECURITYHUB,
      accountId: env.TRAILWARDEN_SECURITYHUB_ACCOUNT,
      region: env.TRAILWARDEN_SECURITYHUB_REGION,
    },
    concurrency: env.TRAILWARDEN_COLLECT_CONCURRENCY,
    maxAttempts: env.TRAILWARDEN_AWS_MAX_ATTEMPTS,
    timeoutMs: env.TRAILWARDEN_AWS_TIMEOUT_MS,
  };
}

export interface OrgAccount {
  id: string;
  name: string;
  isManagement: boolean;
}

export class RunContext {
  readonly stats: RunStats;
  readonly clients: ClientFactory;
  readonly broker: CredentialBroker;
  organization: { id: string; managementAccountId: string } | null = null;
  /** Every account of the organization (not only the run's scope): owners of shared resources. */
  readonly orgAccounts = new Map<string, OrgAccount>();
  /** Recent DescribeRegions answers per account, reused instead of asking again (collect-regions.ts). */
  readonly knownRegions = new Map<string, { regions: RegionState[]; readAt?: string }>();
  private readonly memo = new Map<string, Promise<unknown>>();
  private hubIdentityValue: HubIdentity | null = null;

  constructor(
    readonly settings: CollectionSettings,
    clientOptions: Partial<ClientFactoryOptions> = {},
    /** The sessions opened in member accounts (`trailwarden-collect-<run id>`: CloudTrail shows which run read). */
    session?: SessionIdentity,
  ) {
    this.stats = newRunStats({ probeOperations: Boolean(settings.endpoint) });
    this.clients = new ClientFactory({
      endpoint: settings.endpoint,
      maxAttempts: settings.maxAttempts,
      timeoutMs: settings.timeoutMs,
      onAttempt: () => {
        this.stats.attempts += 1;
      },
      onRetry: (kind) => {
        this.stats.retries += 1;
        if (kind === "throttled") this.stats.throttled += 1;
      },
      ...clientOptions,
    });
    this.broker = new CredentialBroker(this.clients, {
      roleName: settings.roleName,
      externalId: settings.externalId,
      region: settings.primaryRegion,
      endpoint: settings.endpoint,
      session,
    });
  }

  async init(): Promise<HubIdentity> {
    this.hubIdentityValue = await this.broker.hubIdentity();
    return this.hubIdentityValue;
  }

  get hub(): HubIdentity {
    if (!this.hubIdentityValue) throw new Error("RunContext.init() was not awaited");
    return this.hubIdentityValue;
  }

  /** A client acting in `accountId` through the assumed role (cached per service, account, region). */
  client<S extends ServiceName>(service: S, accountId: string, region: string): ServiceClients[S] {
    return this.clients.get(service, accountId, region, this.broker.provider(accountId));
  }

  /** A client acting as the hub itself (Organizations discovery). */
  hubClient<S extends ServiceName>(service: S, region: string): ServiceClients[S] {
    return this.clients.get(service, "hub", region, this.broker.hub);
  }

  /** Runs `read` once per run for `key`; later callers share the same promise. */
  shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      this.memo.set(key, p);
    }
    return p;
  }

  isOrgAccount(accountId: string): boolean {
    return this.orgAccounts.has(accountId);
  }

  /** The regions account-wide reads consider when TRAILWARDEN_REGIONS is set. */
  get configuredRegions(): string[] | undefined {
    return this.settings.regions;
  }

  destroy(): void {
    this.clients.destroy();
  }
}

/** A value read once per run for many accounts, with the evidence each consumer merges. */
export interface SharedRead<T> {
  value: T;
  evidence: SharedEvidence;
}

/** Memoizes `read` per run under `key` (calls counted as CallRecorder.child says). */
export function sharedRead<T>(
  ctx: RunContext,
  key: string,
  trigger: CallRecorder,
  read: (rec: CallRecorder) => Promise<T>,
): Promise<SharedRead<T>> {
  return ctx.shared(key, async () => {
    const rec = trigger.child();
    const value = await read(rec);
    return { value, evidence: rec };
  });
}
