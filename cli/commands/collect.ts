// `npx trailwarden collect [--account ID ...] [--json]`: one collection now, in this process (no
// worker needed), then the coverage rollups brought up to date here too, as the worker's collect
// job has them rebuilt after its runs. Prints a summary; exit code 1 only when the run failed
// entirely (no account could be read, or the run could not start), 0 when some accounts are
// partial or failed.
import { UsageError } from "@/cli/run-command";
import { cliPrincipal, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { runCollection, type RunSummary } from "@/lib/collect/run-collection";
import { refreshCoverage } from "@/lib/coverage/rebuild-coverage";
import { ensureDatabase } from "@/lib/db/database";
import { loadEvaluationHook } from "@/lib/evaluate/load-evaluation-hook";

export interface CollectOptions {
  account?: string[];
  json?: boolean;
}

function printSummary(s: RunSummary): void {
  const c = s.counts;
  const out = [
    `Collection ${s.runId}: ${s.status}`,
    `  accounts: ${s.accountsTotal} (${c.ok} ok, ${c.partial} partial, ${c.error} error${c.skipped ? `, ${c.skipped} skipped` : ""})`,
    `  duration: ${(s.durationMs / 1000).toFixed(1)} s`,
    `  AWS calls: ${s.apiCalls} (${s.accountsTotal ? (s.apiCalls / s.accountsTotal).toFixed(1) : "0"} per account; ${s.retries} retries, ${s.throttled} throttled)`,
  ];
  if (s.securityHub && s.securityHub.mode !== "off") {
    out.push(
      `  Security Hub (${s.securityHub.mode}${s.securityHub.accountId ? `, ${s.securityHub.accountId}/${s.securityHub.region}` : ""}): ` +
        `${s.securityHub.read} findings read, ${s.securityHub.stored} stored`,
    );
  }
  const problems = s.accounts.filter((a) => a.status !== "ok");
  if (problems.length > 0) {
    out.push("  problems:");
    for (const a of problems) out.push(`    ${a.accountId} ${a.name} [${a.status}] ${a.error ?? ""}`);
  }
  if (s.error)
    out.push(
      `  notes:\n${s.error
        .split("\n")
        .map((l) => `    ${l}`)
        .join("\n")}`,
    );
  console.log(out.join("\n"));
}

export async function run(options: CollectOptions): Promise<number> {
  const accountIds = options.account ?? [];
  const bad = accountIds.filter((id) => !/^\d{12}$/.test(id));
  if (bad.length > 0) throw new UsageError(`--account takes 12-digit AWS account ids (got ${bad.join(", ")})`);
  const database = await ensureDatabase({ log: (l) => console.error(l) });
  try {
    const actor = cliPrincipal();
    const progress = !options.json && process.stderr.isTTY;
    const summary = await runCollection({
      trigger: "cli",
      requestedBy: actor.name,
      accountIds,
      onSnapshotStored: await loadEvaluationHook(),
      onAccountDone: progress ? (_a, done, total) => process.stderr.write(`\r  ${done}/${total} accounts`) : undefined,
      log: options.json ? undefined : (l) => console.error(l),
    });
    if (progress) process.stderr.write("\n");
    await recordAuditEvent({
      actor,
      action: "collection.run",
      target: summary.runId,
      outcome: summary.status === "error" ? "failure" : "success",
      details: { accounts: summary.accountsTotal, counts: summary.counts, accountIds },
    });
    // No worker may be running to pick up a queued refresh, so the rollups the coverage report and
    // the Reports page read are rebuilt in this process. The snapshots are stored either way: a
    // failed refresh is reported, and the next refresh (report export, worker) catches up.
    try {
      const rebuilt = await refreshCoverage();
      if (!options.json && rebuilt.accounts > 0)
        console.error(`Coverage brought up to date for ${rebuilt.accounts} account(s) in ${rebuilt.durationMs} ms`);
    } catch (err) {
      console.error(`Coverage rollups not refreshed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (options.json) console.log(JSON.stringify(summary, null, 2));
    else printSummary(summary);
    return summary.status === "error" ? 1 : 0;
  } finally {
    await database.stop();
  }
}
