// The audit log's filters, as they appear in the URL (/audit?action=auth.&outcome=failure&from=...)
// and in GET /api/v1/audit. One schema for both, so the page and the export always agree.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "is not a real date");
const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;

export const auditFiltersSchema = z.object({
  /** Exact action, or a prefix ending in "." (e.g. "auth." for every sign-in event). */
  action: optionalText,
  /** Matches the actor's name or id, case-insensitively. */
  actor: optionalText,
  outcome: z
    .enum(AUDIT_OUTCOMES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** First day, inclusive (UTC). */
  from: day.optional().or(z.literal("").transform(() => undefined)),
  /** Last day, inclusive (UTC). */
  to: day.optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** Reads filters from URL search params (first value of each key). */
export function auditFiltersFromParams(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((k) => [k, params.get(k) ?? undefined] as const)
      : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  return auditFiltersSchema.safeParse(Object.fromEntries(entries.filter(([, v]) => v !== undefined)));
}

export function auditWhere(filters: AuditFilters): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (filters.action) where.action = filters.action.endsWith(".") ? { startsWith: filters.action } : filters.action;
  if (filters.actor) {
    where.OR = [
      { actorName: { contains: filters.actor, mode: "insensitive" } },
      { actorId: { contains: filters.actor, mode: "insensitive" } },
    ];
  }
  if (filters.outcome) where.outcome = filters.outcome;
  if (filters.from || filters.to) {
    where.at = {
      ...(filters.from ? { gte: new Date(`${filters.from}T00:00:00.000Z`) } : {}),
      ...(filters.to ? { lt: new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + 86_400_000) } : {}),
    };
  }
  return where;
}

/** The filters as search params, without defaults, for links (pagination, export). */
export function auditFiltersToParams(filters: Partial<AuditFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ["action", "actor", "outcome", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  return params;
}
