// `npx trailwarden remediate (--account ID | --organization) [--dry-run | --apply] [--yes]
// [--alarm-email EMAIL | --alarm-topic-arn ARN] [--config-rule] [--as EMAIL]`: plans the whole-family fix from the
// account's latest snapshot, or the organization fix (organization trail + guardrail SCP), and
// prints it as a diff (--dry-run, the default); with --apply, asks for confirmation on a terminal
// (unless --yes), applies it in this process (no worker needed; still one job per account), prints
// each step as it completes and then the verification. Ctrl-C while applying
// cancels before the next step. Exit codes (README): 0 the plan is applicable (dry run) or
// the account ends "logging, validated, alarming"; 2 every step succeeded but a person has an
// action left (printed); 1 a step failed, the fix did not hold, or the plan is blocked.
import { createInterface } from "node:readline/promises";
import { UsageError } from "@/cli/run-command";
import { cliPrincipal } from "@/lib/audit/record-audit-event";
import type { Principal } from "@/lib/roles";
import { ensureDatabase } from "@/lib/db/database";
import { applyRemediation } from "@/lib/remediate/apply/apply-remediation";
import { cancelRemediation } from "@/lib/remediate/apply/cancel-remediation";
import { getRemediationJob } from "@/lib/read-models/get-remediation-job";
import { planRemediation } from "@/lib/remediate/plan/plan-remediation";
import { exitCodeFor } from "@/lib/remediate/verify/job-outcome";
import { renderPlanText } from "@/lib/remediate/plan/render-plan-text";
import { planOrganizationRemediation } from "@/lib/remediate/plan/organization/plan-organization-remediation";
import { planOverridesSchema, type PlanOverrides } from "@/lib/remediate/remediation-settings";
import { runRemediation, type StepEvent } from "@/lib/remediate/apply/run-remediation";

export interface RemediateOptions {
  account?: string;
  organization?: boolean;
  dryRun?: boolean;
  apply?: boolean;
  yes?: boolean;
  alarmEmail?: string;
  alarmTopicArn?: string;
  configRule?: boolean;
  as?: string;
}

function overridesOf(options: RemediateOptions): PlanOverrides | undefined {
  if (options.alarmEmail === undefined && options.alarmTopicArn === undefined && !options.configRule) return undefined;
  const parsed = planOverridesSchema.safeParse({
    alarmEmail: options.alarmEmail,
    alarmTopicArn: options.alarmTopicArn,
    ...(options.configRule ? { configRule: true } : {}),
  });
  if (!parsed.success) {
    const flag = (path: PropertyKey | undefined) => (path === "alarmEmail" ? "--alarm-email" : "--alarm-topic-arn");
    throw new UsageError(parsed.error.issues.map((i) => `${flag(i.path[0])} ${i.message}`).join("; "));
  }
  return parsed.data;
}

function principalFor(email: string | undefined): Principal {
  const base = cliPrincipal();
  return email ? { ...base, name: `${base.name} as ${email}`, email } : base;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function printStep(e: StepEvent, total: number): void {
  if (e.phase !== "recorded" || !e.outcome) return;
  const mark = e.outcome.status === "failed" ? "✕" : e.outcome.changed ? "✓" : "=";
  const note = e.outcome.status === "failed" ? ` — ${e.outcome.error}` : e.outcome.changed ? "" : " (already in place)";
  const id = e.outcome.requestId ? ` [${e.outcome.requestId}]` : "";
  console.log(`  ${mark} ${String(e.index + 1).padStart(2)}/${total} ${e.step.title}${id}${note}`);
}

export async function run(options: RemediateOptions): Promise<number> {
  if (options.organization && options.account !== undefined)
    throw new UsageError("--account and --organization exclude each other");
  if (options.configRule && !options.organization)
    throw new UsageError("--config-rule belongs to the organization fix: add --organization");
  if (!options.organization && !/^\d{12}$/.test(options.account ?? ""))
    throw new UsageError(
      options.account === undefined
        ? "give --account ID (the family fix of one account) or --organization (the organization trail and guardrail)"
        : `--account takes a 12-digit AWS account id (got "${options.account}")`,
    );
  if (options.dryRun && options.apply) throw new UsageError("--dry-run and --apply exclude each other");
  const database = await ensureDatabase({ log: (l) => console.error(l) });
  try {
    const principal = principalFor(options.as);
    const overrides = overridesOf(options);
    const planned = options.organization
      ? await planOrganizationRemediation({ principal, overrides })
      : await planRemediation({ accountId: options.account!, principal, overrides });
    const target = options.organization ? "the organization" : `account ${options.account}`;
    console.log(renderPlanText(planned.plan));
    console.log(`\nPlan ${planned.jobId} (hash ${planned.planHash.slice(0, 12)})`);
    if (planned.plan.status === "blocked") return 1;
    if (!options.apply) return 0;
    if (planned.plan.status === "empty") {
      console.log("Nothing to apply.");
      return 0;
    }
    if (!options.yes) {
      if (!process.stdin.isTTY)
        throw new UsageError("refusing to apply without confirmation: run it in a terminal or pass --yes");
      if (!(await confirm(`\nApply these ${planned.plan.steps.length} steps to ${target}? [y/N] `))) {
        console.log("Not applied.");
        return 1;
      }
    }
    const applied = await applyRemediation({
      accountId: planned.plan.accountId,
      scope: options.organization ? "organization" : "account",
      planId: planned.jobId,
      principal,
      enqueue: false,
    });
    console.log(`\nApplying job ${applied.jobId} (Ctrl-C cancels before the next step):`);
    const onSigint = () => {
      console.error("\nCancelling before the next step…");
      void cancelRemediation({ jobId: applied.jobId, principal }).catch((err: Error) => console.error(err.message));
    };
    process.once("SIGINT", onSigint);
    let status: string;
    try {
      status = await runRemediation(applied.jobId, {
        onStep: (e) => printStep(e, planned.plan.steps.length),
        log: (l) => console.error(`  ${l}`),
      });
    } finally {
      process.off("SIGINT", onSigint);
    }
    const job = await getRemediationJob(applied.jobId);
    const v = job?.verification;
    console.log(`\nJob ${applied.jobId}: ${status === "needs-attention" ? "applied — needs attention" : status}`);
    if (v && "failing" in v) {
      console.log(`Verification: ${v.outcome}${v.replan ? ` (re-plan: ${v.replan.summary})` : ""}`);
      for (const f of v.failing) console.log(`  ✕ ${f.controlId} ${f.status}: ${f.reason}`);
      for (const c of v.caveats) console.log(`  ? ${c.controlId} ${c.status}: ${c.reason}`);
      if (v.actions?.length) {
        console.log("Left to a person:");
        for (const a of v.actions) console.log(`  → ${a.action}`);
      }
      console.log(`  ${v.note}`);
    } else if (job?.error) {
      console.log(job.error);
    }
    return exitCodeFor(status);
  } finally {
    await database.stop();
  }
}
