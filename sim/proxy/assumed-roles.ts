// Which role an access key acts as, learnt from the AssumeRole answers passing through the proxy:
// the strict checks that depend on the caller's own permissions (AWS evaluates the caller's
// identity policies) look the role up by the call's access key.
import type { ForwardedAnswer } from "@/sim/proxy/aws-proxy";
import type { AwsCall } from "@/sim/proxy/describe-call";

export class AssumedRoles {
  private readonly byKey = new Map<string, string>();

  observe(call: AwsCall, answer: ForwardedAnswer): void {
    if (call.operation !== "AssumeRole" || answer.status !== 200) return;
    const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(answer.body.toString("utf8"))?.[1];
    const role = String(call.input?.RoleArn ?? "");
    if (key && role) this.byKey.set(key, role);
  }

  /** The role ARN the call's credentials came from (undefined: the default credentials). */
  roleOf(call: AwsCall): string | undefined {
    return call.accessKey ? this.byKey.get(call.accessKey) : undefined;
  }
}
