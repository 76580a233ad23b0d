"use server";

// API token actions (admin): create (the token is returned once, to be shown once) and revoke.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { roleAction } from "@/lib/auth/guards";
import { asActionResult } from "@/lib/auth/action-result";
import { createApiToken, createTokenInput, revokeApiToken } from "@/lib/auth/api-tokens";

const PATH = "/settings/tokens";

export const createTokenAction = roleAction("admin", createTokenInput, async (input, principal) =>
  asActionResult(async () => {
    const { token, summary } = await createApiToken(input, principal, { headers: await headers() });
    revalidatePath(PATH);
    return { token, name: summary.name, role: summary.role };
  }),
);

export const revokeTokenAction = roleAction("admin", z.object({ id: z.uuid() }), async ({ id }, principal) =>
  asActionResult(async () => {
    await revokeApiToken(id, principal, { headers: await headers() });
    revalidatePath(PATH);
  }),
);
