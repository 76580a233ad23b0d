// Every AWS call of a collection goes through a CallRecorder: it counts the call (per account and
// per operation for the run), keeps the response as evidence (trimmed of credentials and
// transport metadata), and turns a failure into a CollectionError instead of an exception, so one
// failed call makes a snapshot partial rather than failing the account.
import { redactRawEvidence } from "@/lib/collect/redact-evidence";
import { classifyError } from "@/lib/aws/classify-error";
import type { CollectionError } from "@/lib/collect/snapshot-types";

export interface RunStats {
  calls: number;
  byOp: Record<string, number>;
  attempts: number;
  retries: number;
  throttled: number;
  /** `service:operation` the endpoint answered "not implemented": not asked again this run. */
  unsupported: Set<string>;
  /**
   * Against an emulator (an endpoint override) the first call of each operation goes alone and the
   * others wait for its answer, so an operation it lacks is asked once per run, not once per
   * account of the first wave. Unset against AWS, which implements everything.
   */
  firstCalls: Map<string, Promise<void>> | null;
  /** Calls per operation already added to the run's row (takeUnflushedByOp). */
  flushedByOp: Record<string, number>;
}

export function newRunStats(options: { probeOperations?: boolean } = {}): RunStats {
  return {
    calls: 0,
    byOp: {},
    attempts: 0,
    retries: 0,
    throttled: 0,
    unsupported: new Set(),
    firstCalls: options.probeOperations ? new Map() : null,
    flushedByOp: {},
  };
}

/**
 * The calls per operation made since the last take, marked taken at once (synchronously, so two
 * accounts storing together never take the same calls). A batch of a run shared by several workers
 * adds them to the run with each snapshot it stores (store-snapshot.ts): by the time the run's
 * last account is stored, every call of every batch is on the run.
 */
export function takeUnflushedByOp(stats: RunStats): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [op, n] of Object.entries(stats.byOp)) {
    const d = n - (stats.flushedByOp[op] ?? 0);
    if (d > 0) delta[op] = d;
    stats.flushedByOp[op] = n;
  }
  return delta;
}

export interface CallTarget {
  service: string;
  operation: string;
  region?: string;
  /** The account the call is made in, when not the recorder's own. */
  accountId?: string;
  resource?: string;
}

export type CallResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      error: CollectionError;
      /** an error code the caller declared an answer (e.g. NoSuchBucketPolicy) */ expected: boolean;
    };

export interface Evidence {
  errors: CollectionError[];
  raw: Record<string, unknown>;
  /** Shared reads this evidence relies on (their raw is kept once per run, see store-snapshot.ts). */
  shared: SharedEvidence[];
}

/** A shared read's evidence; `storedIn` is the first snapshot of the run that kept its raw. */
export interface SharedEvidence extends Evidence {
  storedIn?: { snapshotId: string; accountId: string };
}

const PROBE_WAIT_MS = 1_000;
const DROP_KEYS = new Set(["$metadata", "Credentials", "SecretAccessKey", "SessionToken"]);

/** A JSON-safe copy of a response without transport metadata or secrets. */
export function trimResponse(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(trimResponse);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (DROP_KEYS.has(k) || v === undefined) continue;
      out[k] = trimResponse(v);
    }
    return out;
  }
  return value;
}

export function rawKey(t: CallTarget): string {
  return [t.service, t.operation, t.accountId, t.region, t.resource].filter(Boolean).join(" ");
}

export class CallRecorder implements SharedEvidence {
  calls = 0;
  readonly errors: CollectionError[] = [];
  readonly raw: Record<string, unknown> = {};
  readonly shared: SharedEvidence[] = [];
  storedIn?: { snapshotId: string; accountId: string };

  constructor(
    readonly accountId: string,
    readonly stats: RunStats,
    private readonly parent?: CallRecorder,
  ) {}

  /**
   * A recorder for a shared read (the organization trail, a central bucket): its own evidence,
   * which every consuming account merges. It belongs to no account, so every error and raw key it
   * records names the account of its call. A call it makes counts on the consuming account only
   * when it is made in that account (the management account reading its own trails, a member its
   * own bucket); reads made elsewhere for many accounts count on the run alone, so an account's
   * call count does not depend on which account happened to need a shared resource first.
   */
  child(): CallRecorder {
    return new CallRecorder("", this.stats, this);
  }

  private count(op: string, callAccount: string | undefined): void {
    this.calls += 1;
    this.parent?.countFromChild(callAccount);
    this.stats.calls += 1;
    this.stats.byOp[op] = (this.stats.byOp[op] ?? 0) + 1;
  }

  private countFromChild(callAccount: string | undefined): void {
    if (this.parent) {
      this.parent.countFromChild(callAccount);
    } else if (callAccount === this.accountId) {
      this.calls += 1;
    }
  }

  async call<T>(
    target: CallTarget,
    fn: () => Promise<T>,
    options: { expectedErrors?: string[]; keepRaw?: boolean | ((value: T) => unknown) } = {},
  ): Promise<CallResult<T>> {
    const op = `${target.service}:${target.operation}`;
    const where = target.accountId && target.accountId !== this.accountId ? target.accountId : undefined;
    let release: (() => void) | undefined;
    const first = this.stats.firstCalls;
    if (first) {
      const probe = first.get(op);
      // Bounded: a first call that hangs (a timeout) must not hold the others up for long.
      if (probe)
        await Promise.race([probe, new Promise<void>((resolve) => setTimeout(resolve, PROBE_WAIT_MS).unref())]);
      else first.set(op, new Promise<void>((resolve) => (release = resolve)));
    }
    try {
      return await this.send(op, where, target, fn, options);
    } finally {
      release?.();
    }
  }

  private async send<T>(
    op: string,
    where: string | undefined,
    target: CallTarget,
    fn: () => Promise<T>,
    options: { expectedErrors?: string[]; keepRaw?: boolean | ((value: T) => unknown) },
  ): Promise<CallResult<T>> {
    if (this.stats.unsupported.has(op)) {
      return {
        ok: false,
        expected: false,
        error: this.toError(
          target,
          where,
          "unsupported",
          "NotImplemented",
          "the endpoint does not implement this operation",
        ),
      };
    }
    this.count(op, target.accountId ?? (this.accountId || undefined));
    try {
      const value = await fn();
      if (options.keepRaw !== false) {
        const kept = typeof options.keepRaw === "function" ? options.keepRaw(value) : value;
        // Subscriber endpoints and the like never reach the database (redact-evidence.ts).
        this.raw[rawKey({ ...target, accountId: where })] = redactRawEvidence(op, trimResponse(kept));
      }
      return { ok: true, value };
    } catch (err) {
      const c = classifyError(err);
      if (c.kind === "unsupported") this.stats.unsupported.add(op);
      const error = this.toError(target, where, c.kind, c.code, c.message);
      const expected = options.expectedErrors?.includes(c.code) ?? false;
      if (expected) this.raw[rawKey({ ...target, accountId: where })] = { error: c.code };
      else this.errors.push(error);
      return { ok: false, error, expected };
    }
  }

  /** Records a failure that did not come from a call made here (e.g. a shared read's outcome). */
  record(error: CollectionError): void {
    this.errors.push(error);
  }

  private toError(
    t: CallTarget,
    where: string | undefined,
    kind: CollectionError["kind"],
    code: string,
    message: string,
  ): CollectionError {
    const e: CollectionError = { service: t.service, operation: t.operation, kind, code, message };
    if (t.region) e.region = t.region;
    if (where) e.accountId = where;
    if (t.resource) e.resource = t.resource;
    return e;
  }

  /**
   * Takes a shared read's errors into this account's snapshot, and notes the read as evidence. Its
   * raw responses are not copied: a central bucket or the organization trail serves a thousand
   * accounts, and the first snapshot stored keeps them for all (store-snapshot.ts).
   */
  merge(evidence: SharedEvidence): void {
    for (const shared of evidence.errors) {
      const e = { ...shared };
      if (e.accountId === this.accountId) delete e.accountId;
      if (
        !this.errors.some(
          (x) =>
            x.operation === e.operation &&
            x.resource === e.resource &&
            x.accountId === e.accountId &&
            x.region === e.region,
        )
      ) {
        this.errors.push(e);
      }
    }
    for (const e of [evidence, ...evidence.shared]) if (!this.shared.includes(e)) this.shared.push(e);
  }
}
