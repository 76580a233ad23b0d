// Where CloudTrail delivers its record in a trail's bucket, and how the keys read back. The layout
// is AWS's ("CloudTrail digest file structure"; awscli's validation.py builds the same keys):
//   [prefix/]AWSLogs/[o-id/]<account>/CloudTrail-Digest/<region>/YYYY/MM/DD/
//       <account>_CloudTrail-Digest_<region>_<trail name>_<home region>_YYYYMMDDTHHmmssZ.json.gz
//   [prefix/]AWSLogs/[o-id/]<account>/CloudTrail/<region>/YYYY/MM/DD/
//       <account>_CloudTrail_<region>_YYYYMMDDTHHmmZ_<unique>.json.gz
// Both sort by time inside a region's folder, which is what lets one listing with StartAfter read
// everything since a date (never one call per day).

export interface RecordLocation {
  /** The trail's S3KeyPrefix, without leading or trailing slashes (undefined: none). */
  keyPrefix?: string;
  /** Set for an organization trail: its files sit under AWSLogs/<o-id>/<account>/. */
  organizationId?: string;
  accountId: string;
  region: string;
}

function base(loc: RecordLocation): string {
  const prefix = loc.keyPrefix ? `${loc.keyPrefix.replace(/^\/+|\/+$/g, "")}/` : "";
  const org = loc.organizationId ? `${loc.organizationId}/` : "";
  return `${prefix}AWSLogs/${org}${loc.accountId}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;

/** YYYYMMDDTHHmmssZ (seconds = false: YYYYMMDDTHHmmZ, the log files' form). */
export function compactTime(d: Date, seconds = true): string {
  const s =
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
  return seconds ? `${s}${pad(d.getUTCSeconds())}Z` : `${s}Z`;
}

/** The folder holding one region folder per region that has a record of this kind. */
export function recordRoot(loc: Omit<RecordLocation, "region">, kind: "digests" | "log-files"): string {
  return `${base({ ...loc, region: "" })}/${kind === "digests" ? "CloudTrail-Digest" : "CloudTrail"}/`;
}

export function digestFolder(loc: RecordLocation): string {
  return `${recordRoot(loc, "digests")}${loc.region}/`;
}

export function logFileFolder(loc: RecordLocation): string {
  return `${recordRoot(loc, "log-files")}${loc.region}/`;
}

export function digestKey(loc: RecordLocation, trailName: string, homeRegion: string, end: Date): string {
  const a = loc.accountId;
  return `${digestFolder(loc)}${ymd(end)}/${a}_CloudTrail-Digest_${loc.region}_${trailName}_${homeRegion}_${compactTime(end)}.json.gz`;
}

export function logFileKey(loc: RecordLocation, delivered: Date, unique: string): string {
  const a = loc.accountId;
  return `${logFileFolder(loc)}${ymd(delivered)}/${a}_CloudTrail_${loc.region}_${compactTime(delivered, false)}_${unique}.json.gz`;
}

/**
 * A key to list after so that the listing starts at `since`: the folder of the previous day, then
 * "~" (after every digit and letter), so no file of the day before `since` is read twice.
 */
export function startAfterFor(folder: string, since: Date): string {
  const before = new Date(since.getTime() - 86_400_000);
  return `${folder}${ymd(before)}/~`;
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z$/;

export function parseCompactTime(s: string): Date | null {
  const m = COMPACT.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se ?? 0));
  return Number.isFinite(t) ? new Date(t) : null;
}

export interface ParsedDigestKey {
  trailName: string;
  homeRegion: string;
  end: Date;
  backfill: boolean;
}

/** Reads a digest key of `loc`'s folder; null when it is not one (another account, a stray object). */
export function parseDigestKey(key: string, loc: RecordLocation): ParsedDigestKey | null {
  const folder = digestFolder(loc);
  if (!key.startsWith(folder)) return null;
  const file = key.slice(key.lastIndexOf("/") + 1);
  const head = `${loc.accountId}_CloudTrail-Digest_${loc.region}_`;
  if (!file.startsWith(head) || !file.endsWith(".json.gz")) return null;
  let rest = file.slice(head.length, -".json.gz".length);
  const backfill = rest.endsWith("_backfill");
  if (backfill) rest = rest.slice(0, -"_backfill".length);
  const stamp = rest.slice(rest.lastIndexOf("_") + 1);
  const end = parseCompactTime(stamp);
  if (!end) return null;
  rest = rest.slice(0, rest.lastIndexOf("_"));
  // The trail name may hold underscores; the home region never does.
  const cut = rest.lastIndexOf("_");
  if (cut <= 0) return null;
  return { trailName: rest.slice(0, cut), homeRegion: rest.slice(cut + 1), end, backfill };
}

/** The delivery time a log file's key carries; null when the key is not a log file of `loc`. */
export function parseLogFileKey(key: string, loc: RecordLocation): Date | null {
  const folder = logFileFolder(loc);
  if (!key.startsWith(folder)) return null;
  const file = key.slice(key.lastIndexOf("/") + 1);
  const head = `${loc.accountId}_CloudTrail_${loc.region}_`;
  if (!file.startsWith(head) || !file.endsWith(".json.gz")) return null;
  const stamp = file.slice(head.length).split("_")[0] ?? "";
  return parseCompactTime(stamp);
}
