// Every status the database stores, as one list each: the type and the zod enum derive from it, so
// a status cannot be spelled differently in two places. Client-safe (no server import).
import { z } from "zod";

/** A control's verdict (docs/controls.md). */
export const VERDICT_STATUSES = ["PASSED", "FAILED", "WARNING", "NO_DATA", "NOT_APPLICABLE", "ERROR"] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];
export const verdictStatusSchema = z.enum(VERDICT_STATUSES);

/** How one account's collection ended (Snapshot.status). */
export const COLLECTION_STATUSES = ["ok", "partial", "error"] as const;
export type CollectionStatus = (typeof COLLECTION_STATUSES)[number];
export const collectionStatusSchema = z.enum(COLLECTION_STATUSES);

/** A collection run (CollectionRun.status). */
export const RUN_STATUSES = ["queued", "running", "ok", "partial", "error"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const runStatusSchema = z.enum(RUN_STATUSES);

/** A remediation job (RemediationJob.status). */
export const JOB_STATUSES = [
  "planned",
  "queued",
  "running",
  "verifying",
  "succeeded",
  "needs-attention",
  "failed",
  "cancelled",
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const jobStatusSchema = z.enum(JOB_STATUSES);

/** A remediation step (RemediationStep.status). */
export const STEP_STATUSES = ["pending", "running", "succeeded", "failed", "skipped"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const stepStatusSchema = z.enum(STEP_STATUSES);

/** An alert (Alert.status). */
export const ALERT_STATUSES = ["firing", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const alertStatusSchema = z.enum(ALERT_STATUSES);

/** An alert's delivery to one destination (AlertDelivery.status). */
export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
