// Schemas several endpoints share: identifiers, the error body, and a compile-time check that a
// response schema describes exactly the type its read model returns (so neither can change alone).
import { z } from "zod";
import { ROLES } from "@/lib/roles";
import { verdictStatusSchema } from "@/lib/statuses";

export const accountIdSchema = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account id");
export const isoTime = z.string().describe("ISO 8601 date-time (UTC)");
export { verdictStatusSchema };
export const roleSchema = z.enum(ROLES);

/** The body of every 4xx/5xx answer (lib/http/error-response.ts). */
export const errorBodySchema = z
  .object({
    error: z.string().describe("machine-readable code, e.g. invalid_input, not_found, plan_stale"),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Error" });

/** The JSON form of a read model's type: dates travel as ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Compile-time: `schema`'s output and `T` are assignable both ways. Use as
 * `sameShape<RemediationJobView>()(remediationJobSchema)`; a mismatch fails `tsc`.
 */
export function sameShape<T>() {
  return <S extends z.ZodType>(schema: S & (Same<z.output<S>, T> extends true ? unknown : never)): S => schema;
}
