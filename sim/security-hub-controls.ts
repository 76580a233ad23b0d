// Security Hub's titles and severities for the CloudTrail/CloudWatch controls, used to make the
// imported findings look like the consolidated control findings Security Hub itself produces.
import { CIS_FILTERS } from "@/sim/cis-patterns";

export interface ControlInfo {
  title: string;
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
}

const CLOUDTRAIL: Record<string, ControlInfo> = {
  "CloudTrail.1": {
    title:
      "CloudTrail should be enabled and configured with at least one multi-Region trail that includes read and write management events",
    severity: "HIGH",
  },
  "CloudTrail.2": { title: "CloudTrail should have encryption at-rest enabled", severity: "MEDIUM" },
  "CloudTrail.3": { title: "At least one CloudTrail trail should be enabled", severity: "HIGH" },
  "CloudTrail.4": { title: "CloudTrail log file validation should be enabled", severity: "LOW" },
  "CloudTrail.5": { title: "CloudTrail trails should be integrated with Amazon CloudWatch Logs", severity: "LOW" },
  "CloudTrail.6": {
    title: "Ensure the S3 bucket used to store CloudTrail logs is not publicly accessible",
    severity: "CRITICAL",
  },
  "CloudTrail.7": { title: "Ensure S3 bucket access logging is enabled on the CloudTrail S3 bucket", severity: "LOW" },
  "CloudTrail.9": { title: "CloudTrail trails should be tagged", severity: "LOW" },
  "CloudTrail.10": {
    title: "CloudTrail Lake event data stores should be encrypted with a customer managed AWS KMS key",
    severity: "MEDIUM",
  },
};

export function controlInfo(controlId: string): ControlInfo {
  const known = CLOUDTRAIL[controlId];
  if (known) return known;
  const cis = CIS_FILTERS.find((f) => f.controlId === controlId);
  if (cis) return { title: `A log metric filter and alarm should exist for ${cis.watches}`, severity: "LOW" };
  throw new Error(`unknown control ${controlId}`);
}

export const SECURITY_HUB_PRODUCT = (region: string) => `arn:aws:securityhub:${region}::product/aws/securityhub`;
export const FSBP_STANDARD = "standards/aws-foundational-security-best-practices/v/1.0.0";
export const CIS_STANDARD = "standards/cis-aws-foundations-benchmark/v/1.4.0";
