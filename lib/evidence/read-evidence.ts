// The evidence read: for every account (or those named), the record its trails delivered, read
// from each trail's bucket in the bucket owner's account (through its read role), validated and
// stored; incremental after the first read, which goes back TRAILWARDEN_EVIDENCE_HORIZON_DAYS.
// Called by `trailwarden evidence`, the worker's evidence job after each collection, and the bench.
import "server-only";
import pLimit from "p-limit";
import { classifyError } from "@/lib/aws/classify-error";
import type { ClientFactoryOptions } from "@/lib/aws/create-clients";
import { RunContext, settingsFromEnv, type CollectionSettings } from "@/lib/collect/run-context";
import { getEnv } from "@/lib/config/env";
import { db } from "@/lib/db";
import type { EvidenceStreamSpec, IssueReason } from "@/lib/evidence/evidence-types";
import { planEvidenceStreams, type EvidenceSnapshot } from "@/lib/evidence/plan-evidence-streams";
import { PublicKeyCache } from "@/lib/evidence/public-key-cache";
import { keepPresentStreams } from "@/lib/evidence/keep-present-streams";
import { logFilesNeeded, readStream } from "@/lib/evidence/read-stream";
import type { LogFileCheck } from "@/lib/evidence/verify-log-file";

export interface ReadEvidenceOptions {
  accountIds?: string[];
  /** Re-read from this day on (default: continue where the last read stopped; first read: the horizon). */
  since?: Date;
  logFiles?: LogFileCheck;
  now?: Date;
  settings?: CollectionSettings;
  clientOptions?: Partial<ClientFactoryOptions>;
  /** Concurrent accounts (each reads its streams a few at a time). */
  concurrency?: number;
  log?: (line: string) => void;
  /** Stops before the next stream (a worker shutting down); what was read is stored. */
  signal?: AbortSignal;
}

export interface EvidenceSummary {
  accounts: number;
  streams: number;
  digests: number;
  valid: number;
  unverifiable: number;
  logFilesChecked: number;
  logFilesListed: number;
  issues: Partial<Record<IssueReason, number>>;
  s3Calls: number;
  publicKeyCalls: number;
  /** True when the endpoint does not implement ListPublicKeys: signatures were not verified. */
  signaturesUnverifiable: boolean;
  errors: { accountId: string; region: string; trailArn: string; kind: string; message: string }[];
  skipped: { accountId: string; trailArn: string; reason: string }[];
  durationMs: number;
}

async function latestSnapshots(accountIds: string[] | undefined): Promise<EvidenceSnapshot[]> {
  const rows = await db.$queryRaw<{ state: EvidenceSnapshot }[]>`
    SELECT DISTINCT ON (account_id)
      jsonb_build_object('accountId', state->'accountId', 'regions', state->'regions', 'trails', state->'trails',
        'buckets', state->'buckets', 'organization', state->'organization') AS state
    FROM snapshots
    WHERE status <> 'error'
    ORDER BY account_id, collected_at DESC`;
  const wanted = accountIds?.length ? new Set(accountIds) : null;
  return rows.map((r) => r.state).filter((s) => !wanted || wanted.has(s.accountId));
}

export function evidenceHorizon(now: Date): Date {
  const days = getEnv().TRAILWARDEN_EVIDENCE_HORIZON_DAYS;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * 86_400_000);
}

export async function readEvidence(options: ReadEvidenceOptions = {}): Promise<EvidenceSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const ctx = new RunContext(options.settings ?? settingsFromEnv(getEnv()), options.clientOptions, {
    sessionName: "trailwarden-evidence",
  });
  const publicKeys = new PublicKeyCache();
  const summary: EvidenceSummary = {
    accounts: 0,
    streams: 0,
    digests: 0,
    valid: 0,
    unverifiable: 0,
    logFilesChecked: 0,
    logFilesListed: 0,
    issues: {},
    s3Calls: 0,
    publicKeyCalls: 0,
    signaturesUnverifiable: false,
    errors: [],
    skipped: [],
    durationMs: 0,
  };
  try {
    await ctx.init();
    const snapshots = await latestSnapshots(options.accountIds);
    const horizon = evidenceHorizon(now);
    const limit = pLimit(options.concurrency ?? 8);
    await Promise.all(
      snapshots.map((snapshot) =>
        limit(async () => {
          if (options.signal?.aborted) return;
          const plan = planEvidenceStreams(snapshot);
          summary.accounts += 1;
          for (const s of plan.skipped) summary.skipped.push({ accountId: snapshot.accountId, ...s });
          const scan = {
            now,
            rescan: Boolean(options.since),
            onCall: () => {
              summary.s3Calls += 1;
            },
            log: options.log,
          };
          // Digest streams first: a log-file stream reads up to where its digests begin.
          const digests = await keepPresentStreams(
            ctx,
            plan.streams.filter((s) => s.kind === "digests"),
            scan,
          );
          const firstDigest = new Map<string, Date | null>();
          const streamLimit = pLimit(4);
          const run = async (spec: EvidenceStreamSpec) => {
            if (options.signal?.aborted) return;
            try {
              const out = await readStream(ctx, spec, {
                publicKeys,
                horizon,
                since: options.since,
                now,
                logFiles: options.logFiles ?? false,
                firstDigest: firstDigest.get(`${spec.trailArn}/${spec.region}`),
              });
              if (spec.kind === "digests") firstDigest.set(`${spec.trailArn}/${spec.region}`, out.firstDigestAt);
              if (!out.read) return;
              summary.streams += 1;
              summary.digests += out.read.digests;
              summary.valid += out.read.valid;
              summary.unverifiable += out.read.unverifiable;
              summary.logFilesChecked += out.read.logFilesChecked;
              summary.logFilesListed += out.read.logFilesListed;
              summary.s3Calls += out.read.s3Calls;
              for (const i of out.read.issues) summary.issues[i.reason] = (summary.issues[i.reason] ?? 0) + 1;
            } catch (err) {
              const c = classifyError(err);
              summary.errors.push({
                accountId: spec.accountId,
                region: spec.region,
                trailArn: spec.trailArn,
                kind: spec.kind,
                message: `${c.code}: ${c.message}`,
              });
            }
          };
          await Promise.all(digests.map((s) => streamLimit(() => run(s))));
          // Log files only where no digest vouches: regions without digests, or before the first one.
          const since = options.since ?? horizon;
          const wanted = plan.streams.filter(
            (s) => s.kind === "log-files" && logFilesNeeded(firstDigest.get(`${s.trailArn}/${s.region}`), since),
          );
          const logFiles = wanted.length ? await keepPresentStreams(ctx, wanted, scan) : [];
          await Promise.all(logFiles.map((s) => streamLimit(() => run(s))));
          ctx.clients.release(snapshot.accountId);
        }),
      ),
    );
  } finally {
    summary.publicKeyCalls = publicKeys.calls;
    summary.signaturesUnverifiable = publicKeys.unsupported;
    summary.durationMs = Date.now() - started;
    ctx.destroy();
  }
  options.log?.(
    `evidence: ${summary.accounts} accounts, ${summary.streams} streams, ${summary.digests} digests (${summary.valid} valid) in ${(summary.durationMs / 1000).toFixed(1)} s`,
  );
  return summary;
}
