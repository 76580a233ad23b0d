// The one place SDK clients are built. Every client honours the endpoint override (an emulator),
// an explicit region, the configured attempts and timeouts, the jittered retry policy and the
// per account-and-region rate limits. Clients are cached per service, account and region and share
// one HTTP handler (one socket pool): building a client costs far more than a call, and a run over
// a thousand accounts would otherwise open a thousand pools.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { EC2Client } from "@aws-sdk/client-ec2";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { S3Client } from "@aws-sdk/client-s3";
import type { SecurityHubClient } from "@aws-sdk/client-securityhub";
import { SNSClient } from "@aws-sdk/client-sns";
import { STSClient } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, FinalizeRequestMiddleware } from "@smithy/types";
import { RateLimiter } from "@/lib/aws/rate-limiter";
import { JitteredRetryStrategy } from "@/lib/aws/retry-strategy";

export interface ServiceClients {
  sts: STSClient;
  organizations: OrganizationsClient;
  ec2: EC2Client;
  cloudtrail: CloudTrailClient;
  s3: S3Client;
  logs: CloudWatchLogsClient;
  cloudwatch: CloudWatchClient;
  sns: SNSClient;
  securityhub: SecurityHubClient;
}
export type ServiceName = keyof ServiceClients;

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export interface ClientFactoryOptions {
  /** AWS_ENDPOINT_URL: every service is sent there (an emulator or a proxy in front of one). */
  endpoint?: string;
  maxAttempts: number;
  /** Whole request-and-response budget per attempt. */
  timeoutMs: number;
  limiter?: RateLimiter;
  /** Told about every attempt that goes out (retries included). */
  onAttempt?: (service: ServiceName, operation: string) => void;
  onRetry?: (kind: string) => void;
  maxSockets?: number;
  /** Base delays of the backoff (tests shorten them). */
  retryBaseDelayMs?: number;
  throttleBaseDelayMs?: number;
  /** Replaces the HTTP layer (tests answer with canned AWS responses). */
  requestHandler?: NodeHttpHandler;
}

type Constructor = new (config: Record<string, unknown>) => ServiceClients[ServiceName];
const CONSTRUCTORS: Partial<Record<ServiceName, Constructor>> = {
  sts: STSClient,
  organizations: OrganizationsClient,
  cloudtrail: CloudTrailClient,
  s3: S3Client,
  logs: CloudWatchLogsClient,
  cloudwatch: CloudWatchClient,
  sns: SNSClient,
} as unknown as Partial<Record<ServiceName, Constructor>>;

/**
 * Packages loaded only when used: EC2's alone adds some 60 MB to the process and serves one call
 * (DescribeRegions, skipped when TRAILWARDEN_REGIONS is set); Security Hub's is idle when it is off.
 */
const LAZY: Partial<Record<ServiceName, () => Promise<Constructor>>> = {
  ec2: async () => (await import("@aws-sdk/client-ec2")).EC2Client as unknown as Constructor,
  securityhub: async () => (await import("@aws-sdk/client-securityhub")).SecurityHubClient as unknown as Constructor,
};

interface MiddlewareStackHost {
  middlewareStack: {
    addRelativeTo(
      mw: FinalizeRequestMiddleware<object, object>,
      options: { relation: "after"; toMiddleware: string; name: string },
    ): void;
  };
}

export class ClientFactory {
  private readonly cache = new Map<string, ServiceClients[ServiceName]>();
  private readonly constructors = new Map<ServiceName, Constructor>(
    Object.entries(CONSTRUCTORS) as [ServiceName, Constructor][],
  );
  private readonly handler: NodeHttpHandler;
  private readonly retryStrategy: JitteredRetryStrategy;
  readonly limiter: RateLimiter;

  constructor(private readonly options: ClientFactoryOptions) {
    const maxSockets = options.maxSockets ?? 256;
    this.handler =
      options.requestHandler ??
      new NodeHttpHandler({
        httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
        httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
        connectionTimeout: Math.min(options.timeoutMs, 5_000),
        requestTimeout: options.timeoutMs,
        throwOnRequestTimeout: true,
      });
    this.retryStrategy = new JitteredRetryStrategy({
      maxAttempts: options.maxAttempts,
      onRetry: options.onRetry,
      baseDelayMs: options.retryBaseDelayMs,
      throttleBaseDelayMs: options.throttleBaseDelayMs,
    });
    this.limiter = options.limiter ?? new RateLimiter();
  }

  /** Loads a service's package (see LAZY); the others are always loaded. */
  async load(service: ServiceName): Promise<void> {
    if (this.constructors.has(service)) return;
    const loader = LAZY[service];
    if (loader) this.constructors.set(service, await loader());
  }

  /** The cached client of `service` acting in `accountId` and `region`. */
  get<S extends ServiceName>(
    service: S,
    accountId: string,
    region: string,
    credentials: Credentials,
  ): ServiceClients[S] {
    const key = `${service}/${accountId}/${region}`;
    const cached = this.cache.get(key);
    if (cached) return cached as ServiceClients[S];
    const config: Record<string, unknown> = {
      region,
      credentials,
      requestHandler: this.handler,
      maxAttempts: this.options.maxAttempts,
      retryStrategy: this.retryStrategy,
      customUserAgent: "trailwarden",
    };
    if (this.options.endpoint) config.endpoint = this.options.endpoint;
    if (service === "s3") {
      // Path-style addressing is what an emulator understands; real S3 redirects a bucket of
      // another region, which the SDK follows with this flag.
      config.forcePathStyle = Boolean(this.options.endpoint);
      config.followRegionRedirects = true;
    }
    const Ctor = this.constructors.get(service);
    if (!Ctor) throw new Error(`The ${service} client is not loaded: await ClientFactory.load("${service}") first`);
    const client = new Ctor(config) as ServiceClients[S];
    this.instrument(client as unknown as MiddlewareStackHost, service, accountId, region);
    this.cache.set(key, client);
    return client;
  }

  /** Every attempt waits for a token of its account/region/family, then is counted. */
  private instrument(client: MiddlewareStackHost, service: ServiceName, accountId: string, region: string): void {
    const limiter = this.limiter;
    const onAttempt = this.options.onAttempt;
    const mw: FinalizeRequestMiddleware<object, object> = (next, context) => async (args) => {
      const operation = String(context.commandName ?? "").replace(/Command$/, "");
      await limiter.acquire(accountId, region, service, operation);
      onAttempt?.(service, operation);
      return next(args);
    };
    client.middlewareStack.addRelativeTo(mw, {
      relation: "after",
      toMiddleware: "retryMiddleware",
      name: "trailwardenRateLimit",
    });
  }

  /**
   * Forgets the clients of an account whose collection is over. They hold no sockets (the handler
   * is shared) but thousands of idle clients weigh hundreds of MB; one needed again is rebuilt.
   * Not `client.destroy()`: that would close the shared handler.
   */
  release(accountId: string): void {
    for (const key of this.cache.keys()) if (key.split("/")[1] === accountId) this.cache.delete(key);
  }

  get clientCount(): number {
    return this.cache.size;
  }

  /** Closes the shared sockets; the factory must not be used afterwards. */
  destroy(): void {
    this.cache.clear();
    this.handler.destroy();
  }
}
