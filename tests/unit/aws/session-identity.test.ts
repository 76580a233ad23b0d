// Session names and source identities the hub sends with sts:AssumeRole: what CloudTrail records in
// the customer's account about which run or job, and which user, made a call. STS accepts 2–64
// characters of letters, digits and _+=,.@- for both, and refuses the request otherwise.
import { AssumeRoleCommand, type AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { CredentialBroker } from "@/lib/aws/assume-role";
import type { ClientFactory } from "@/lib/aws/create-clients";
import { collectSession, remediateSession, sourceIdentityFor, STS_NAME_PATTERN } from "@/lib/aws/session-identity";

const RUN = "3f2b8c1e-9a7d-4e6f-8b1a-2c3d4e5f6a7b";
const JOB = "0c9d8e7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f";

describe("session names", () => {
  it("carry the collection run id", () => {
    const s = collectSession(RUN);
    expect(s).toEqual({ sessionName: `trailwarden-collect-${RUN}` });
    expect(s.sessionName).toMatch(STS_NAME_PATTERN);
  });

  it("carry the whole remediation job id and as much of the user as fits in 64 characters", () => {
    const s = remediateSession(JOB, "alice@example.com");
    expect(s.sessionName.startsWith(`trailwarden-remediate-${JOB}-`)).toBe(true);
    expect(s.sessionName).toBe(`trailwarden-remediate-${JOB}-alice`);
    expect(s.sessionName.length).toBeLessThanOrEqual(64);
    expect(s.sessionName).toMatch(STS_NAME_PATTERN);
    expect(s.sourceIdentity).toBe("alice@example.com");
  });

  it("stay valid for any user and job text", () => {
    for (const user of ["a", "  ", "Zoë Ünïcode <z@x.io>", "token: ci/deploy#1", "aws:admin", "x".repeat(300), "-"]) {
      const s = remediateSession(JOB, user);
      expect(s.sessionName, user).toMatch(STS_NAME_PATTERN);
      expect(s.sourceIdentity, user).toMatch(STS_NAME_PATTERN);
      expect(s.sourceIdentity!.toLowerCase().startsWith("aws:"), user).toBe(false);
    }
    expect(collectSession("run with spaces/and:colons").sessionName).toMatch(STS_NAME_PATTERN);
  });
});

describe("source identities", () => {
  it("keep an e-mail address as it is", () => {
    expect(sourceIdentityFor("bob.smith+ops@corp.example")).toBe("bob.smith+ops@corp.example");
  });

  it("sanitize other characters, and keep users whose names differ only there apart", () => {
    const a = sourceIdentityFor("ci deploy");
    const b = sourceIdentityFor("ci/deploy");
    const c = sourceIdentityFor("ci-deploy");
    expect(a).toMatch(/^ci-deploy\.[0-9a-f]{8}$/);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(c).toBe("ci-deploy");
  });

  it("cut long names to 64 characters with a digest of the whole", () => {
    const long1 = `${"a".repeat(70)}@example.com`;
    const long2 = `${"a".repeat(70)}@example.org`;
    expect(sourceIdentityFor(long1)).toHaveLength(64);
    expect(sourceIdentityFor(long1)).not.toBe(sourceIdentityFor(long2));
  });
});

/** A ClientFactory whose STS client records AssumeRole inputs and answers distinct keys each time. */
function fakeSts(): { factory: ClientFactory; calls: AssumeRoleCommandInput[] } {
  const calls: AssumeRoleCommandInput[] = [];
  const client = {
    send: (cmd: unknown) => {
      if (cmd instanceof AssumeRoleCommand) {
        calls.push(cmd.input);
        return Promise.resolve({
          Credentials: {
            AccessKeyId: `ASIA${calls.length}`,
            SecretAccessKey: "secret",
            SessionToken: `token-${calls.length}`,
            Expiration: new Date(Date.now() + 3600_000),
          },
        });
      }
      return Promise.resolve({ Account: "111122223333", Arn: "arn:aws:iam::111122223333:role/hub" });
    },
  };
  return { factory: { get: () => client } as unknown as ClientFactory, calls };
}

describe("CredentialBroker", () => {
  const base = { roleName: "TrailwardenRemediation", externalId: "x-id", region: "us-east-1" };
  const hubCredentials = { accessKeyId: "a", secretAccessKey: "b" };

  it("sends the session name and SourceIdentity with AssumeRole", async () => {
    const { factory, calls } = fakeSts();
    const session = remediateSession(JOB, "alice@example.com");
    const broker = new CredentialBroker(factory, { ...base, hubCredentials, session });
    await broker.assume("222233334444");
    expect(calls).toEqual([
      expect.objectContaining({
        RoleArn: "arn:aws:iam::222233334444:role/TrailwardenRemediation",
        RoleSessionName: session.sessionName,
        SourceIdentity: "alice@example.com",
        ExternalId: "x-id",
      }),
    ]);
  });

  it("never hands one user's session to another: the cache is keyed by session identity", async () => {
    const { factory, calls } = fakeSts();
    const broker = new CredentialBroker(factory, { ...base, hubCredentials });
    const alice = remediateSession(JOB, "alice@example.com");
    const bob = remediateSession(JOB, "bob@example.com");
    const a1 = await broker.assume("222233334444", alice);
    const b1 = await broker.assume("222233334444", bob);
    const a2 = await broker.assume("222233334444", alice);
    expect(calls.map((c) => c.SourceIdentity)).toEqual(["alice@example.com", "bob@example.com"]);
    expect(b1.accessKeyId).not.toBe(a1.accessKeyId);
    expect(a2).toBe(a1);
    expect(broker.cached("222233334444", bob)).toBe(b1);
    expect(broker.cached("222233334444", remediateSession(JOB, "carol@example.com"))).toBeUndefined();
    // Two concurrent requests for two users are two AssumeRole calls, not one shared promise.
    const [c, d] = await Promise.all([broker.assume("333344445555", alice), broker.assume("333344445555", bob)]);
    expect(c.accessKeyId).not.toBe(d.accessKeyId);
    expect(calls).toHaveLength(4);
  });

  it("refuses a session name or source identity STS would reject, naming it", async () => {
    const { factory } = fakeSts();
    expect(() => new CredentialBroker(factory, { ...base, hubCredentials, session: { sessionName: "a b" } })).toThrow(
      /role session name "a b"/,
    );
    const broker = new CredentialBroker(factory, { ...base, hubCredentials });
    await expect(
      broker.assume("222233334444", { sessionName: "trailwarden-remediate", sourceIdentity: "x".repeat(65) }),
    ).rejects.toThrow(/source identity/);
  });
});
