// Joins touching segments with the same state and cause into one, so a gap is one maximal run.
import type { Segment } from "@/lib/coverage/coverage-types";

export function mergeSegments(segments: Iterable<Segment>): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.end <= s.start) continue;
    const prev = out[out.length - 1];
    let cause = s.cause;
    // Once a trail is deleted, the region stays "trail deleted" (not "no trail") until coverage
    // comes back: the auditor's question is why the gap began.
    if (prev && prev.end === s.start && prev.cause === "trail_deleted" && cause === "no_trail") cause = "trail_deleted";
    if (prev && prev.end === s.start && prev.state === s.state && prev.cause === cause) {
      prev.end = s.end;
      continue;
    }
    out.push({ ...s, cause });
  }
  return out;
}

/** Keeps the part of each segment inside [from, to). A segment cut at `from` keeps its bound. */
export function clipSegments(segments: Segment[], from: number, to: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end > start) out.push({ ...s, start, end });
  }
  return out;
}
