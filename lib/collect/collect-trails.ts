// An account's own trails. ListTrails once (it lists every region's trails), then per home region:
// one DescribeTrails for all the region's trails (the same fields as GetTrail, one call however
// many trails), GetTrailStatus and GetEventSelectors per trail, ListTags in batches of 20, and
// GetInsightSelectors only for a trail that says it has insight selectors. A trail listed under
// another account's ARN (the organization trail as a member sees it) is not read here: the
// organization trail is read once per run in the management account (see collect-account.ts).
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  ListTrailsCommand,
  type Trail,
  type TrailInfo,
} from "@aws-sdk/client-cloudtrail";
import type { CallRecorder } from "@/lib/collect/call-recorder";
import {
  arnAccount,
  arnRegion,
  normalizeSelectors,
  normalizeStatus,
  normalizeTrail,
} from "@/lib/collect/normalize-trail";
import type { RunContext } from "@/lib/collect/run-context";
import type { TrailState } from "@/lib/collect/snapshot-types";

export interface ListedTrail {
  arn: string;
  name: string;
  homeRegion: string;
}

export interface AccountTrails {
  /** false when ListTrails failed: nothing is known about the account's trails. */
  listed: boolean;
  owned: TrailState[];
  /** Owned trails that were listed but whose configuration could not be read. */
  unread: ListedTrail[];
  /** Listed trails owned by another account (on AWS: the organization trail in a member). */
  foreign: ListedTrail[];
}

const TAG_BATCH = 20;

async function listTrails(ctx: RunContext, rec: CallRecorder, accountId: string): Promise<TrailInfo[] | null> {
  const region = ctx.settings.primaryRegion;
  const ct = ctx.client("cloudtrail", accountId, region);
  const all: TrailInfo[] = [];
  let token: string | undefined;
  do {
    const res = await rec.call({ service: "cloudtrail", operation: "ListTrails", region, accountId }, () =>
      ct.send(new ListTrailsCommand({ NextToken: token })),
    );
    if (!res.ok) return null;
    all.push(...(res.value.Trails ?? []));
    token = res.value.NextToken;
  } while (token);
  return all;
}

/** Reads the trails homed in one region; fills `out` (by ARN) and returns the ARNs not described. */
async function readRegion(
  ctx: RunContext,
  rec: CallRecorder,
  accountId: string,
  region: string,
  trails: ListedTrail[],
  out: Map<string, TrailState>,
): Promise<ListedTrail[]> {
  const ct = ctx.client("cloudtrail", accountId, region);
  const call = <T>(operation: string, resource: string | undefined, fn: () => Promise<T>, expectedErrors?: string[]) =>
    rec.call({ service: "cloudtrail", operation, region, accountId, resource }, fn, { expectedErrors });
  const arns = trails.map((t) => t.arn);

  const describe = call("DescribeTrails", undefined, () =>
    ct.send(new DescribeTrailsCommand({ trailNameList: arns, includeShadowTrails: false })),
  );
  const statuses = trails.map((t) =>
    call("GetTrailStatus", t.arn, () => ct.send(new GetTrailStatusCommand({ Name: t.arn }))),
  );
  const selectors = trails.map((t) =>
    call("GetEventSelectors", t.arn, () => ct.send(new GetEventSelectorsCommand({ TrailName: t.arn }))),
  );
  const tagBatches: Promise<Map<string, Record<string, string>> | null>[] = [];
  for (let i = 0; i < arns.length; i += TAG_BATCH) {
    const batch = arns.slice(i, i + TAG_BATCH);
    tagBatches.push(
      call("ListTags", batch.length === 1 ? batch[0] : undefined, () =>
        ct.send(new ListTagsCommand({ ResourceIdList: batch })),
      ).then((r) => {
        if (!r.ok) return null;
        const m = new Map<string, Record<string, string>>();
        for (const rt of r.value.ResourceTagList ?? []) {
          m.set(
            rt.ResourceId ?? "",
            Object.fromEntries((rt.TagsList ?? []).map((tag) => [tag.Key ?? "", tag.Value ?? ""])),
          );
        }
        return m;
      }),
    );
  }

  // An emulator may ignore trailNameList and answer with every trail of the region: match by ARN.
  const described = new Map<string, Trail>();
  const d = await describe;
  if (d.ok) for (const t of d.value.trailList ?? []) if (t.TrailARN) described.set(t.TrailARN, t);
  const missing = trails.filter((t) => !described.has(t.arn));
  if (d.ok && missing.length > 0) {
    // A trail DescribeTrails did not return (e.g. created between the two calls): ask for it by name.
    await Promise.all(
      missing.map(async (t) => {
        const g = await call("GetTrail", t.arn, () => ct.send(new GetTrailCommand({ Name: t.arn })));
        if (g.ok && g.value.Trail) described.set(t.arn, g.value.Trail);
      }),
    );
  }

  const [statusRes, selectorRes, tagMaps] = await Promise.all([
    Promise.all(statuses),
    Promise.all(selectors),
    Promise.all(tagBatches),
  ]);
  const unread: ListedTrail[] = [];
  const insightReads: Promise<void>[] = [];
  trails.forEach((listed, i) => {
    const raw = described.get(listed.arn);
    if (!raw) {
      unread.push(listed);
      return;
    }
    const trail = normalizeTrail(raw, region, "owned");
    trail.homeRegion = listed.homeRegion || trail.homeRegion;
    const s = statusRes[i]!;
    if (s.ok) trail.status = normalizeStatus(s.value);
    const e = selectorRes[i]!;
    if (e.ok) trail.eventSelectors = normalizeSelectors(e.value);
    const tagMap = tagMaps[Math.floor(i / TAG_BATCH)];
    if (tagMap) trail.tags = tagMap.get(listed.arn) ?? {};
    if (trail.hasInsightSelectors === false) {
      trail.insightSelectors = []; // GetTrail said there are none: no call needed
    } else {
      insightReads.push(
        call(
          "GetInsightSelectors",
          listed.arn,
          () => ct.send(new GetInsightSelectorsCommand({ TrailName: listed.arn })),
          ["InsightNotEnabledException"],
        ).then((r) => {
          if (r.ok)
            trail.insightSelectors = (r.value.InsightSelectors ?? []).map((x) => ({
              insightType: x.InsightType ?? "",
            }));
          else if (r.expected) trail.insightSelectors = [];
        }),
      );
    }
    out.set(listed.arn, trail);
  });
  await Promise.all(insightReads);
  return unread;
}

/** Everything about the trails `accountId` owns; failures are recorded on `rec`, never thrown. */
export async function readAccountTrails(ctx: RunContext, rec: CallRecorder, accountId: string): Promise<AccountTrails> {
  const listedAll = await listTrails(ctx, rec, accountId);
  if (!listedAll) return { listed: false, owned: [], unread: [], foreign: [] };
  const listed: ListedTrail[] = listedAll
    .filter((t) => t.TrailARN)
    .map((t) => ({
      arn: t.TrailARN!,
      name: t.Name ?? "",
      homeRegion: t.HomeRegion || arnRegion(t.TrailARN!) || ctx.settings.primaryRegion,
    }));
  const owned = listed.filter((t) => arnAccount(t.arn) === accountId);
  const foreign = listed.filter((t) => arnAccount(t.arn) !== accountId);

  const byRegion = new Map<string, ListedTrail[]>();
  for (const t of owned) byRegion.set(t.homeRegion, [...(byRegion.get(t.homeRegion) ?? []), t]);
  const states = new Map<string, TrailState>();
  const unread = (
    await Promise.all([...byRegion].map(([region, trails]) => readRegion(ctx, rec, accountId, region, trails, states)))
  ).flat();
  // Keep ListTrails' order so snapshots of an unchanged account compare equal.
  const ordered = owned.map((t) => states.get(t.arn)).filter((t): t is TrailState => Boolean(t));
  return { listed: true, owned: ordered, unread, foreign };
}
