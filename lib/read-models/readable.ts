// A page section's data, or the stored row that could not be read. A JSON column whose value does
// not parse (StoredJsonError, naming the table, column and row) is shown in the section that needed
// it; the rest of the page renders. Any other error still propagates.
import { StoredJsonError } from "@/lib/db/json/read-json-column";

export type Readable<T> = { ok: true; value: T } | { ok: false; error: StoredJsonError };

export async function readable<T>(load: Promise<T>): Promise<Readable<T>> {
  try {
    return { ok: true, value: await load };
  } catch (err) {
    if (err instanceof StoredJsonError) return { ok: false, error: err };
    throw err;
  }
}
