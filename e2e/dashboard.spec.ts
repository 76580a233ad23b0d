// The dashboard against the demo organization: the matrix (filters and search in the URL, the
// verdict of a cell by mouse, keyboard and link), an account's page, "Collect now" with live
// progress, and the empty instance's set-up guide. Selectors are roles and labels first; test ids
// only where nothing user-visible is stable (counts, grid cells).
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "../playwright.config";
import { asClient, signInViaForm, type DemoRole } from "./auth-helpers";

// Each test signs in from its own client address (sign-in is rate-limited per address).
let client = 120;
async function signIn(page: Page, role: DemoRole, signInPath = "/sign-in"): Promise<void> {
  await asClient(page, client++);
  await signInViaForm(page, role, signInPath);
}

const grid = (page: Page) => page.getByRole("grid", { name: "Accounts by control" });
const accountRows = (page: Page) => grid(page).locator("[data-account]");
const matrixCount = (page: Page) => page.getByTestId("matrix-count");

async function shownAccounts(page: Page): Promise<number> {
  const text = (await matrixCount(page).textContent()) ?? "";
  return Number(/Showing\s+([\d,]+)/.exec(text)?.[1]?.replace(/,/g, "") ?? NaN);
}

async function visibleAccountNames(page: Page): Promise<string[]> {
  return accountRows(page)
    .locator("[role=rowheader] a")
    .evaluateAll((links) => links.map((a) => a.firstChild?.textContent?.trim() ?? ""));
}

test.describe("matrix", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/matrix");
    await expect(grid(page)).toBeVisible();
  });

  test("filters, searches and sorts, all kept in the URL", async ({ page }) => {
    const total = await shownAccounts(page);
    expect(total).toBeGreaterThan(10);

    await page.getByLabel("Search accounts").fill("sandbox");
    await expect(page).toHaveURL(/[?&]q=sandbox/);
    await expect.poll(() => shownAccounts(page)).toBeLessThan(total);
    for (const name of await visibleAccountNames(page)) expect(name).toContain("sandbox");

    // Search by account id: the first sandbox account's id finds exactly it.
    const firstId = await accountRows(page).first().getAttribute("data-account");
    await page.getByLabel("Search accounts").fill(firstId!);
    await expect(page).toHaveURL(new RegExp(`q=${firstId}`));
    await expect.poll(() => shownAccounts(page)).toBe(1);
    await page.getByLabel("Search accounts").fill("");
    await expect(page).not.toHaveURL(/[?&]q=/);

    await page.getByLabel("Organizational unit").selectOption("Root/Workloads/Prod");
    await expect(page).toHaveURL(/ou=Root%2FWorkloads%2FProd/);
    await expect(accountRows(page).filter({ hasText: "payments-prod" })).toHaveCount(1);
    await expect(accountRows(page).filter({ hasText: "sandbox" })).toHaveCount(0);

    // The filters survive a reload: they live in the URL.
    await page.reload();
    await expect(page.getByLabel("Organizational unit")).toHaveValue("Root/Workloads/Prod");
    await page.getByLabel("Organizational unit").selectOption("");

    await page.getByLabel("Only failing accounts").check();
    await expect(page).toHaveURL(/failing=1/);
    await expect(accountRows(page).first()).toBeVisible();
    for (const n of await accountRows(page).evaluateAll((rows) =>
      rows.map((r) => Number(r.querySelectorAll("[role=gridcell]")[0]?.textContent)),
    )) {
      expect(n).toBeGreaterThan(0);
    }
    await page.getByLabel("Only failing accounts").uncheck();

    await page.getByRole("group", { name: "Status", exact: true }).getByRole("button", { name: "Failed" }).click();
    await expect(page).toHaveURL(/status=FAILED/);
    for (const statuses of await accountRows(page).evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll("[data-status]")].map((c) => c.getAttribute("data-status"))),
    )) {
      expect(statuses).toContain("FAILED");
    }
    await page.getByRole("group", { name: "Status", exact: true }).getByRole("button", { name: "Failed" }).click();

    await page.getByLabel("Control", { exact: true }).selectOption("family:CloudTrail");
    await expect(page).toHaveURL(/control=CloudTrail(&|$)/);
    await expect(grid(page).locator("[data-testid^=col-]")).toHaveCount(9);
    await page.getByLabel("Control", { exact: true }).selectOption("");
    await expect(grid(page).locator("[data-testid^=col-]")).toHaveCount(23);

    await page.getByLabel("Sort by").selectOption("failing");
    await expect(page).toHaveURL(/sort=failing/);
    const counts = await accountRows(page).evaluateAll((rows) =>
      rows
        .map((r) => ({
          top: r.getBoundingClientRect().top,
          n: Number(r.querySelectorAll("[role=gridcell]")[0]?.textContent),
        }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.n),
    );
    expect(counts[0]).toBeGreaterThanOrEqual(counts[counts.length - 1]!);

    await page.getByLabel("Search accounts").fill("zz-no-such-account");
    await expect(page.getByTestId("matrix-no-match")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => shownAccounts(page)).toBe(total);
    // Clearing filters keeps the sort.
    await expect(page).toHaveURL(/\/matrix\?sort=failing$/);
  });

  test("opens a cell's verdict by click, keyboard and link", async ({ page }) => {
    await page.getByLabel("Search accounts").fill("payments-prod");
    await expect.poll(() => shownAccounts(page)).toBe(1);
    const row = accountRows(page).first();
    const accountId = await row.getAttribute("data-account");

    // Hover shows the reason in a tooltip (fetched for the rows on screen).
    await row.getByRole("gridcell", { name: /^CloudTrail\.1:/ }).hover();
    await expect(page.getByRole("tooltip")).toContainText("CloudTrail.1");
    await expect(page.getByRole("tooltip")).not.toContainText("Loading the reason");

    await row.getByRole("gridcell", { name: /^CloudTrail\.1:/ }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("heading", { level: 2 })).toContainText("CloudTrail.1");
    await expect(dialog.getByTestId("verdict-reason")).not.toBeEmpty();
    await expect(dialog.getByText("Security Hub", { exact: true })).toBeVisible();
    await expect(dialog.getByTestId("verdict-reconciliation")).not.toBeEmpty();
    await expect(page).toHaveURL(new RegExp(`cell=${accountId}%3ACloudTrail\\.1`));
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page).not.toHaveURL(/cell=/);

    // Keyboard: arrows move between cells, Enter opens the verdict.
    await row.getByRole("gridcell", { name: /^CloudTrail\.1:/ }).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page.locator(":focus")).toHaveAttribute("aria-label", /^CloudTrail\.2:/);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog").getByRole("heading", { level: 2 })).toContainText("CloudTrail.2");
    await page.getByRole("button", { name: "Close the verdict" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();

    // The URL alone opens it.
    await page.goto(`/matrix?cell=${accountId}:CloudWatch.1`);
    await expect(page.getByRole("dialog").getByRole("heading", { level: 2 })).toContainText("CloudWatch.1");
    await expect(page.getByRole("dialog").getByTestId("verdict-reason")).not.toBeEmpty();
  });

  test("selects rows for bulk actions; a viewer cannot start the family fix", async ({ page }) => {
    await page.getByLabel("Organizational unit").selectOption("Root/Sandbox");
    const shown = await shownAccounts(page);
    await page.getByTestId("select-all").check();
    await expect(page.getByTestId("bulk-bar")).toContainText(`${shown} account`);
    await expect(page.getByTestId("bulk-fix-family")).toBeDisabled();
    await page.getByRole("button", { name: "Clear selection" }).click();
    await expect(page.getByTestId("bulk-bar")).toBeHidden();
  });
});

test("opens an account from the matrix and the account list", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/matrix?q=payments-prod");
  await grid(page)
    .getByRole("link", { name: /payments-prod/ })
    .click();
  await expect(page).toHaveURL(/\/accounts\/\d{12}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("payments-prod");
  await expect(page.getByTestId("trails")).toContainText("payments-prod-trail");
  await expect(page.getByTestId("trails")).toContainText(/management events/);
  await expect(page.getByTestId("verdicts").locator("tbody tr")).toHaveCount(23);
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expect(page.getByTestId("findings")).toBeVisible();
  await expect(page.getByTestId("history")).toBeVisible();
  const raw = page.getByTestId("raw-responses");
  const trailStatus = raw
    .locator("details")
    .filter({ has: page.locator("summary", { hasText: "cloudtrail:GetTrailStatus" }) })
    .first();
  await trailStatus.locator("summary").click();
  await expect(trailStatus.locator("pre")).toBeVisible();
  await expect(trailStatus.locator("pre")).toContainText("IsLogging");

  await page.goto("/accounts");
  await page.getByLabel("Search accounts").fill("sandbox");
  await expect(page).toHaveURL(/q=sandbox/);
  const links = page.getByTestId("accounts-table").locator("tbody a");
  await expect(links.first()).toContainText("sandbox");
  await links.filter({ hasText: "sandbox-alice" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("sandbox-alice");
});

test("Collect now shows live progress and refreshes when done", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "engineer");
  await page.goto("/");
  const panel = page.getByTestId("collection-panel");
  const button = panel.getByRole("button", { name: "Collect now" });
  await expect(button).toBeEnabled();
  // When the run ends the panel refreshes the server-rendered page (an RSC request for "/").
  const refreshed = page.waitForRequest((r) => new URL(r.url()).pathname === "/" && r.headers()["rsc"] === "1", {
    timeout: 170_000,
  });
  await button.click();
  await expect(panel.getByRole("button", { name: /Collecting/ })).toBeDisabled();
  await expect(panel.getByTestId("collection-status")).toHaveText(/Queued|Running/);
  await expect(panel.getByTestId("collection-progress")).toContainText(
    /Waiting for a worker|of [\d,]+ accounts collected/,
  );
  await expect(panel.getByTestId("collection-status")).toHaveText(/Completed|Failed/, { timeout: 150_000 });
  await expect(panel.getByRole("button", { name: "Collect now" })).toBeEnabled();
  await expect(panel.getByTestId("collection-status")).toContainText(/Completed/);
  await refreshed;
  await expect(panel).toContainText(/Started by engineer@trailwarden\.local/);
});

test("a viewer sees the last collection but cannot start one", async ({ page }) => {
  await signIn(page, "viewer");
  await page.goto("/");
  await expect(page.getByTestId("collection-panel")).toBeVisible();
  await expect(page.getByRole("button", { name: "Collect now" })).toHaveCount(0);
  await expect(page.getByTestId("share-whole")).toContainText("accounts");
  await expect(page.getByTestId("failing-per-control")).toBeVisible();
  await expect(page.getByTestId("worst-accounts")).toBeVisible();
});

test.describe("empty instance", () => {
  test.use({ baseURL: E2E.emptyUrl });

  test("explains how to configure before any account exists", async ({ page }) => {
    await signIn(page, "viewer");
    await page.goto("/");
    const empty = page.getByTestId("empty-state");
    await expect(empty.getByRole("heading", { name: "No accounts yet" })).toBeVisible();
    for (const name of [
      "TRAILWARDEN_DISCOVERY",
      "TRAILWARDEN_ACCOUNTS",
      "TRAILWARDEN_ROLE_NAME",
      "TRAILWARDEN_EXTERNAL_ID",
      "AWS_PROFILE",
    ]) {
      await expect(empty).toContainText(name);
    }
    await expect(empty).toContainText("npx trailwarden collect");
    await page.goto("/matrix");
    await expect(page.getByTestId("empty-state")).toBeVisible();
    await page.goto("/accounts");
    await expect(page.getByTestId("empty-state")).toBeVisible();
  });
});
