// Organizations and AWS Config clients acting in the management account through the remediation
// role, for the plan's live reads (SCPs, trusted access, the root, organization Config rules):
// snapshots hold neither.
// Built here rather than from the apply room's clients: planning reads, it never writes.
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { CredentialBroker } from "@/lib/aws/assume-role";
import { ClientFactory } from "@/lib/aws/create-clients";
import { JitteredRetryStrategy } from "@/lib/aws/retry-strategy";
import { remediateSession } from "@/lib/aws/session-identity";
import { getEnv } from "@/lib/config/env";

/** Organizations is a global service; its API lives in us-east-1 (aws partition). */
export const ORGANIZATIONS_REGION = "us-east-1";

/** The management account's credentials through the remediation role, for the plan's live reads. */
function managementSession(managementAccountId: string, user: string) {
  const env = getEnv();
  const endpoint = env.AWS_ENDPOINT_URL;
  const sts = new ClientFactory({
    endpoint,
    maxAttempts: env.TRAILWARDEN_AWS_MAX_ATTEMPTS,
    timeoutMs: env.TRAILWARDEN_AWS_TIMEOUT_MS,
  });
  const broker = new CredentialBroker(sts, {
    roleName: env.TRAILWARDEN_REMEDIATION_ROLE_NAME,
    externalId: env.TRAILWARDEN_EXTERNAL_ID,
    region: env.AWS_REGION ?? ORGANIZATIONS_REGION,
    endpoint,
    session: remediateSession("plan", user),
  });
  const config = {
    credentials: broker.provider(managementAccountId),
    maxAttempts: env.TRAILWARDEN_AWS_MAX_ATTEMPTS,
    retryStrategy: new JitteredRetryStrategy({ maxAttempts: env.TRAILWARDEN_AWS_MAX_ATTEMPTS }),
    customUserAgent: "trailwarden-remediate",
    ...(endpoint ? { endpoint } : {}),
  };
  return { sts, config };
}

/**
 * `user`: who asked for the plan. The session is `trailwarden-remediate-plan-<user>` with the user
 * as SourceIdentity, so the management account's own record says who read it.
 */
export async function withOrganizationsClient<T>(
  managementAccountId: string,
  user: string,
  fn: (client: OrganizationsClient) => Promise<T>,
): Promise<T> {
  const { sts, config } = managementSession(managementAccountId, user);
  const client = new OrganizationsClient({ ...config, region: ORGANIZATIONS_REGION });
  try {
    return await fn(client);
  } finally {
    client.destroy();
    sts.destroy();
  }
}

/** AWS Config in the management account and `region` (the optional organization Config rule). */
export async function withConfigServiceClient<T>(
  managementAccountId: string,
  region: string,
  user: string,
  fn: (client: ConfigServiceClient) => Promise<T>,
): Promise<T> {
  const { sts, config } = managementSession(managementAccountId, user);
  const client = new ConfigServiceClient({ ...config, region });
  try {
    return await fn(client);
  } finally {
    client.destroy();
    sts.destroy();
  }
}
