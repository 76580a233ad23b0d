// Reading and writing the database's JSON columns. Prisma types a JSON column as any JSON value;
// each column family has a zod schema (next to the type it stores) and is parsed here once, when
// the row is read. A stored value that does not parse raises a StoredJsonError naming the table,
// column and row, so one bad row is reported as such instead of failing somewhere downstream.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

export class StoredJsonError extends AppError {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly rowId: string,
    readonly problems: string[],
  ) {
    super(
      `${table}.${column} of row ${rowId} does not have the expected shape: ${problems.slice(0, 5).join("; ")}`,
      500,
      "stored_json_invalid",
    );
  }
}

/** Which stored value is read: e.g. { table: "snapshots", column: "state", rowId: snapshot.id }. */
export interface JsonCell {
  table: string;
  column: string;
  rowId: string;
}

export function readJsonColumn<T>(schema: z.ZodType<T>, value: unknown, cell: JsonCell): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(value)"}: ${i.message}`);
  throw new StoredJsonError(cell.table, cell.column, cell.rowId, problems);
}

/** A typed value as a JSON column's input (undefined fields dropped, as JSON would). */
export function toJsonColumn(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null));
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);
export const jsonObjectSchema: z.ZodType<{ [key: string]: JsonValue }> = z.record(z.string(), jsonValueSchema);
