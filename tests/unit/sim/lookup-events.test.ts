// The simulator's event history: CloudTrail mutations forwarded through the proxy are answered back
// by LookupEvents as AWS's event history would (caller identity, filters, time range, paging). A tiny
// HTTP server stands in for moto (answers `{}` to CloudTrail and a fixed AssumeRole document).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CloudTrailClient,
  LookupEventsCommand,
  PutEventSelectorsCommand,
  StopLoggingCommand,
} from "@aws-sdk/client-cloudtrail";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { startAwsProxy, type AwsProxy } from "@/sim/proxy/aws-proxy";
import { lookupEventsInterceptor, type LookupEventsInterceptor } from "@/sim/proxy/lookup-events";

const MEMBER = "210987654321";
let fakeMoto: http.Server;
let proxy: AwsProxy;
let history: LookupEventsInterceptor;
let clock = Date.parse("2026-12-01T10:00:00Z");

const ASSUMED = `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAMEMBERKEY</AccessKeyId>
<SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>
<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:bob</AssumedRoleId><Arn>arn:aws:sts::${MEMBER}:assumed-role/Admin/bob</Arn></AssumedRoleUser>
</AssumeRoleResult></AssumeRoleResponse>`;

beforeAll(async () => {
  fakeMoto = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.headers["x-amz-target"]) res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end("{}");
      else res.writeHead(200, { "content-type": "text/xml" }).end(ASSUMED);
    });
  });
  await new Promise<void>((r) => fakeMoto.listen(0, "127.0.0.1", r));
  history = lookupEventsInterceptor({ now: () => new Date(clock) });
  proxy = await startAwsProxy({
    target: `http://127.0.0.1:${(fakeMoto.address() as AddressInfo).port}`,
    interceptors: [history],
  });
});
afterAll(async () => {
  await proxy.stop();
  await new Promise((r) => fakeMoto.close(r));
});

const config = (
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = {
    accessKeyId: "testing",
    secretAccessKey: "testing",
  },
) => ({
  endpoint: proxy.endpoint,
  region: "eu-west-1",
  credentials,
  maxAttempts: 1,
});

async function memberClient(): Promise<CloudTrailClient> {
  const sts = new STSClient(config());
  const { Credentials: c } = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/Admin`, RoleSessionName: "bob" }),
  );
  sts.destroy();
  return new CloudTrailClient(
    config({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }),
  );
}

describe("LookupEvents in the simulator", () => {
  it("records a StopLogging by an assumed role and answers it as event history", async () => {
    const ct = await memberClient();
    await ct.send(new StopLoggingCommand({ Name: "main" }));
    clock += 60_000;
    await ct.send(
      new PutEventSelectorsCommand({ TrailName: "main", EventSelectors: [{ ReadWriteType: "WriteOnly" }] }),
    );
    const res = await ct.send(new LookupEventsCommand({}));
    expect(res.Events?.map((e) => e.EventName)).toEqual(["PutEventSelectors", "StopLogging"]);
    const stop = res.Events![1]!;
    expect(stop.Resources).toEqual([
      { ResourceType: "AWS::CloudTrail::Trail", ResourceName: `arn:aws:cloudtrail:eu-west-1:${MEMBER}:trail/main` },
    ]);
    expect(stop.EventTime?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    const record = JSON.parse(stop.CloudTrailEvent!) as Record<string, unknown>;
    expect(record).toMatchObject({
      eventName: "StopLogging",
      eventSource: "cloudtrail.amazonaws.com",
      awsRegion: "eu-west-1",
      sourceIPAddress: "127.0.0.1",
      requestParameters: { name: "main" },
      userIdentity: { type: "AssumedRole", arn: `arn:aws:sts::${MEMBER}:assumed-role/Admin/bob` },
      recipientAccountId: MEMBER,
    });
    ct.destroy();
  });

  it("keeps each account and region apart, and names moto's default user for its credentials", async () => {
    const mgmt = new CloudTrailClient(config());
    expect((await mgmt.send(new LookupEventsCommand({}))).Events).toEqual([]);
    await mgmt.send(new StopLoggingCommand({ Name: "org" }));
    const [only] = (await mgmt.send(new LookupEventsCommand({}))).Events!;
    expect(JSON.parse(only!.CloudTrailEvent!).userIdentity.arn).toBe("arn:aws:iam::123456789012:user/moto");
    const other = new CloudTrailClient({ ...config(), region: "us-east-1" });
    expect((await other.send(new LookupEventsCommand({}))).Events).toEqual([]);
    mgmt.destroy();
    other.destroy();
  });

  it("filters by one attribute and by time, pages with NextToken, and refuses what AWS refuses", async () => {
    const ct = await memberClient();
    for (let i = 0; i < 5; i++) {
      clock += 1000;
      await ct.send(new StopLoggingCommand({ Name: `t${i}` }));
    }
    const byName = await ct.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "PutEventSelectors" }],
      }),
    );
    expect(byName.Events).toHaveLength(1);
    const since = await ct.send(new LookupEventsCommand({ StartTime: new Date(clock - 2500) }));
    expect(since.Events?.map((e) => e.Resources?.[0]?.ResourceName?.split("/").pop())).toEqual(["t4", "t3", "t2"]);
    const first = await ct.send(new LookupEventsCommand({ MaxResults: 4 }));
    expect(first.Events).toHaveLength(4);
    const second = await ct.send(new LookupEventsCommand({ MaxResults: 4, NextToken: first.NextToken }));
    expect(second.Events).toHaveLength(3);
    expect(second.NextToken).toBeUndefined();
    await expect(ct.send(new LookupEventsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
      name: "InvalidMaxResultsException",
    });
    await expect(
      ct.send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: "EventName", AttributeValue: "StopLogging" },
            { AttributeKey: "Username", AttributeValue: "bob" },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: "InvalidLookupAttributesException" });
    await expect(
      ct.send(new LookupEventsCommand({ StartTime: new Date(clock), EndTime: new Date(clock - 1000) })),
    ).rejects.toMatchObject({ name: "InvalidTimeRangeException" });
    expect(history.events().length).toBe(8);
    ct.destroy();
  });
});
