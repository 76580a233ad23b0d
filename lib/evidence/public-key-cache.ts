// CloudTrail's public keys, cached by fingerprint for the life of the process (they are public,
// and a year of digests is signed by a handful of keys). One ListPublicKeys per region covers a
// read's whole time range; a fingerprint not among them asks once more (the key may have rotated
// since), at most every few minutes per region. An endpoint that does not implement
// ListPublicKeys (moto) makes signatures "unverifiable", never valid.
import { ListPublicKeysCommand, type CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { KeyObject } from "node:crypto";
import { classifyError } from "@/lib/aws/classify-error";
import { publicKeyObject } from "@/lib/evidence/verify-signature";

const REFRESH_MS = 5 * 60_000;

export type KeyLookup = { kind: "key"; key: KeyObject } | { kind: "unknown" } | { kind: "unsupported" };

export class PublicKeyCache {
  private readonly keys = new Map<string, KeyObject>();
  private readonly askedAt = new Map<string, number>();
  private readonly unsupportedRegions = new Set<string>();
  private readonly inflight = new Map<string, Promise<void>>();
  calls = 0;

  /** Whether some region answered that ListPublicKeys is not implemented. */
  get unsupported(): boolean {
    return this.unsupportedRegions.size > 0;
  }

  async lookup(client: CloudTrailClient, region: string, fingerprint: string, range: [Date, Date]): Promise<KeyLookup> {
    const known = this.keys.get(fingerprint);
    if (known) return { kind: "key", key: known };
    if (this.unsupportedRegions.has(region)) return { kind: "unsupported" };
    const last = this.askedAt.get(region);
    if (last === undefined || Date.now() - last > REFRESH_MS) await this.load(client, region, range);
    if (this.unsupportedRegions.has(region)) return { kind: "unsupported" };
    const key = this.keys.get(fingerprint);
    return key ? { kind: "key", key } : { kind: "unknown" };
  }

  private load(client: CloudTrailClient, region: string, [start, end]: [Date, Date]): Promise<void> {
    let p = this.inflight.get(region);
    if (!p) {
      p = (async () => {
        try {
          let token: string | undefined;
          do {
            this.calls += 1;
            const out = await client.send(
              new ListPublicKeysCommand({ StartTime: start, EndTime: end, NextToken: token }),
            );
            for (const k of out.PublicKeyList ?? []) {
              if (k.Fingerprint && k.Value) this.keys.set(k.Fingerprint, publicKeyObject(k.Fingerprint, k.Value));
            }
            token = out.NextToken;
          } while (token);
          this.askedAt.set(region, Date.now());
        } catch (err) {
          if (classifyError(err).kind === "unsupported") this.unsupportedRegions.add(region);
          else throw err;
        } finally {
          this.inflight.delete(region);
        }
      })();
      this.inflight.set(region, p);
    }
    return p;
  }
}
