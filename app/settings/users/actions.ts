"use server";

// Users management actions (admin). Each goes through roleAction (session, same-origin, role,
// input schema) and lib/auth/manage-users.ts (which audits every change).
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { roleAction } from "@/lib/auth/guards";
import { asActionResult } from "@/lib/auth/action-result";
import { changeUserRole, createLocalUser, createUserInput, setUserDisabled } from "@/lib/auth/manage-users";
import { ROLES } from "@/lib/roles";
import { ForbiddenError } from "@/lib/errors";

const PATH = "/settings/users";

export const createUserAction = roleAction("admin", createUserInput, async (input, principal) =>
  asActionResult(async () => {
    const user = await createLocalUser(input, principal, { headers: await headers() });
    revalidatePath(PATH);
    return { id: user.id, email: user.email };
  }),
);

export const changeUserRoleAction = roleAction(
  "admin",
  z.object({ userId: z.string().min(1).max(100), role: z.enum(ROLES) }),
  async ({ userId, role }, principal) =>
    asActionResult(async () => {
      if (userId === principal.id) throw new ForbiddenError("You cannot change your own role; ask another admin");
      await changeUserRole(userId, role, principal, { headers: await headers() });
      revalidatePath(PATH);
    }),
);

export const setUserDisabledAction = roleAction(
  "admin",
  z.object({ userId: z.string().min(1).max(100), disabled: z.boolean() }),
  async ({ userId, disabled }, principal) =>
    asActionResult(async () => {
      if (userId === principal.id) throw new ForbiddenError("You cannot disable your own account");
      await setUserDisabled(userId, disabled, principal, { headers: await headers() });
      revalidatePath(PATH);
    }),
);
