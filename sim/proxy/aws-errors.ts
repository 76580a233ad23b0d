// Answers in each service's own error format, so the SDK parses a simulated error exactly as it
// would AWS's: JSON (`__type`) for CloudTrail, CloudWatch Logs, CloudWatch, Organizations, KMS and
// Security Hub; query XML for STS, IAM and SNS; EC2's XML; S3's XML.
import type { AwsCall } from "@/sim/proxy/describe-call";

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export function awsError(call: AwsCall, status: number, code: string, message: string): ProxyAnswer {
  const requestId = `proxy-${Math.random().toString(16).slice(2)}`;
  if (call.protocol === "json" || call.protocol === "rest-json") {
    const headers: Record<string, string> = {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-errortype": code,
      "x-amzn-requestid": requestId,
    };
    // CloudWatch speaks JSON but keeps its query-protocol error codes in this header.
    if (call.service === "monitoring") headers["x-amzn-query-error"] = `${code};Sender`;
    return { status, headers, body: JSON.stringify({ __type: code, message }) };
  }
  const msg = escapeXml(message);
  if (call.protocol === "ec2") {
    return {
      status,
      headers: { "content-type": "text/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${msg}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    };
  }
  if (call.protocol === "s3") {
    return {
      status,
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${msg}</Message><RequestId>${requestId}</RequestId></Error>`,
    };
  }
  return {
    status,
    headers: { "content-type": "text/xml" },
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${msg}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}

/** A successful JSON-protocol answer (CloudTrail, KMS, Logs, ...). */
export function jsonAnswer(value: unknown): ProxyAnswer {
  return {
    status: 200,
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amzn-requestid": `proxy-${Math.random().toString(16).slice(2)}`,
    },
    body: JSON.stringify(value),
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
