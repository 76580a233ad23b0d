// The strict simulator's policy evaluator: AWS's decision for the statements CloudTrail's
// preconditions depend on (explicit Deny wins, conditions on absent keys, wildcards, set operators).
import { describe, expect, it } from "vitest";
import { evaluatePolicies, evaluatePolicy, wildcardMatch } from "@/sim/proxy/policy-evaluator";

const trail = "arn:aws:cloudtrail:us-east-1:111122223333:trail/t";
const cloudtrail = { service: "cloudtrail.amazonaws.com" };
const write = (condition: object) => ({
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::b/AWSLogs/111122223333/*",
      Condition: condition,
    },
  ],
});
const put = (context: Record<string, string>) => ({
  principal: cloudtrail,
  action: "s3:PutObject",
  resource: "arn:aws:s3:::b/AWSLogs/111122223333/CloudTrail/x.json.gz",
  context,
});

describe("evaluatePolicy", () => {
  it("allows when principal, action, resource and every condition match", () => {
    const policy = write({ StringEquals: { "aws:SourceArn": trail, "s3:x-amz-acl": "bucket-owner-full-control" } });
    expect(evaluatePolicy(policy, put({ "aws:SourceArn": trail, "s3:x-amz-acl": "bucket-owner-full-control" }))).toBe(
      "allow",
    );
    expect(
      evaluatePolicy(policy, put({ "aws:SourceArn": `${trail}x`, "s3:x-amz-acl": "bucket-owner-full-control" })),
    ).toBe("implicit-deny");
  });

  it("treats a condition on a key the request lacks as false, and its negation as true", () => {
    expect(evaluatePolicy(write({ StringEquals: { "aws:SourceAccount": "111122223333" } }), put({}))).toBe(
      "implicit-deny",
    );
    expect(evaluatePolicy(write({ StringNotEquals: { "aws:SourceAccount": "1" } }), put({}))).toBe("allow");
    expect(evaluatePolicy(write({ Null: { "aws:SourceAccount": "true" } }), put({}))).toBe("allow");
    expect(evaluatePolicy(write({ StringEqualsIfExists: { "aws:SourceAccount": "1" } }), put({}))).toBe("allow");
  });

  it("lets an explicit Deny win over an Allow", () => {
    const policy = {
      Statement: [
        ...write({}).Statement,
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    };
    expect(evaluatePolicy(policy, put({ "aws:SecureTransport": "true" }))).toBe("allow");
    expect(evaluatePolicy(policy, put({ "aws:SecureTransport": "false" }))).toBe("deny");
  });

  it("matches wildcards in actions (case-insensitively), resources and ArnLike conditions", () => {
    expect(wildcardMatch("kms:GenerateDataKey*", "kms:generatedatakey", true)).toBe(true);
    expect(wildcardMatch("arn:aws:s3:::b/AWSLogs/1/*", "arn:aws:s3:::b/AWSLogs/2/x")).toBe(false);
    const policy = write({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" } });
    expect(evaluatePolicy(policy, put({ "aws:SourceArn": trail }))).toBe("allow");
  });

  it("names a principal by account root only when the account delegates", () => {
    const policy = {
      Statement: [
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
      ],
    };
    const request = {
      principal: { aws: "arn:aws:iam::111122223333:role/R" },
      action: "kms:CreateAlias",
      resource: "arn:aws:kms:us-east-1:111122223333:key/k",
      context: {},
    };
    expect(evaluatePolicy(policy, request)).toBe("allow");
    expect(evaluatePolicy(policy, request, { accountDelegates: false })).toBe("implicit-deny");
  });

  it("combines identity policies: any Allow, no Deny", () => {
    const allow = { Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }] };
    const deny = { Statement: [{ Effect: "Deny", Action: "logs:*", Resource: "*" }] };
    const request = { action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:1:log-group:g", context: {} };
    expect(evaluatePolicies([allow], request)).toBe("allow");
    expect(evaluatePolicies([allow, deny], request)).toBe("deny");
    expect(evaluatePolicies([], request)).toBe("implicit-deny");
  });
});
