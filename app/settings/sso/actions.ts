"use server";

// SSO allow-list action (admin): through roleAction (session, same-origin, role, input schema) and
// lib/auth/save-sso-allow-list.ts, which validates each entry and audits the change. A bad entry is
// answered as data naming it (ActionResult), not thrown: production builds hide thrown messages.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { roleAction } from "@/lib/auth/guards";
import { asActionResult } from "@/lib/auth/action-result";
import { saveSsoAllowList, ssoAllowListInput } from "@/lib/auth/save-sso-allow-list";

export const saveSsoAllowListAction = roleAction("admin", ssoAllowListInput, async (input, principal) =>
  asActionResult(async () => {
    const saved = await saveSsoAllowList(input, principal, { headers: await headers() });
    revalidatePath("/settings/sso");
    return saved;
  }),
);
