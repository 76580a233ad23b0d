// Signing in as each demo role through the UI, what each can see, and signing out.
import { expect, test, type Page } from "@playwright/test";
import { asClient, DEMO, signInViaForm, type DemoRole } from "./auth-helpers";

const NAV = ["Overview", "Matrix", "Accounts", "Remediation", "Reports", "Audit log", "Settings"] as const;
const VISIBLE: Record<DemoRole, readonly string[]> = {
  viewer: ["Overview", "Matrix", "Accounts"],
  auditor: ["Overview", "Matrix", "Accounts", "Reports", "Audit log"],
  engineer: ["Overview", "Matrix", "Accounts", "Remediation", "Reports", "Audit log"],
  admin: NAV,
};

async function expectNav(page: Page, role: DemoRole) {
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const label of NAV) {
    const link = nav.getByRole("link", { name: label, exact: true });
    if (VISIBLE[role].includes(label)) await expect(link, `${role} sees ${label}`).toBeVisible();
    else await expect(link, `${role} does not see ${label}`).toHaveCount(0);
  }
}

async function expectForbidden(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} status`).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
}

test.describe("signed out", () => {
  test("pages redirect to sign-in and come back after it", async ({ page }) => {
    await asClient(page, 10);
    await page.goto("/audit?outcome=failure");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit%3Foutcome%3Dfailure$/);
    await page.getByLabel("E-mail", { exact: true }).fill(DEMO.auditor.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO.auditor.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/audit\?outcome=failure$/);
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  });

  test("a wrong password is refused with a message", async ({ page }) => {
    await asClient(page, 11);
    await page.goto("/sign-in");
    await page.getByLabel("E-mail", { exact: true }).fill(DEMO.viewer.email);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test.describe("each role", () => {
  test("viewer sees posture only", async ({ page }) => {
    await asClient(page, 20);
    await signInViaForm(page, "viewer");
    await expectNav(page, "viewer");
    await expectForbidden(page, "/audit");
    await expectForbidden(page, "/settings/users");
  });

  test("auditor sees the audit log, with the sign-ins in it, but not settings", async ({ page }) => {
    await asClient(page, 21);
    await signInViaForm(page, "auditor");
    await expectNav(page, "auditor");
    await page.goto("/audit?action=auth.sign_in");
    const table = page.getByTestId("audit-table");
    await expect(table).toBeVisible();
    await expect(table.getByText("auth.sign_in").first()).toBeVisible();
    await expect(table.getByText("198.51.100.21").first()).toBeVisible();
    await expectForbidden(page, "/settings/users");
  });

  test("engineer sees remediation but not users", async ({ page }) => {
    await asClient(page, 22);
    await signInViaForm(page, "engineer");
    await expectNav(page, "engineer");
    await expectForbidden(page, "/settings/users");
    await expectForbidden(page, "/settings/tokens");
  });

  test("admin sees everything, the users and the tokens pages", async ({ page }) => {
    await asClient(page, 23);
    await signInViaForm(page, "admin");
    await expectNav(page, "admin");
    await page.goto("/settings/users");
    const users = page.getByTestId("users-table");
    for (const role of ["viewer", "auditor", "engineer", "admin"] as const)
      await expect(users.getByRole("cell", { name: DEMO[role].email, exact: true })).toBeVisible();
    await page.goto("/settings/tokens");
    await page.getByLabel("Name", { exact: true }).fill("e2e ui token");
    await page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("new-token")).toHaveValue(/^tw_[0-9A-Za-z]{40}$/);
    await expect(page.getByTestId("tokens-table").getByText("e2e ui token")).toBeVisible();
  });
});

test("sign-out ends the session", async ({ page }) => {
  await asClient(page, 30);
  await signInViaForm(page, "engineer");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByTestId("user-menu")).toHaveCount(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});
