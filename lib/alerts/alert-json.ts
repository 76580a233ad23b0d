// The zod schemas of the alert tables' JSON columns (AlertDelivery.payload, AlertDestination.config
// for e-mail) and their readers, matching AlertPayload and SmtpConfig.
import { z } from "zod";
import type { AlertPayload } from "@/lib/alerts/alert-payload";
import type { SmtpConfig } from "@/lib/alerts/send-email";
import { readJsonColumn } from "@/lib/db/json/read-json-column";
import { alertStatusSchema } from "@/lib/statuses";

const alertPayloadSchema = z.looseObject({
  id: z.string(),
  rule: z.string(),
  status: alertStatusSchema,
  accountId: z.string(),
  accountName: z.string(),
  controlId: z.string().nullable(),
  trailArn: z.string().nullable(),
  summary: z.string(),
  detectedAt: z.string(),
  resolvedAt: z.string().optional(),
  actor: z
    .looseObject({ arn: z.string().nullable(), sourceIp: z.string().nullable(), eventTime: z.string() })
    .nullable(),
  url: z.string(),
  test: z.literal(true).optional(),
}) satisfies z.ZodType<AlertPayload>;

const smtpConfigSchema = z.looseObject({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  user: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
}) satisfies z.ZodType<SmtpConfig>;

/** AlertDelivery.payload: the message the delivery sends. */
export function readAlertPayload(row: { id: string; payload: unknown }): AlertPayload {
  return readJsonColumn(alertPayloadSchema, row.payload, {
    table: "alert_deliveries",
    column: "payload",
    rowId: row.id,
  });
}

/** AlertDestination.config of an e-mail destination. */
export function readSmtpConfig(row: { id: string; config: unknown }): SmtpConfig {
  return readJsonColumn(smtpConfigSchema, row.config, { table: "alert_destinations", column: "config", rowId: row.id });
}
