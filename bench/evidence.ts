// Evidence benchmark: seeds N accounts × 2 regions × D days of hourly signed digests (and log files)
// into moto with the simulator's writer, then runs a first evidence read and an incremental read
// after one more hour, into a fresh database, through the simulator's proxy. The floor is the same
// List/Get calls issued bare with the SDK at the same concurrency (no validation, no database).
//
//   npm run bench:evidence -- --accounts 10 --days 30 [--log-files 1]
//
// Prints wall time, S3 calls per account-region-day, digests validated per second (end to end, and
// the signature checks alone), peak RSS during each read, and a final JSON line.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import pLimit from "p-limit";
import type { AccountSnapshotState } from "@/lib/collect/snapshot-types";
import { resetEnvCache } from "@/lib/config/env";
import { db, disconnectDb } from "@/lib/db";
import { parseDigestFile, stringToSign } from "@/lib/evidence/digest-file";
import { getRecordObject } from "@/lib/evidence/get-record-object";
import { readEvidence, type EvidenceSummary } from "@/lib/evidence/read-evidence";
import { digestFolder } from "@/lib/evidence/record-keys";
import { publicKeyObject, verifySignature } from "@/lib/evidence/verify-signature";
import { SimKeyring } from "@/sim/signing-keys";
import { startSimulator } from "@/sim/start-simulator";
import { writeTrailRecord } from "@/sim/write-trail-record";
import { freshDatabase } from "@/bench/support/fresh-database";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg("accounts", "10"));
const D = Number(arg("days", "30"));
const LOG_FILES = Number(arg("log-files", "1"));
const REGIONS = ["us-east-1", "eu-west-1"];
const HOUR = 3_600_000;
const log = (line: string) => console.error(line);

function ids(): string[] {
  return Array.from({ length: N }, (_, i) => `5${String(i).padStart(11, "0")}`);
}

async function s3In(endpoint: string, accountId: string): Promise<S3Client> {
  const sts = new STSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/TrailwardenReadOnly`, RoleSessionName: "bench" }),
  );
  sts.destroy();
  return new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    maxAttempts: 3,
    credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken },
  });
}

/** Peak RSS while `fn` runs (sampled), in MB. */
async function peakRss<T>(fn: () => Promise<T>): Promise<[T, number]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    const out = await fn();
    return [out, Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576)];
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const sim = await startSimulator();
  const database = await freshDatabase("tw_bench_evidence", log);
  process.env.AWS_ENDPOINT_URL = sim.endpoint;
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  process.env.TRAILWARDEN_EVIDENCE_HORIZON_DAYS = String(D + 1);
  resetEnvCache();
  try {
    const keys = new SimKeyring();
    const to = new Date(Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR);
    const from = new Date(to.getTime() - D * 24 * HOUR);
    keys.keyAt("us-east-1", from);
    keys.keyAt("eu-west-1", from);
    const clients = new Map<string, S3Client>();
    const seedStart = Date.now();
    for (const id of ids()) {
      const s3 = await s3In(sim.motoEndpoint, id);
      clients.set(id, s3);
      await s3.send(new CreateBucketCommand({ Bucket: `bench-${id}` }));
      for (const region of REGIONS) {
        await writeTrailRecord(s3, keys, {
          bucket: `bench-${id}`,
          accountId: id,
          region,
          trailName: "bench",
          homeRegion: "us-east-1",
          from,
          to,
          logFilesPerHour: LOG_FILES,
        });
      }
      const state: Partial<AccountSnapshotState> = {
        schemaVersion: 1,
        accountId: id,
        regions: REGIONS.map((region) => ({ region, status: "enabled" })),
        trails: [
          {
            arn: `arn:aws:cloudtrail:us-east-1:${id}:trail/bench`,
            name: "bench",
            homeRegion: "us-east-1",
            ownerAccountId: id,
            appliesVia: "owned",
            isOrganizationTrail: false,
            isMultiRegionTrail: true,
            includeGlobalServiceEvents: true,
            logFileValidationEnabled: true,
            s3BucketName: `bench-${id}`,
            status: { isLogging: true },
            eventSelectors: { basic: null, advanced: null },
            insightSelectors: null,
            tags: null,
          },
        ],
        buckets: {
          [`bench-${id}`]: {
            name: `bench-${id}`,
            ownerAccountId: id,
            readStatus: "ok",
            publicAccessBlock: null,
            policyIsPublic: null,
            accessLogging: null,
            region: "us-east-1",
          },
        },
        organization: null,
      };
      await db.awsAccount.create({ data: { id, name: `bench-${id}` } });
      await db.snapshot.create({
        data: { accountId: id, collectedAt: new Date(), status: "ok", state: state as object },
      });
    }
    await keys.register(sim.endpoint);
    const streams = N * REGIONS.length;
    log(`seeded ${streams * D * 24} digests in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    // The floor: the same listings and GETs, bare, at the reader's concurrency (8 accounts × 4 streams × 16).
    const floorStart = Date.now();
    let floorCalls = 0;
    const sample: { inflated: Buffer; signature: string }[] = [];
    const perAccount = pLimit(8);
    await Promise.all(
      ids().map((id) =>
        perAccount(async () => {
          const s3 = await s3In(sim.endpoint, id);
          await Promise.all(
            REGIONS.map(async (region) => {
              const get = pLimit(16);
              let token: string | undefined;
              const gets: Promise<unknown>[] = [];
              do {
                floorCalls += 1;
                const out = await s3.send(
                  new ListObjectsV2Command({
                    Bucket: `bench-${id}`,
                    Prefix: digestFolder({ accountId: id, region }),
                    ContinuationToken: token,
                  }),
                );
                for (const o of out.Contents ?? [])
                  gets.push(
                    get(async () => {
                      floorCalls += 1;
                      const r = await s3.send(new GetObjectCommand({ Bucket: `bench-${id}`, Key: o.Key! }));
                      await r.Body?.transformToByteArray();
                    }),
                  );
                token = out.IsTruncated ? out.NextContinuationToken : undefined;
              } while (token);
              await Promise.all(gets);
            }),
          );
          if (sample.length < 5000) {
            const listed = await s3.send(
              new ListObjectsV2Command({
                Bucket: `bench-${id}`,
                Prefix: digestFolder({ accountId: id, region: "us-east-1" }),
              }),
            );
            for (const o of (listed.Contents ?? []).slice(0, 5000 - sample.length)) {
              const obj = await getRecordObject(s3, `bench-${id}`, o.Key!);
              if (obj) sample.push({ inflated: obj.inflated, signature: obj.metadata.signature ?? "" });
            }
          }
          s3.destroy();
        }),
      ),
    );
    const floorMs = Date.now() - floorStart;

    // Signature checks alone (the CPU part of validation): data-signing string, SHA-256, RSA verify.
    const key = keys.keyAt("us-east-1", from);
    const pub = publicKeyObject(key.fingerprint, key.publicDer);
    const check = (s: { inflated: Buffer; signature: string }) =>
      verifySignature(stringToSign(parseDigestFile(s.inflated)!, s.inflated), s.signature, pub);
    for (const s of sample.slice(0, 200)) check(s); // warm up
    const rounds = Math.max(1, Math.ceil(5000 / Math.max(1, sample.length)));
    const cryptoStart = performance.now();
    let ok = 0;
    for (let r = 0; r < rounds; r++) for (const s of sample) if (check(s)) ok += 1;
    const checked = rounds * sample.length;
    const cryptoPerSecond = Math.round(checked / ((performance.now() - cryptoStart) / 1000));

    const firstStart = Date.now();
    const [first, firstRss] = await peakRss(() => readEvidence({}));
    const firstMs = Date.now() - firstStart;

    for (const id of ids())
      for (const region of REGIONS)
        await writeTrailRecord(clients.get(id)!, keys, {
          bucket: `bench-${id}`,
          accountId: id,
          region,
          trailName: "bench",
          homeRegion: "us-east-1",
          from: to,
          to: new Date(to.getTime() + HOUR),
          logFilesPerHour: LOG_FILES,
        });
    const nextStart = Date.now();
    const [next, nextRss] = await peakRss(() => readEvidence({ now: new Date(Date.now() + HOUR) }));
    const nextMs = Date.now() - nextStart;

    const row = (label: string, s: EvidenceSummary, ms: number, rss: number) =>
      `${label.padEnd(12)} ${(ms / 1000).toFixed(1).padStart(7)} s  ${String(s.s3Calls).padStart(7)} S3 calls  ` +
      `${(s.s3Calls / streams / D).toFixed(2).padStart(6)} calls/acct-region-day  ${String(s.valid).padStart(7)}/${s.digests} valid  ` +
      `${Math.round(s.digests / (ms / 1000))
        .toString()
        .padStart(6)} digests/s  peak RSS ${rss} MB  errors ${s.errors.length}`;
    console.log(
      `accounts ${N} × regions ${REGIONS.length} × days ${D} (${streams * D * 24} digests, ${LOG_FILES} log file/hour)`,
    );
    console.log(row("first read", first, firstMs, firstRss));
    console.log(
      `floor        ${(floorMs / 1000).toFixed(1).padStart(7)} s  ${String(floorCalls).padStart(7)} S3 calls (same List/Get, bare)  → first read ${(firstMs / floorMs).toFixed(2)}× floor`,
    );
    console.log(row("incremental", next, nextMs, nextRss));
    console.log(`incremental S3 calls per account-region: ${(next.s3Calls / streams).toFixed(2)}`);
    console.log(`signature checks alone: ${cryptoPerSecond} digests/s (${ok}/${checked} valid)`);
    console.log(
      JSON.stringify({
        accounts: N,
        days: D,
        digests: first.digests,
        firstMs,
        floorMs,
        ratio: Number((firstMs / floorMs).toFixed(2)),
        callsPerAccountRegionDay: Number((first.s3Calls / streams / D).toFixed(2)),
        incrementalCallsPerAccountRegion: next.s3Calls / streams,
        digestsPerSecond: Math.round(first.digests / (firstMs / 1000)),
        signatureChecksPerSecond: cryptoPerSecond,
        peakRssMb: { first: firstRss, incremental: nextRss },
      }),
    );
  } finally {
    await disconnectDb();
    await database.stop();
    await sim.stop();
  }
}

await main();
