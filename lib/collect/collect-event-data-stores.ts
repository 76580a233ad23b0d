// CloudTrail Lake event data stores (CloudTrail.10). ListEventDataStores in the account's primary
// region, then GetEventDataStore per store for its KMS key (the listing does not carry it). An
// endpoint that does not implement Lake (moto) yields null: no evidence, not "none".
// Stores are regional; a multi-region store answers in its home region, so reading only the
// primary region keeps the call budget but misses single-region stores elsewhere.
import { GetEventDataStoreCommand, ListEventDataStoresCommand, type EventDataStore } from "@aws-sdk/client-cloudtrail";
import type { CallRecorder } from "@/lib/collect/call-recorder";
import type { RunContext } from "@/lib/collect/run-context";
import type { EventDataStoreState } from "@/lib/collect/snapshot-types";

export async function collectEventDataStores(
  ctx: RunContext,
  rec: CallRecorder,
  accountId: string,
): Promise<EventDataStoreState[] | null> {
  const region = ctx.settings.primaryRegion;
  const ct = ctx.client("cloudtrail", accountId, region);
  const stores: EventDataStore[] = [];
  let token: string | undefined;
  do {
    const res = await rec.call({ service: "cloudtrail", operation: "ListEventDataStores", region, accountId }, () =>
      ct.send(new ListEventDataStoresCommand({ NextToken: token })),
    );
    if (!res.ok) return null;
    stores.push(...(res.value.EventDataStores ?? []));
    token = res.value.NextToken;
  } while (token);
  return Promise.all(
    stores
      .filter((s) => s.EventDataStoreArn)
      .map(async (s): Promise<EventDataStoreState> => {
        const arn = s.EventDataStoreArn!;
        const out: EventDataStoreState = {
          arn,
          name: s.Name ?? "",
          status: s.Status,
          multiRegionEnabled: s.MultiRegionEnabled,
          organizationEnabled: s.OrganizationEnabled,
        };
        const detail = await rec.call(
          { service: "cloudtrail", operation: "GetEventDataStore", region, accountId, resource: arn },
          () => ct.send(new GetEventDataStoreCommand({ EventDataStore: arn })),
        );
        if (detail.ok && detail.value.KmsKeyId) out.kmsKeyId = detail.value.KmsKeyId;
        return out;
      }),
  );
}
