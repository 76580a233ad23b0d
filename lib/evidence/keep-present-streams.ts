// Narrows an account's planned streams (trail regions ∩ the account's enabled or configured
// regions) to those whose region folder exists in the bucket: one region scan per record root
// (bucket, key prefix, organization, kind). When a scan fails, the root's streams are all kept:
// each read then records the failure on its own stream, where the account page shows it.
import "server-only";
import { classifyError } from "@/lib/aws/classify-error";
import type { RunContext } from "@/lib/collect/run-context";
import type { EvidenceStreamSpec } from "@/lib/evidence/evidence-types";
import { findRecordRegions } from "@/lib/evidence/find-record-regions";
import { recordRoot } from "@/lib/evidence/record-keys";

export interface KeepPresentInput {
  now: Date;
  rescan: boolean;
  onCall: () => void;
  log?: (line: string) => void;
}

export async function keepPresentStreams(
  ctx: RunContext,
  specs: EvidenceStreamSpec[],
  input: KeepPresentInput,
): Promise<EvidenceStreamSpec[]> {
  const roots = new Map<string, EvidenceStreamSpec[]>();
  for (const spec of specs) {
    const id = `${spec.bucket}\n${recordRoot(spec, spec.kind)}`;
    roots.set(id, [...(roots.get(id) ?? []), spec]);
  }
  const kept = await Promise.all(
    [...roots.values()].map(async (group) => {
      const first = group[0]!;
      const s3 = ctx.client("s3", first.bucketOwner ?? first.accountId, first.bucketRegion);
      try {
        const wanted = [...new Set(group.map((s) => s.region))];
        const present = await findRecordRegions(first, wanted, { s3, ...input });
        return group.filter((s) => present.has(s.region));
      } catch (err) {
        const c = classifyError(err);
        input.log?.(
          `evidence: cannot list the regions of s3://${first.bucket}/${recordRoot(first, first.kind)}: ${c.code}`,
        );
        return group;
      }
    }),
  );
  return kept.flat();
}
