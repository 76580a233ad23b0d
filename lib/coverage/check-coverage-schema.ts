// The coverage tables come from the coverage migration; until it is applied, say which tables
// are missing instead of failing on the first query with "relation does not exist".
import "server-only";
import { db } from "@/lib/db";

export class CoverageSchemaError extends Error {
  override name = "CoverageSchemaError";
}

export async function checkCoverageSchema(): Promise<void> {
  const rows = await db.$queryRaw<{ name: string; present: boolean }[]>`
    SELECT t.name, to_regclass(t.name) IS NOT NULL AS present
    FROM unnest(ARRAY['coverage_days', 'coverage_gaps', 'coverage_builds']) AS t(name)`;
  const missing = rows.filter((r) => !r.present).map((r) => r.name);
  if (missing.length) {
    throw new CoverageSchemaError(
      `The database lacks the coverage tables ${missing.join(", ")}: apply the coverage migration (trailwarden migrate).`,
    );
  }
}
