// Eventual consistency, as AWS documents it and moto does not have it: an IAM role created (or its
// trust policy changed) a moment ago is not yet usable by the service that assumes it, and a KMS
// key's tags take up to five minutes to affect authorization. Off by default (N = 0 seconds);
// tests and the demo turn it on through the proxy's control path
// `POST /__trailwarden/consistency {"roleSeconds": N, "tagSeconds": N}` (see `setConsistency`).
//
// The tag rule: a KMS call on a key whose tags changed less than `tagSeconds` ago, made by a role
// in `tagAuthorizedRoles` (roles whose identity policy grants key access by `aws:ResourceTag`), is
// refused unless the key policy itself names that role — the key policy is what authorizes at once.
import { AssumedRoles } from "@/sim/proxy/assumed-roles";
import type { ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import { jsonAnswer } from "@/sim/proxy/aws-errors";
import type { AwsCall } from "@/sim/proxy/describe-call";
import { DEFAULT_ACCOUNT, MotoReader } from "@/sim/proxy/moto-reads";
import { evaluatePolicy } from "@/sim/proxy/policy-evaluator";

export const CONSISTENCY_PATH = "/__trailwarden/consistency";

export interface ConsistencySettings {
  /** Seconds a new role (or a changed trust policy) is not yet assumable by a service. */
  roleSeconds: number;
  /** Seconds a KMS key's tag change takes to affect authorization. */
  tagSeconds: number;
  /** Role names whose key access comes from tag-conditioned identity policies. */
  tagAuthorizedRoles: string[];
}

export interface EventualConsistency extends ProxyInterceptor {
  settings: ConsistencySettings;
  configure(settings: Partial<ConsistencySettings>): void;
  /** Whether `roleArn` was created or re-trusted less than `roleSeconds` ago. */
  roleSettling(roleArn: string): boolean;
}

const KEY_OPERATIONS = new Set([
  "CreateAlias",
  "DescribeKey",
  "EnableKeyRotation",
  "GetKeyPolicy",
  "GetKeyRotationStatus",
  "ListResourceTags",
  "PutKeyPolicy",
  "TagResource",
]);

const keyIdOf = (idOrArn: string) => idOrArn.split("/").pop() ?? idOrArn;

export function eventualConsistency(initial: Partial<ConsistencySettings> = {}): EventualConsistency {
  const settings: ConsistencySettings = {
    roleSeconds: 0,
    tagSeconds: 0,
    tagAuthorizedRoles: ["TrailwardenRemediation"],
    ...initial,
  };
  const roleChanged = new Map<string, number>();
  const tagChanged = new Map<string, number>();
  const roles = new AssumedRoles();
  const young = (at: number | undefined, seconds: number) => at !== undefined && Date.now() - at < seconds * 1000;

  const recordRole = (call: AwsCall) => {
    const name = String(call.input?.RoleName ?? "");
    if (name) roleChanged.set(`arn:aws:iam::${call.accountId ?? DEFAULT_ACCOUNT}:role/${name}`, Date.now());
  };

  return {
    name: "eventual-consistency",
    settings,
    configure(next) {
      Object.assign(settings, next);
    },
    roleSettling(roleArn) {
      // Roles may carry a path; CloudTrail is given the full ARN, the record keeps path-less ones.
      const name = roleArn.split("/").pop() ?? "";
      const account = roleArn.split(":")[4] ?? "";
      return young(roleChanged.get(`arn:aws:iam::${account}:role/${name}`), settings.roleSeconds);
    },
    async intercept(call, ctx) {
      if (call.url.startsWith(CONSISTENCY_PATH)) {
        if (call.method === "POST") {
          const body = JSON.parse(call.body.toString("utf8") || "{}") as Partial<ConsistencySettings>;
          Object.assign(settings, body);
        }
        return jsonAnswer(settings);
      }
      if (call.service !== "kms" || !KEY_OPERATIONS.has(call.operation) || settings.tagSeconds <= 0) return undefined;
      const role = roles.roleOf(call);
      if (!role || !settings.tagAuthorizedRoles.includes(role.split("/").pop() ?? "")) return undefined;
      const target = String(call.input?.TargetKeyId ?? call.input?.KeyId ?? "");
      if (!target || !young(tagChanged.get(keyIdOf(target)), settings.tagSeconds)) return undefined;
      const account = call.accountId ?? DEFAULT_ACCOUNT;
      const key = await new MotoReader(ctx).key(target, account, call.region);
      if (!key) return undefined;
      const action = `kms:${call.operation}`;
      const named = evaluatePolicy(
        key.policy,
        { principal: { aws: role }, action, resource: key.arn, context: {} },
        { accountDelegates: false },
      );
      if (named === "allow") return undefined;
      return ctx.awsError(
        call,
        400,
        "AccessDeniedException",
        `User: ${role} is not authorized to perform: ${action} on resource: ${key.arn} because no identity-based ` +
          `policy allows the ${action} action (the key's tags changed less than ${settings.tagSeconds} s ago and ` +
          `do not authorize yet)`,
      );
    },
    observe(call, answer) {
      if (answer.status !== 200) return;
      roles.observe(call, answer);
      if (call.service === "iam" && (call.operation === "CreateRole" || call.operation === "UpdateAssumeRolePolicy"))
        recordRole(call);
      if (call.service === "kms" && call.operation === "CreateKey") {
        // Only this answer is read as text (others, S3 objects included, may be large).
        const id = /"KeyId"\s*:\s*"([^"]+)"/.exec(answer.body.toString("utf8"))?.[1];
        const tags = call.input?.Tags;
        if (id && Array.isArray(tags) && tags.length > 0) tagChanged.set(id, Date.now());
      }
      if (call.service === "kms" && (call.operation === "TagResource" || call.operation === "UntagResource")) {
        const id = String(call.input?.KeyId ?? "");
        if (id) tagChanged.set(keyIdOf(id), Date.now());
      }
    },
  };
}

/** Sets the simulator's eventual-consistency delays from another process (tests, the demo). */
export async function setConsistency(endpoint: string, settings: Partial<ConsistencySettings>): Promise<void> {
  const res = await fetch(`${endpoint}${CONSISTENCY_PATH}`, { method: "POST", body: JSON.stringify(settings) });
  if (!res.ok) throw new Error(`the simulator refused the consistency settings (${res.status})`);
}
