// The vocabulary shared by the catalogue, the evaluator and reconciliation. The UI, reports, the
// API and the persistence layer read these shapes, so changes here are contract changes.
import type { VerdictStatus } from "@/lib/statuses";

export const CLOUDTRAIL_CONTROL_IDS = [
  "CloudTrail.1",
  "CloudTrail.2",
  "CloudTrail.3",
  "CloudTrail.4",
  "CloudTrail.5",
  "CloudTrail.6",
  "CloudTrail.7",
  "CloudTrail.9",
  "CloudTrail.10",
] as const;

export const CLOUDWATCH_CONTROL_IDS = [
  "CloudWatch.1",
  "CloudWatch.2",
  "CloudWatch.3",
  "CloudWatch.4",
  "CloudWatch.5",
  "CloudWatch.6",
  "CloudWatch.7",
  "CloudWatch.8",
  "CloudWatch.9",
  "CloudWatch.10",
  "CloudWatch.11",
  "CloudWatch.12",
  "CloudWatch.13",
  "CloudWatch.14",
] as const;

export type CloudTrailControlId = (typeof CLOUDTRAIL_CONTROL_IDS)[number];
export type CloudWatchControlId = (typeof CLOUDWATCH_CONTROL_IDS)[number];
export type ControlId = CloudTrailControlId | CloudWatchControlId;

export type { VerdictStatus };

export interface ControlVerdict {
  controlId: ControlId;
  status: VerdictStatus;
  /** One line a security engineer can act on. */
  reason: string;
  /** ARNs of the evidence (trails, buckets, log groups, metric filters, alarms, topics, stores). */
  evidence: string[];
}

export type ControlFamily = "CloudTrail" | "CloudWatch";
export type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
export type ControlLevel = "account" | "trail" | "bucket" | "event-data-store";

export type Framework = "CIS AWS Foundations Benchmark" | "PCI DSS" | "NIST SP 800-53" | "SOC 2";

export interface FrameworkMapping {
  framework: Framework;
  /** e.g. "v1.4.0", "v4.0"; absent when the framework has no version in the mapping (NIST rev. implied, SOC 2). */
  version?: string;
  /** Section or requirement, e.g. "3.7", "10", "AU-2", "CC7.2". */
  requirement: string;
}

/** The CIS metric filter a CloudWatch.x control looks for, and what remediation should create. */
export interface CisMetricFilterSpec {
  /** What the filter watches, e.g. "root account use". */
  watches: string;
  /** AWS's own pattern, byte for byte (remediation writes exactly this). */
  pattern: string;
  /** Other patterns Security Hub documents for the same control (accepted as passing). */
  alternativePatterns: string[];
  /** Suggested metric (and filter/alarm) name for remediation. */
  metricName: string;
}

export interface ControlDefinition {
  id: ControlId;
  family: ControlFamily;
  /** Security Hub's title. */
  title: string;
  /** Security Hub's severity. */
  severity: Severity;
  level: ControlLevel;
  /** What the control checks, one sentence. */
  checks: string;
  /** How to fix it, one or two sentences. */
  remediation: string;
  frameworks: FrameworkMapping[];
  /** CloudWatch.x only. */
  cis?: CisMetricFilterSpec;
}
