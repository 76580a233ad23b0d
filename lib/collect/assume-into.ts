// Makes sure the run holds credentials for an account before its calls go out, and records the
// AssumeRole call (once, however many readers of that account are waiting) on the recorder of
// whoever needed it first. A refusal here is what turns an account's snapshot into an error one.
import { AwsCallError, classifyError } from "@/lib/aws/classify-error";
import type { CallRecorder, CallResult } from "@/lib/collect/call-recorder";
import type { RunContext } from "@/lib/collect/run-context";

export async function assumeInto(ctx: RunContext, rec: CallRecorder, accountId: string): Promise<CallResult<true>> {
  if (ctx.broker.cached(accountId)) return { ok: true, value: true };
  const target = {
    service: "sts",
    operation: "AssumeRole",
    region: ctx.settings.primaryRegion,
    accountId,
    resource: `role/${ctx.settings.roleName}`,
  };
  const pending = ctx.broker.pending(accountId);
  if (pending) {
    try {
      await pending;
      return { ok: true, value: true };
    } catch (err) {
      // The first caller recorded the call; this reader records the same failure for its snapshot.
      const c = err instanceof AwsCallError ? err.classified : classifyError(err);
      const error = {
        service: "sts",
        operation: "AssumeRole",
        region: target.region,
        accountId,
        resource: target.resource,
        kind: c.kind,
        code: c.code,
        message: c.message,
      };
      if (accountId === rec.accountId) delete (error as { accountId?: string }).accountId;
      rec.record(error);
      return { ok: false, error, expected: false };
    }
  }
  const res = await rec.call(target, () => ctx.broker.assume(accountId), { keepRaw: false });
  return res.ok ? { ok: true, value: true } : res;
}
