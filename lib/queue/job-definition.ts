// The shape of a background job (documenso's pattern): an id that is also the queue name, a zod
// schema for its payload (validated when the job is picked up, whoever sent it), an optional cron
// schedule, the queue's retry and expiry policy, and a lazily imported, idempotent handler.
import type { Job, Queue } from "pg-boss";
import type { z } from "zod";

export interface JobContext {
  /** pg-boss's job id (a UUID), stable across retries of the same job. */
  jobId: string;
  /** The attempt (0 for the first). */
  retryCount: number;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** A queue's retry, expiry and retention policy (pg-boss's queue options without the name). */
export type JobQueuePolicy = Omit<Queue, "name">;

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  schema: S;
  /** A cron expression (UTC) for scheduled runs, or undefined for on-demand only; read at worker start. */
  cron?: () => string | undefined;
  /** The payload a scheduled run is sent with. */
  cronPayload?: z.input<S>;
  queue?: JobQueuePolicy;
  /** Jobs of this queue one worker runs at once (default: the worker's own setting, 1). */
  concurrency?: number;
  handle: (payload: z.output<S>, context: JobContext) => Promise<void>;
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

/** Validates a picked-up job's payload; a bad payload fails the job with the schema's message. */
export function parsePayload<S extends z.ZodType>(definition: JobDefinition<S>, job: Job<unknown>): z.output<S> {
  const parsed = definition.schema.safeParse(job.data ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`Invalid payload for job ${definition.id} (${job.id}): ${issues}`);
  }
  return parsed.data;
}
