// Framework mappings for reports and the matrix. CIS ids are given in the current numbering (v5.0:
// 3.x logging, 4.x monitoring) beside the v1.2/v1.4 ids Security Hub still uses. The family-wide
// requirements apply to every control of the family, CloudTrail.* and CloudWatch.* alike: both
// exist to keep API activity recorded (AU-2/AU-3/AU-12), protected (AU-9) and watched (CC7.2).
import type { FrameworkMapping } from "@/lib/controls/types";

export function cis(version: "v1.2.0" | "v1.4.0" | "v3.0.0" | "v5.0.0", section: string): FrameworkMapping {
  return { framework: "CIS AWS Foundations Benchmark", version, requirement: section };
}

export const FAMILY_MAPPINGS: readonly FrameworkMapping[] = [
  { framework: "PCI DSS", version: "v3.2.1", requirement: "10" },
  { framework: "PCI DSS", version: "v4.0", requirement: "10" },
  { framework: "PCI DSS", version: "v4.0.1", requirement: "10.2" },
  { framework: "PCI DSS", version: "v4.0.1", requirement: "10.3" },
  { framework: "PCI DSS", version: "v4.0.1", requirement: "10.5" },
  { framework: "NIST SP 800-53", requirement: "AU-2" },
  { framework: "NIST SP 800-53", requirement: "AU-3" },
  { framework: "NIST SP 800-53", requirement: "AU-9" },
  { framework: "NIST SP 800-53", requirement: "AU-11" },
  { framework: "NIST SP 800-53", requirement: "AU-12" },
  { framework: "SOC 2", requirement: "CC7.2" },
];

/** "CIS AWS Foundations Benchmark v1.4.0 3.7", "NIST SP 800-53 AU-2": for tables and PDFs. */
export function formatMapping(mapping: FrameworkMapping): string {
  return [mapping.framework, mapping.version, mapping.requirement].filter(Boolean).join(" ");
}
