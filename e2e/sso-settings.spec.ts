// The SSO allow-list on the settings page, as an admin: a bad entry is refused with its line named
// and nothing is saved; a good list is saved, shown again after a reload, and audited. Other roles
// cannot open the page.
import { expect, test } from "@playwright/test";
import { asClient, signInViaForm } from "./auth-helpers";

const SHOTS = process.env.TRAILWARDEN_E2E_SCREENSHOTS;

test("admin edits the SSO allow-list; a bad domain is named; the change is audited", async ({ page }) => {
  await asClient(page, 60);
  await signInViaForm(page, "admin");
  await page.goto("/settings");
  await page.getByRole("link", { name: /Single sign-on/ }).click();
  await expect(page.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  const form = page.getByTestId("sso-allow-list-form");

  await form.getByLabel("Allowed e-mail domains").fill("corp.example\nnot a domain");
  await form.getByLabel("Allowed groups").fill("trailwarden-users");
  await form.getByTestId("save-sso-allow-list").click();
  const message = form.getByTestId("sso-allow-list-message");
  await expect(message).toHaveAttribute("role", "alert");
  await expect(message).toContainText('line 2: "not a domain" is not an e-mail domain');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/sso-allow-list-error.png`, fullPage: true });

  await form.getByLabel("Allowed e-mail domains").fill("corp.example\n@Ops.Example");
  await form.getByTestId("save-sso-allow-list").click();
  await expect(message).toHaveText("Saved: 2 domains, 1 group.");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/sso-allow-list-saved.png`, fullPage: true });

  await page.reload();
  await expect(page.getByLabel("Allowed e-mail domains")).toHaveValue("corp.example\nops.example");
  await expect(page.getByLabel("Allowed groups")).toHaveValue("trailwarden-users");

  await page.goto("/audit?action=settings.sso_allow_list");
  await expect(page.getByTestId("audit-table").getByText("settings.sso_allow_list").first()).toBeVisible();

  // Put it back: the demo's SSO stays open to everyone for the other specs.
  await page.goto("/settings/sso");
  await page.getByLabel("Allowed e-mail domains").fill("");
  await page.getByLabel("Allowed groups").fill("");
  await page.getByTestId("save-sso-allow-list").click();
  await expect(page.getByTestId("sso-allow-list-message")).toContainText("no allow-list");
});

test("an engineer cannot open the SSO settings", async ({ page }) => {
  await asClient(page, 61);
  await signInViaForm(page, "engineer");
  const res = await page.goto("/settings/sso");
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("sso-allow-list-form")).toHaveCount(0);
});
