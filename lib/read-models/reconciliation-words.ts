// Security Hub reconciliation states in the words the UI uses (docs/controls.md, "Security Hub
// findings"). Pure: used by the verdict panel and the account page.

export type Reconciliation = "agrees" | "awaiting" | "disagrees" | "not_reported";

export function describeReconciliation(
  state: string | null | undefined,
  securityHubStatus?: string | null,
  verdictStatus?: string | null,
): string {
  if (verdictStatus === "ERROR" && !state) return "Not compared: the latest collection could not evaluate this control";
  switch (state) {
    case "agrees":
      return "Security Hub agrees with this verdict";
    case "awaiting":
      return "Awaiting Security Hub re-evaluation: fixed here, Security Hub re-checks every 12–24 hours";
    case "disagrees":
      return `Security Hub disagrees${securityHubStatus ? `: it reports ${securityHubStatus}` : ""}`;
    case "not_reported":
      return "Security Hub has not reported this control for this account";
    default:
      return "Not compared with Security Hub (no Security Hub data collected)";
  }
}

export function reconciliationTone(state: string | null | undefined): "good" | "wait" | "bad" | "none" {
  if (state === "agrees") return "good";
  if (state === "awaiting") return "wait";
  if (state === "disagrees") return "bad";
  return "none";
}
