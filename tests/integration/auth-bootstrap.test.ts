// The first admin of a fresh installation, from TRAILWARDEN_ADMIN_EMAIL / _PASSWORD.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureInitialAdmin } from "@/lib/auth/bootstrap-admin";
import { useFreshDatabase } from "./support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
beforeAll(async () => {
  fresh = await useFreshDatabase();
});
afterAll(async () => fresh.drop());

// A partial environment for the function under test (Next's types make NODE_ENV required).
const asEnv = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("ensureInitialAdmin", () => {
  it("does nothing without the variables and refuses half a configuration", async () => {
    expect(await ensureInitialAdmin(asEnv({}))).toBeNull();
    await expect(ensureInitialAdmin(asEnv({ TRAILWARDEN_ADMIN_EMAIL: "root@example.com" }))).rejects.toThrow(
      /set together/,
    );
    await expect(
      ensureInitialAdmin(asEnv({ TRAILWARDEN_ADMIN_EMAIL: "root@example.com", TRAILWARDEN_ADMIN_PASSWORD: "short" })),
    ).rejects.toThrow(/12 characters/);
  });

  it("creates the admin on an empty database, once", async () => {
    const env = asEnv({
      TRAILWARDEN_ADMIN_EMAIL: "Root@Example.com",
      TRAILWARDEN_ADMIN_PASSWORD: "a-long-bootstrap-password",
    });
    expect(await ensureInitialAdmin(env)).toBe("root@example.com");
    expect(await ensureInitialAdmin(env)).toBeNull();
    const admin = await db.user.findUniqueOrThrow({
      where: { email: "root@example.com" },
      include: { authAccounts: true },
    });
    expect(admin.role).toBe("admin");
    expect(admin.authAccounts[0]?.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // scrypt salt:key, not the password
    expect(await db.auditEvent.count({ where: { action: "user.create", target: "root@example.com" } })).toBe(1);
  });
});
