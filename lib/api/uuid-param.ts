// Path ids that are UUIDs in the database. Anything else names no resource: 404, the same answer as
// an unknown UUID, rather than letting PostgreSQL reject the value (a 500).
import { z } from "zod";
import { NotFoundError } from "@/lib/errors";

const uuid = z.uuid();

/** `id` when it is a UUID; otherwise NotFoundError naming `what`. */
export function uuidOrNotFound(id: string, what: string): string {
  if (!uuid.safeParse(id).success) throw new NotFoundError(`${what} ${id} does not exist`);
  return id;
}
