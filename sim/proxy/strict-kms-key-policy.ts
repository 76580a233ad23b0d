// KMS authorizes every call on a key through the key policy first: a principal the policy does not
// name, in an account the policy does not delegate to (no statement for the account's root), is
// refused whatever its IAM policy says ("Key policies in AWS KMS"). moto ignores key policies; this
// interceptor refuses such calls made with assumed-role credentials (the default credentials stay
// the account's administrator, as the seeding needs). The caller's IAM policy itself is not
// evaluated here.
import { AssumedRoles } from "@/sim/proxy/assumed-roles";
import type { ProxyInterceptor } from "@/sim/proxy/aws-proxy";
import { DEFAULT_ACCOUNT, MotoReader } from "@/sim/proxy/moto-reads";
import { evaluatePolicy } from "@/sim/proxy/policy-evaluator";

const KEY_OPERATIONS = new Set([
  "CreateAlias",
  "DescribeKey",
  "EnableKeyRotation",
  "GetKeyPolicy",
  "GetKeyRotationStatus",
  "ListResourceTags",
  "PutKeyPolicy",
  "TagResource",
  "UntagResource",
  "Decrypt",
  "GenerateDataKey",
]);

export function strictKmsKeyPolicy(): ProxyInterceptor {
  const roles = new AssumedRoles();
  return {
    name: "strict-kms-key-policy",
    observe: (call, answer) => roles.observe(call, answer),
    async intercept(call, ctx) {
      if (call.service !== "kms" || !KEY_OPERATIONS.has(call.operation)) return undefined;
      const role = roles.roleOf(call);
      const target = String(call.input?.TargetKeyId ?? call.input?.KeyId ?? "");
      if (!role || !target) return undefined;
      const key = await new MotoReader(ctx).key(target, call.accountId ?? DEFAULT_ACCOUNT, call.region);
      if (!key) return undefined; // moto answers NotFoundException itself
      const action = `kms:${call.operation}`;
      const decision = evaluatePolicy(key.policy, { principal: { aws: role }, action, resource: key.arn, context: {} });
      if (decision === "allow") return undefined;
      return ctx.awsError(
        call,
        400,
        "AccessDeniedException",
        `User: ${role} is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`,
      );
    },
  };
}
