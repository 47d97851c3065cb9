import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

// Sign-up, log-in and log-out in the browser, against the real server and a fresh database.

const SCREENSHOTS = path.join(import.meta.dirname, "..", "test-results", "screenshots");
const PASSWORD = "correct horse battery";

let counter = 0;

/** A username no other test in this run (or an earlier run) has used: letters, digits and _ only. */
function uniqueUsername(): string {
  return `e2e_${Date.now().toString(36)}_${++counter}`;
}

interface Account {
  username: string;
  email: string;
  displayName: string;
  password: string;
}

function newAccount(): Account {
  const username = uniqueUsername();
  return { username, email: `${username}@example.test`, displayName: `Tester ${username.slice(4)}`, password: PASSWORD };
}

/** Creates an account through the REST API, as a fixture for tests about the pages. */
async function registerViaApi(request: APIRequestContext, account: Account): Promise<void> {
  const response = await request.post("/api/auth/register", {
    data: { username: account.username, email: account.email, password: account.password, display_name: account.displayName },
  });
  expect(response.status(), await response.text()).toBe(201);
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel(/^Username or email/).fill(login);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

async function expectShell(page: Page, account: Account): Promise<void> {
  await expect(page).toHaveURL("/channels/me");
  await expect(page.getByTestId("current-user")).toHaveText(account.displayName);
  await expect(page.getByRole("navigation", { name: "Communities" })).toBeVisible();
}

/** Log out lives in the user settings, opened from the user panel. */
async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "User settings" }).click();
  await page.getByRole("dialog", { name: "User settings" }).getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL("/login");
}

test.describe("authentication", () => {
  test("registers, lands in the app shell, logs out and logs back in", async ({ page }) => {
    const account = newAccount();

    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Welcome back!" })).toBeVisible();
    await screenshot(page, "login");
    await page.getByRole("link", { name: "Register" }).click();
    await expect(page).toHaveURL("/register");

    await page.getByLabel(/^Email/).fill(account.email);
    await page.getByLabel(/^Display name/).fill(account.displayName);
    await page.getByLabel(/^Username/).fill(account.username);
    await page.getByLabel(/^Password/).fill(account.password);
    await page.getByRole("button", { name: "Continue" }).click();

    await expectShell(page, account);
    await screenshot(page, "shell");

    // The session is a cookie: it survives a reload.
    await page.reload();
    await expectShell(page, account);

    await logOut(page);
    await expect(page.getByRole("heading", { name: "Welcome back!" })).toBeVisible();
    // Logged out means logged out: the app itself sends us back to the login page.
    await page.goto("/");
    await expect(page).toHaveURL("/login");

    await logIn(page, account.username, account.password);
    await expectShell(page, account);
  });

  test("logs in with the email address too", async ({ page, request }) => {
    const account = newAccount();
    await registerViaApi(request, account);

    await page.goto("/login");
    await logIn(page, account.email, account.password);
    await expectShell(page, account);
  });

  test("shows an error for a wrong password", async ({ page, request }) => {
    const account = newAccount();
    await registerViaApi(request, account);

    await page.goto("/login");
    await logIn(page, account.username, "not the password");

    await expect(page.getByRole("alert").filter({ hasText: "Invalid username or password." })).toHaveText("Invalid username or password.");
    await expect(page).toHaveURL("/login");
    await expect(page.getByTestId("current-user")).toHaveCount(0);
  });

  test("shows inline validation messages on the register form", async ({ page }) => {
    const apiCalls: string[] = [];
    page.on("request", (req) => {
      if (new URL(req.url()).pathname === "/api/auth/register") apiCalls.push(req.method());
    });

    await page.goto("/register");
    await page.getByLabel(/^Email/).fill(`${uniqueUsername()}@example.test`);
    await page.getByLabel(/^Username/).fill("no spaces!");
    await page.getByLabel(/^Password/).fill("short");
    await page.getByRole("button", { name: "Continue" }).click();

    const username = page.getByLabel(/^Username/);
    const password = page.getByLabel(/^Password/);
    await expect(page.getByRole("alert").filter({ hasText: "Password must be at least 8 characters" })).toBeVisible();
    await expect(page.getByRole("alert").filter({ hasText: "Username may use only letters, digits, _ and ." })).toBeVisible();
    // Each message belongs to its field.
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription("Password must be at least 8 characters");
    await expect(username).toHaveAttribute("aria-invalid", "true");
    await expect(username).toHaveAccessibleDescription("Username may use only letters, digits, _ and .");
    await expect(page.getByLabel(/^Email/)).not.toHaveAttribute("aria-invalid", "true");

    // Nothing was sent and nobody went anywhere.
    await expect(page).toHaveURL("/register");
    expect(apiCalls).toEqual([]);
  });

  test("shows the API's conflict for a taken username", async ({ page, request }) => {
    const taken = newAccount();
    await registerViaApi(request, taken);

    await page.goto("/register");
    await page.getByLabel(/^Email/).fill(`${uniqueUsername()}@example.test`);
    await page.getByLabel(/^Username/).fill(taken.username);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    const response = page.waitForResponse((res) => new URL(res.url()).pathname === "/api/auth/register");
    await page.getByRole("button", { name: "Continue" }).click();
    expect((await response).status()).toBe(409);

    const username = page.getByLabel(/^Username/);
    await expect(page.getByRole("alert").filter({ hasText: "That username is taken" })).toBeVisible();
    await expect(username).toHaveAttribute("aria-invalid", "true");
    await expect(username).toHaveAccessibleDescription("That username is taken");
    await expect(page).toHaveURL("/register");
  });

  test("redirects signed-out visitors from / to /login", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL("/login");
    await expect(page.getByRole("heading", { name: "Welcome back!" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  });
});
