// ControlResult.securityHub is JSON written by reconciliation; read it defensively (old rows may
// lack fields) into one shape.
import { z } from "zod";

const schema = z
  .object({
    status: z.string().nullish(),
    workflowStatus: z.string().nullish(),
    updatedAt: z.string().nullish(),
    findingId: z.string().nullish(),
  })
  .nullish();

export interface SecurityHubSummary {
  status: string | null;
  workflowStatus: string | null;
  updatedAt: string | null;
  findingId: string | null;
}

export function parseSecurityHub(value: unknown): SecurityHubSummary | null {
  const parsed = schema.safeParse(value);
  if (!parsed.success || !parsed.data) return null;
  const { status, workflowStatus, updatedAt, findingId } = parsed.data;
  return {
    status: status ?? null,
    workflowStatus: workflowStatus ?? null,
    updatedAt: updatedAt ?? null,
    findingId: findingId ?? null,
  };
}
