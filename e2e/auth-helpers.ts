// Shared by the auth specs: the demo users (seeded by `trailwarden demo`, listed in the README)
// and a sign-in through the real form.
import { expect, type Page } from "@playwright/test";

export type DemoRole = "viewer" | "auditor" | "engineer" | "admin";

export const DEMO = {
  viewer: { email: "viewer@trailwarden.local", password: "demo-viewer-pass" },
  auditor: { email: "auditor@trailwarden.local", password: "demo-auditor-pass" },
  engineer: { email: "engineer@trailwarden.local", password: "demo-engineer-pass" },
  admin: { email: "admin@trailwarden.local", password: "demo-admin-pass" },
} as const satisfies Record<DemoRole, { email: string; password: string }>;

/**
 * Sign-in is rate-limited per client address (5 a minute by default) and every test here comes
 * from 127.0.0.1. Each test presents its own X-Forwarded-For, as a reverse proxy would for users
 * on different machines, so the suite does not depend on how fast it runs.
 */
export async function asClient(page: Page, n: number): Promise<void> {
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${n}` });
}

export async function signInViaForm(page: Page, role: DemoRole, path = "/sign-in"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("E-mail", { exact: true }).fill(DEMO[role].email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO[role].password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("user-role")).toHaveText(role);
}
