// SDK clients acting in a target account through the remediation role
// (TRAILWARDEN_REMEDIATION_ROLE_NAME), for the services remediation calls. The collector's
// ClientFactory (lib/aws/create-clients.ts) has no IAM or KMS clients and rate-limits by read
// families, so remediation builds its own clients here, reusing the collector's credential broker
// (AssumeRole with caching) and retry policy, and adds what mutating calls need: every mutating
// attempt waits for a token of a process-wide limiter keyed by account and region (docs/controls.md:
// 1 mutating call per second), and every response's AWS request id is recorded.
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import { SNSClient } from "@aws-sdk/client-sns";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { CredentialBroker } from "@/lib/aws/assume-role";
import { remediateSession } from "@/lib/aws/session-identity";
import { ClientFactory } from "@/lib/aws/create-clients";
import { RateLimiter } from "@/lib/aws/rate-limiter";
import { JitteredRetryStrategy } from "@/lib/aws/retry-strategy";
import { getEnv } from "@/lib/config/env";
import type { StepService } from "@/lib/remediate/plan/plan-types";

export interface RemediationClientSet {
  s3: S3Client;
  kms: KMSClient;
  logs: CloudWatchLogsClient;
  iam: IAMClient;
  cloudtrail: CloudTrailClient;
  cloudwatch: CloudWatchClient;
  sns: SNSClient;
  /** Organizations (a global service): only the organization fix calls it, in the management account. */
  organizations: OrganizationsClient;
  /** AWS Config: only the organization fix's optional organization Config rule, in the management account. */
  config: ConfigServiceClient;
}

/** Where executors get their clients; tests wrap it to inject failures. */
export interface ClientProvider {
  clients(accountId: string, region: string): RemediationClientSet;
}

export interface RecordedCall {
  service: string;
  operation: string;
  accountId: string;
  region: string;
  mutating: boolean;
  requestId?: string;
  /** When the request was sent (after waiting for its rate-limit token). */
  at: string;
}

const MUTATING =
  /^(Create|Update|Put|Start|Add|Enable|Subscribe|Tag|Attach|Associate|Set|Delete|Stop|Remove|Disable|Detach|Untag)/;

export function isMutating(operation: string): boolean {
  return MUTATING.test(operation);
}

const globalForLimiter = globalThis as unknown as { trailwardenMutationLimiter?: Map<number, RateLimiter> };

/** One limiter per rate in the process: every job's mutations in an account and region share it. */
export function mutationLimiter(perSecond: number): RateLimiter {
  globalForLimiter.trailwardenMutationLimiter ??= new Map();
  let limiter = globalForLimiter.trailwardenMutationLimiter.get(perSecond);
  if (!limiter) {
    limiter = new RateLimiter({ default: { ratePerSecond: perSecond, burst: 1 } });
    globalForLimiter.trailwardenMutationLimiter.set(perSecond, limiter);
  }
  return limiter;
}

interface MiddlewareHost {
  middlewareStack: {
    addRelativeTo(
      mw: FinalizeRequestMiddleware<object, object>,
      o: { relation: "after"; toMiddleware: string; name: string },
    ): void;
  };
}

export interface RemediationClientOptions {
  /**
   * Whose job the sessions serve: every session is `trailwarden-remediate-<job>-<user>` with
   * SourceIdentity = the user, so the member account's CloudTrail names who asked. One instance
   * serves one job: its credentials are never reused for another user.
   */
  session: { jobId: string; user: string };
  mutationsPerSecond: number;
  endpoint?: string;
  maxAttempts?: number;
  timeoutMs?: number;
}

export class RemediationClients implements ClientProvider {
  readonly calls: RecordedCall[] = [];
  private readonly cache = new Map<string, RemediationClientSet>();
  private readonly sts: ClientFactory;
  private readonly broker: CredentialBroker;
  private readonly readLimiter = new RateLimiter();
  private readonly mutations: RateLimiter;
  private readonly retryStrategy: JitteredRetryStrategy;
  private readonly endpoint?: string;
  private readonly maxAttempts: number;

  constructor(options: RemediationClientOptions) {
    const env = getEnv();
    this.endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL;
    this.maxAttempts = options.maxAttempts ?? env.TRAILWARDEN_AWS_MAX_ATTEMPTS;
    const timeoutMs = options.timeoutMs ?? env.TRAILWARDEN_AWS_TIMEOUT_MS;
    this.sts = new ClientFactory({ endpoint: this.endpoint, maxAttempts: this.maxAttempts, timeoutMs });
    this.broker = new CredentialBroker(this.sts, {
      roleName: env.TRAILWARDEN_REMEDIATION_ROLE_NAME,
      externalId: env.TRAILWARDEN_EXTERNAL_ID,
      region: env.AWS_REGION ?? "us-east-1",
      endpoint: this.endpoint,
      session: remediateSession(options.session.jobId, options.session.user),
    });
    this.mutations = mutationLimiter(options.mutationsPerSecond);
    this.retryStrategy = new JitteredRetryStrategy({ maxAttempts: this.maxAttempts });
  }

  clients(accountId: string, region: string): RemediationClientSet {
    const key = `${accountId}/${region}`;
    let set = this.cache.get(key);
    if (set) return set;
    const config = {
      region,
      credentials: this.broker.provider(accountId),
      maxAttempts: this.maxAttempts,
      retryStrategy: this.retryStrategy,
      customUserAgent: "trailwarden-remediate",
      ...(this.endpoint ? { endpoint: this.endpoint } : {}),
    };
    set = {
      s3: new S3Client({ ...config, forcePathStyle: Boolean(this.endpoint), followRegionRedirects: true }),
      kms: new KMSClient(config),
      logs: new CloudWatchLogsClient(config),
      iam: new IAMClient(config),
      cloudtrail: new CloudTrailClient(config),
      cloudwatch: new CloudWatchClient(config),
      sns: new SNSClient(config),
      organizations: new OrganizationsClient(config),
      config: new ConfigServiceClient(config),
    };
    for (const [service, client] of Object.entries(set))
      this.instrument(client as unknown as MiddlewareHost, service as StepService, accountId, region);
    this.cache.set(key, set);
    return set;
  }

  private instrument(client: MiddlewareHost, service: StepService, accountId: string, region: string): void {
    const mw: FinalizeRequestMiddleware<object, object> = (next, context) => async (args) => {
      const operation = String(context.commandName ?? "").replace(/Command$/, "");
      const mutating = isMutating(operation);
      if (mutating) await this.mutations.acquire(accountId, region, "remediate", "mutate");
      else await this.readLimiter.acquire(accountId, region, service, operation);
      const sentAt = new Date().toISOString();
      const result = await next(args);
      const response = result.response as { headers?: Record<string, string> } | undefined;
      const headers = response?.headers ?? {};
      const requestId = headers["x-amzn-requestid"] ?? headers["x-amz-request-id"] ?? headers["x-amzn-request-id"];
      this.calls.push({ service, operation, accountId, region, mutating, requestId, at: sentAt });
      return result;
    };
    client.middlewareStack.addRelativeTo(mw, {
      relation: "after",
      toMiddleware: "retryMiddleware",
      name: "trailwardenRemediationLimit",
    });
  }

  destroy(): void {
    for (const set of this.cache.values())
      for (const client of Object.values(set)) (client as { destroy(): void }).destroy();
    this.cache.clear();
    this.sts.destroy();
  }
}
