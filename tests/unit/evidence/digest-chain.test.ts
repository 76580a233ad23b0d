// The pure parts of the evidence read: AWS's key layout both ways, the data-signing string, and the
// chain walker's judgement of signatures, links, gaps and intervals on hand-made digests.
import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sha256Hex, stringToSign, type DigestFile } from "@/lib/evidence/digest-file";
import {
  digestKey,
  logFileKey,
  parseDigestKey,
  parseLogFileKey,
  startAfterFor,
  digestFolder,
} from "@/lib/evidence/record-keys";
import { publicKeyObject, verifySignature } from "@/lib/evidence/verify-signature";
import { DigestChainWalker, type JudgedDigest } from "@/lib/evidence/walk-digest-chain";

const loc = { accountId: "111122223333", region: "us-east-2" };

describe("record keys", () => {
  it("builds the digest key AWS documents and reads it back", () => {
    const key = digestKey(loc, "your-trail-name", "us-east-2", new Date("2015-08-17T15:01:31Z"));
    expect(key).toBe(
      "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz",
    );
    expect(parseDigestKey(key, loc)).toEqual({
      trailName: "your-trail-name",
      homeRegion: "us-east-2",
      end: new Date("2015-08-17T15:01:31Z"),
      backfill: false,
    });
  });

  it("puts organization trails under the organization id and honours a key prefix", () => {
    const org = { ...loc, organizationId: "o-exampleorgid", keyPrefix: "/audit/ct/" };
    const key = digestKey(org, "org_trail", "us-east-1", new Date("2026-03-01T00:01:31Z"));
    expect(key.startsWith("audit/ct/AWSLogs/o-exampleorgid/111122223333/CloudTrail-Digest/us-east-2/2026/03/01/")).toBe(
      true,
    );
    expect(parseDigestKey(key, org)?.trailName).toBe("org_trail");
    expect(parseDigestKey(key, loc)).toBeNull();
    expect(parseDigestKey(key.replace(".json.gz", "_backfill.json.gz"), org)?.backfill).toBe(true);
  });

  it("reads a log file's delivery time from its key", () => {
    const key = logFileKey(loc, new Date("2026-03-01T10:35:00Z"), "AB12CD34EF56AB78");
    expect(key).toBe(
      "AWSLogs/111122223333/CloudTrail/us-east-2/2026/03/01/111122223333_CloudTrail_us-east-2_20260301T1035Z_AB12CD34EF56AB78.json.gz",
    );
    expect(parseLogFileKey(key, loc)).toEqual(new Date("2026-03-01T10:35:00Z"));
  });

  it("starts a listing after the day before `since`, so no day is listed twice or skipped", () => {
    const after = startAfterFor(digestFolder(loc), new Date("2026-03-01T00:00:00Z"));
    const first = digestKey(loc, "t", "us-east-2", new Date("2026-03-01T00:01:31Z"));
    const dayBefore = digestKey(loc, "t", "us-east-2", new Date("2026-02-28T23:01:31Z"));
    expect(first > after).toBe(true);
    expect(dayBefore < after).toBe(true);
  });
});

const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const der = publicKey.export({ format: "der", type: "pkcs1" });
const key = publicKeyObject("f".repeat(32), der);
const BUCKET = "trail-bucket";

function digest(hour: number, previous: { key: string; hash: string; signature: string } | null) {
  const end = new Date(Date.UTC(2026, 2, 1, hour + 1, 1, 31));
  const d: DigestFile = {
    digestStartTime: new Date(end.getTime() - 3_600_000).toISOString().replace(".000", ""),
    digestEndTime: end.toISOString().replace(".000", ""),
    digestS3Bucket: BUCKET,
    digestS3Object: digestKey(loc, "t", "us-east-2", end),
    digestPublicKeyFingerprint: "f".repeat(32),
    previousDigestS3Bucket: previous ? BUCKET : null,
    previousDigestS3Object: previous?.key ?? null,
    previousDigestHashValue: previous?.hash ?? null,
    previousDigestSignature: previous?.signature ?? null,
    logFiles: [],
  };
  const inflated = Buffer.from(JSON.stringify(d));
  const signature = sign("sha256", Buffer.from(stringToSign(d, inflated)), privateKey).toString("hex");
  const judged: JudgedDigest = {
    key: d.digestS3Object,
    bucket: BUCKET,
    digest: d,
    hash: sha256Hex(inflated),
    signatureHex: signature,
    signature: verifySignature(stringToSign(d, inflated), signature, key) ? "valid" : "invalid",
    keyEnd: end,
  };
  return { judged, link: { key: d.digestS3Object, hash: judged.hash, signature } };
}

function chain(hours: number[], restartAt: number[] = []) {
  const out: JudgedDigest[] = [];
  let prev: { key: string; hash: string; signature: string } | null = null;
  for (const h of hours) {
    const { judged, link } = digest(h, restartAt.includes(h) ? null : prev);
    out.push(judged);
    prev = link;
  }
  return out;
}

describe("the data-signing string and signature", () => {
  it("is end time, bucket/key, SHA-256 of the digest, previous signature ('null' first)", () => {
    const [first] = chain([0]);
    const inflated = Buffer.from(JSON.stringify(first!.digest));
    expect(stringToSign(first!.digest!, inflated).split("\n")).toEqual([
      "2026-03-01T01:01:31Z",
      `${BUCKET}/${first!.key}`,
      sha256Hex(inflated),
      "null",
    ]);
    expect(first!.signature).toBe("valid");
    expect(verifySignature("other text", first!.signatureHex, key)).toBe(false);
    expect(verifySignature("x", "zz", key)).toBe(false);
  });
});

describe("the chain walker", () => {
  it("joins a clean chain into one proved interval", () => {
    const w = new DigestChainWalker(null, null);
    for (const d of chain([0, 1, 2, 3])) w.add(d);
    expect(w.issues).toEqual([]);
    expect(w.counts).toEqual({ digests: 4, valid: 4, unverifiable: 0 });
    expect(w.open).toMatchObject({ kind: "digests", files: 4 });
    expect(w.open!.start.toISOString()).toBe("2026-03-01T00:01:31.000Z");
    expect(w.open!.end.toISOString()).toBe("2026-03-01T04:01:31.000Z");
  });

  it("judges a backfill digest on its own: counted, never a tip, an interval or a link", () => {
    const w = new DigestChainWalker(null, null);
    const [a, b] = chain([0, 1]);
    w.add(a!);
    w.add(b!);
    const tip = w.tip;
    const open = { ...w.open! };
    const late = { ...digest(0, null).judged, backfill: { generatedAt: "2026-03-01T03:20:00Z" } };
    w.addBackfill(late);
    w.addBackfill({ ...late, key: `${late.key}x`, backfill: { generatedAt: null } });
    w.addBackfill({ ...late, signature: "invalid" });
    expect(w.counts).toEqual({ digests: 5, valid: 3, unverifiable: 0 });
    expect(w.issues.map((i) => [i.reason, i.key])).toEqual([
      ["invalid_format", `${late.key}x`],
      ["invalid_signature", late.key],
    ]);
    expect(w.tip).toBe(tip);
    expect(w.open).toEqual(open);
    expect(w.closed).toEqual([]);
  });

  it("dates a restart after a stop as missing hours", () => {
    const w = new DigestChainWalker(null, null);
    for (const d of chain([0, 1, 5, 6], [5])) w.add(d);
    expect(w.issues.map((i) => [i.reason, i.start?.toISOString(), i.end?.toISOString()])).toEqual([
      ["missing_hours", "2026-03-01T02:01:31.000Z", "2026-03-01T05:01:31.000Z"],
    ]);
    expect(w.closed).toHaveLength(1);
  });

  it("names the missing digest its successor links to", () => {
    const all = chain([0, 1, 2, 3]);
    const w = new DigestChainWalker(null, null);
    for (const d of all.filter((_, i) => i !== 2)) w.add(d);
    expect(w.issues.map((i) => [i.reason, i.key])).toEqual([["missing_digest", all[2]!.key]]);
  });

  it("reports an invalid signature once, a changed link as a broken chain", () => {
    const all = chain([0, 1, 2]);
    const w = new DigestChainWalker(null, null);
    w.add(all[0]!);
    w.add({ ...all[1]!, signature: "invalid" });
    w.add(all[2]!);
    expect(w.issues.map((i) => i.reason)).toEqual(["invalid_signature"]);
    expect(w.counts.valid).toBe(2);

    const relinked = new DigestChainWalker(null, null);
    relinked.add({ ...all[0]!, hash: "0".repeat(64) });
    relinked.add(all[1]!);
    expect(relinked.issues.map((i) => [i.reason, i.key])).toEqual([["broken_chain", all[1]!.key]]);
  });

  it("never counts an unverifiable or moved digest as valid", () => {
    const [a, b] = chain([0, 1]);
    const w = new DigestChainWalker(null, null);
    w.add({ ...a!, signature: "unverifiable" });
    w.add({ ...b!, key: b!.key.replace("us-east-2/2026", "us-east-2/2027") });
    expect(w.counts).toEqual({ digests: 2, valid: 0, unverifiable: 1 });
    expect(w.closed).toMatchObject([{ kind: "unverified", files: 1 }]);
    expect(w.issues.map((i) => i.reason)).toContain("moved");
  });

  it("continues from a stored tip and interval (an incremental read)", () => {
    const all = chain([0, 1, 2]);
    const first = new DigestChainWalker(null, null);
    first.add(all[0]!);
    first.add(all[1]!);
    const next = new DigestChainWalker(first.tip, first.open);
    next.add(all[2]!);
    expect(next.issues).toEqual([]);
    expect(next.open).toMatchObject({ files: 3 });
  });
});
