"use server";

// Alert settings actions (admin): destinations (create, enable/disable, delete, send test) and rules.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { roleAction } from "@/lib/auth/guards";
import { asActionResult } from "@/lib/auth/action-result";
import { RULE_IDS } from "@/lib/alerts/alert-rules";
import { destinationInput } from "@/lib/alerts/destination-types";
import {
  createDestination,
  deleteDestination,
  setDestinationEnabled,
  updateRule,
} from "@/lib/alerts/manage-destinations";
import { sendTestAlert } from "@/lib/alerts/send-test-alert";

const PATH = "/settings/alerts";
const destinationId = z.union([z.uuid(), z.literal("env")]);

export const createDestinationAction = roleAction("admin", destinationInput, async (input, principal) =>
  asActionResult(async () => {
    const { id } = await createDestination(input, principal, { headers: await headers() });
    revalidatePath(PATH);
    return { id };
  }),
);

export const setDestinationEnabledAction = roleAction(
  "admin",
  z.object({ id: z.uuid(), enabled: z.boolean() }),
  async ({ id, enabled }, principal) =>
    asActionResult(async () => {
      await setDestinationEnabled(id, enabled, principal, { headers: await headers() });
      revalidatePath(PATH);
    }),
);

export const deleteDestinationAction = roleAction("admin", z.object({ id: z.uuid() }), async ({ id }, principal) =>
  asActionResult(async () => {
    await deleteDestination(id, principal, { headers: await headers() });
    revalidatePath(PATH);
  }),
);

export const sendTestAction = roleAction("admin", z.object({ id: destinationId }), async ({ id }, principal) =>
  asActionResult(async () => {
    await sendTestAlert(id, principal, { headers: await headers() });
    revalidatePath(PATH);
  }),
);

export const updateRuleAction = roleAction(
  "admin",
  z.object({
    id: z.enum(RULE_IDS),
    enabled: z.boolean(),
    threshold: z.coerce.number().int().min(1).max(100).optional(),
  }),
  async (input, principal) =>
    asActionResult(async () => {
      const { loadRules } = await import("@/lib/alerts/alert-rules");
      const current = (await loadRules()).get(input.id);
      await updateRule({ ...input, destinationIds: current?.destinationIds ?? [] }, principal, {
        headers: await headers(),
      });
      revalidatePath(PATH);
    }),
);
