// Alerts (viewer): the watch's and the collections' alerts, firing first, with their deliveries.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/define-endpoint";
import { accountIdSchema, isoTime, sameShape } from "@/lib/api/endpoints/common";
import { alertFilters, type AlertView } from "@/lib/alerts/list-alerts";
import { alertStatusSchema } from "@/lib/statuses";

const alertSchema = sameShape<AlertView>()(
  z
    .object({
      id: z.string(),
      rule: z.string().describe("control-failed | logging-stopped | collection-failing | integrity-failure"),
      status: alertStatusSchema,
      accountId: accountIdSchema,
      accountName: z.string(),
      controlId: z.string().nullable(),
      trailArn: z.string().nullable(),
      summary: z.string(),
      resolvedSummary: z.string().nullable(),
      detectedAt: isoTime,
      resolvedAt: isoTime.nullable(),
      actor: z
        .object({
          arn: z.string().nullable(),
          sourceIp: z.string().nullable(),
          eventTime: isoTime,
          eventName: z.string(),
          requestParameters: z.unknown(),
        })
        .nullable()
        .describe("who made the change, from CloudTrail event history"),
      deliveries: z.array(
        z.object({
          destination: z.string(),
          event: z.string().describe("firing | resolved | test"),
          status: z.string().describe("pending | delivered | failed"),
          attempts: z.number().int(),
          error: z.string().nullable(),
          at: isoTime,
        }),
      ),
    })
    .meta({ id: "Alert" }),
);

export const listAlertsEndpoint = defineEndpoint({
  method: "get",
  path: "/api/v1/alerts",
  summary: "Alerts (firing first), each with the outcome of its deliveries",
  role: "viewer",
  query: alertFilters,
  responses: { 200: { description: "alerts", schema: z.object({ alerts: z.array(alertSchema) }) } },
  errors: [400, 401, 403],
});
