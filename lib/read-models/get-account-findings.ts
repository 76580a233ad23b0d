// Security Hub's CloudTrail/CloudWatch control findings for one account (kept past Security Hub's
// own 90 days), newest first.
import "server-only";
import { db } from "@/lib/db";
import { controlIndex } from "@/lib/views/control-columns";

export interface AccountFinding {
  id: string;
  controlId: string;
  region: string;
  complianceStatus: string | null;
  workflowStatus: string | null;
  recordState: string;
  resourceIds: string[];
  reasons: string[];
  updatedAt: string;
  lastSeenAt: string;
}

function reasonsOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((r) => {
    if (!r || typeof r !== "object") return [];
    const { reasonCode, description, ReasonCode, Description } = r as Record<string, unknown>;
    const code = reasonCode ?? ReasonCode;
    const text = description ?? Description;
    return [[code, text].filter((v) => typeof v === "string" && v).join(": ")].filter(Boolean);
  });
}

export async function getAccountFindings(accountId: string): Promise<AccountFinding[]> {
  const rows = await db.securityHubFinding.findMany({
    where: { accountId },
    orderBy: { updatedAt: "desc" },
    take: 500,
    select: {
      id: true,
      controlId: true,
      region: true,
      complianceStatus: true,
      workflowStatus: true,
      recordState: true,
      resourceIds: true,
      statusReasons: true,
      updatedAt: true,
      lastSeenAt: true,
    },
  });
  const order = controlIndex();
  return rows
    .map((r) => ({
      ...r,
      reasons: reasonsOf(r.statusReasons),
      updatedAt: r.updatedAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
    }))
    .map(({ statusReasons: _drop, ...r }) => r)
    .sort(
      (a, b) =>
        Number(a.recordState !== "ACTIVE") - Number(b.recordState !== "ACTIVE") ||
        (order.get(a.controlId) ?? 99) - (order.get(b.controlId) ?? 99),
    );
}
