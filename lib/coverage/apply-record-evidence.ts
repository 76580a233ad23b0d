// Lays CloudTrail's own record over the coverage our snapshots give one region. Hours a valid
// signed digest covers (of a trail that logs all management events there) are recorded, proved by
// AWS; hours only a delivered log file covers are recorded, delivered but unsigned; hours between
// two digests with none are a gap dated by the digests. Snapshots stay the source of *what* was
// logged (partial selectors stay partial) and the fallback wherever the record says nothing.
// Pure and in whole seconds like the rest of lib/coverage.
import type { ReportBound, StoredGap } from "@/lib/coverage/coverage-types";

export interface Span {
  start: number;
  end: number;
}

/** The record of one account × region, in seconds. */
export interface RegionRecord {
  /** Valid digests of trails that record all management events there. */
  proved: Span[];
  /** Log files, or digests whose signature could not be checked (or whose trail's selectors are unknown). */
  delivered: Span[];
  /** Valid digests of trails that log only part of the management events: their coverage and cause. */
  partial: (Span & { gap: Pick<StoredGap, "state" | "cause"> })[];
  /** Hours with no digest between two digests of a chain. */
  missing: Span[];
}

export interface OverlaidGap extends Omit<StoredGap, "startBound" | "endBound"> {
  boundedBy: ReportBound;
  startBound: ReportBound;
  endBound: ReportBound;
}

/** Causes the record can contradict: it proves logging happened, not what was selected. */
const OVERRIDABLE = new Set(["no_evidence", "collection_error", "logging_stopped", "trail_deleted", "no_trail"]);

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** `span` minus the (merged, sorted) `cut`. */
export function subtractSpans(span: Span, cut: Span[]): Span[] {
  const out: Span[] = [];
  let from = span.start;
  for (const c of cut) {
    if (c.end <= from) continue;
    if (c.start >= span.end) break;
    if (c.start > from) out.push({ start: from, end: Math.min(c.start, span.end) });
    from = Math.max(from, c.end);
    if (from >= span.end) break;
  }
  if (from < span.end) out.push({ start: from, end: span.end });
  return out;
}

function intersect(a: Span, b: Span): Span | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return end > start ? { start, end } : null;
}

const boundOf = (g: { startBound: ReportBound; endBound: ReportBound }): ReportBound =>
  g.startBound === g.endBound
    ? g.startBound
    : g.startBound === "snapshots" || g.endBound === "snapshots"
      ? "snapshots"
      : g.startBound;

export interface OverlayResult {
  gaps: OverlaidGap[];
  evidence: "digests" | "log-files" | "snapshots";
}

export function applyRecordEvidence(
  region: string,
  gaps: StoredGap[],
  record: RegionRecord | undefined,
  period: Span,
): OverlayResult {
  const plain = (g: StoredGap): OverlaidGap => ({
    ...g,
    boundedBy: boundOf(g),
    startBound: g.startBound,
    endBound: g.endBound,
  });
  if (!record) return { gaps: gaps.map(plain), evidence: "snapshots" };
  const clip = (spans: Span[]) => spans.flatMap((s) => intersect(s, period) ?? []);
  const proved = mergeSpans(clip(record.proved));
  const delivered = mergeSpans(clip(record.delivered));
  const any = mergeSpans([...proved, ...delivered]);
  const kindAt = (t: number): ReportBound => (proved.some((s) => s.start <= t && t <= s.end) ? "digests" : "log-files");

  const out: OverlaidGap[] = [];
  for (const g of gaps) {
    if (!OVERRIDABLE.has(g.cause)) {
      out.push(plain(g));
      continue;
    }
    for (const piece of subtractSpans(g, any)) {
      const startBound = piece.start === g.start ? g.startBound : kindAt(piece.start);
      const endBound = piece.end === g.end ? g.endBound : kindAt(piece.end);
      // Before our first collection, a trail that logs only part of the events gives that part.
      const partial = record.partial.find((p) => intersect(p, piece));
      if (partial && g.cause === "no_evidence") {
        for (const part of subtractSpans(piece, mergeSpans([partial]))) {
          out.push({ ...g, ...part, startBound, endBound, boundedBy: boundOf({ startBound, endBound }) });
        }
        const inside = intersect(piece, partial)!;
        out.push({
          ...g,
          ...inside,
          ...partial.gap,
          startBound: "digests",
          endBound: "digests",
          boundedBy: "digests",
        });
        continue;
      }
      out.push({ ...g, ...piece, startBound, endBound, boundedBy: boundOf({ startBound, endBound }) });
    }
  }
  // Hours with no digest (that no other trail's record covers) are gaps dated by the chain.
  const missing = mergeSpans(clip(record.missing)).flatMap((m) => subtractSpans(m, any));
  let result = out;
  if (missing.length) {
    result = out.flatMap((g) => subtractSpans(g, missing).map((p) => ({ ...g, ...p })));
    for (const m of missing)
      result.push({
        region,
        ...m,
        state: "not_recorded",
        cause: "no_digest",
        startBound: "digests",
        endBound: "digests",
        boundedBy: "digests",
      });
  }
  result.sort((a, b) => a.start - b.start);
  const merged: OverlaidGap[] = [];
  for (const g of result) {
    const prev = merged[merged.length - 1];
    if (prev && prev.end === g.start && prev.cause === g.cause && prev.boundedBy === g.boundedBy) prev.end = g.end;
    else merged.push({ ...g });
  }
  const evidence = proved.length ? "digests" : delivered.length ? "log-files" : "snapshots";
  return { gaps: merged, evidence };
}
