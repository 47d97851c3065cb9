import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { api, generalChannel, messages, registerAccount, screenshot, send, userPage, type Account } from "./helpers";

// The account part of the user settings: password change, sessions, export and deletion, and a
// browser whose session ends elsewhere landing on the login page.

const NEW_PASSWORD = "a brand new passphrase";
const SIGNED_OUT = "You were signed out. Log in again to continue.";

async function openAccountSettings(page: Page) {
  await page.getByRole("button", { name: "User settings" }).click();
  const dialog = page.getByRole("dialog", { name: "User settings" });
  await dialog.getByRole("tab", { name: "My account" }).click();
  return dialog;
}

function sessionRows(page: Page) {
  return page.getByRole("list", { name: "Sessions" }).getByRole("listitem");
}

async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel(/^Username or email/).fill(login);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** The browser was sent to the login page by its session ending elsewhere, with a notice. */
async function expectSignedOutHere(page: Page, notice = SIGNED_OUT): Promise<void> {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("status").filter({ hasText: notice })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Welcome back!" })).toBeVisible();
}

/** The browser still works: a message sent in the community arrives. */
async function expectUsable(page: Page, communityId: number, channelId: number, text: string): Promise<void> {
  await page.goto(`/channels/${communityId}/${channelId}`);
  await send(page, text);
  await expect(messages(page).getByText(text)).toBeVisible();
}

async function community(account: Account, request: Parameters<typeof api>[0], name: string) {
  const created = await api<{ id: number; name: string }>(request, account, "POST", "/api/channels/communities", { name });
  return { id: created.id, name, channelId: await generalChannel(request, account, created.id) };
}

test.describe("account security in the user settings", () => {
  test("changing the password signs the other browser out; this one stays; the new password signs in", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const place = await community(alice, request, "Alice Den");
    const first = await userPage(browser, alice);
    const second = await userPage(browser, alice);

    const settings = await openAccountSettings(first.page);
    // The form checks the registration rules and the confirmation before asking the server.
    await settings.getByLabel(/^Current password/).fill(alice.password);
    await settings.getByLabel(/^New password/).fill("short");
    await settings.getByLabel(/^Confirm new password/).fill("different");
    await settings.getByRole("button", { name: "Change password" }).click();
    await expect(settings.getByText("Password must be at least 8 characters")).toBeVisible();
    await expect(settings.getByText("The passwords do not match")).toBeVisible();

    // A wrong current password is the server's answer, shown under its field.
    await settings.getByLabel(/^Current password/).fill("not my password");
    await settings.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await settings.getByLabel(/^Confirm new password/).fill(NEW_PASSWORD);
    await settings.getByRole("button", { name: "Change password" }).click();
    await expect(settings.getByText("That password is not correct")).toBeVisible();

    await settings.getByLabel(/^Current password/).fill(alice.password);
    await settings.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await settings.getByLabel(/^Confirm new password/).fill(NEW_PASSWORD);
    await settings.getByRole("button", { name: "Change password" }).click();
    await expect(settings.getByText(/Password changed\. Your other devices and sessions were signed out/)).toBeVisible();
    // The session list, read again, holds only this browser.
    await expect(sessionRows(first.page)).toHaveCount(1);
    await expect(sessionRows(first.page).getByText("This device")).toBeVisible();
    await screenshot(first.page, "account-password-changed");

    // The other browser lands on the login page without reloading.
    await expectSignedOutHere(second.page);
    await screenshot(second.page, "account-signed-out-notice");

    // This browser goes on working, after a reload too.
    await first.page.keyboard.press("Escape");
    await expectUsable(first.page, place.id, place.channelId, "still here after the change");

    // The old password no longer signs in; the new one does.
    await logIn(second.page, alice.username, alice.password);
    await expect(second.page.getByText("Invalid username or password.")).toBeVisible();
    await logIn(second.page, alice.username, NEW_PASSWORD);
    await expect(second.page).toHaveURL("/channels/me");
    await expectUsable(second.page, place.id, place.channelId, "back in with the new password");

    await first.context.close();
    await second.context.close();
  });

  test("the session list ends one session or every other one; the other browser lands on the login page", async ({ browser, request }) => {
    const bob = await registerAccount(request, "Bob");
    const place = await community(bob, request, "Bob Barn");
    const first = await userPage(browser, bob);
    const second = await userPage(browser, bob);

    const settings = await openAccountSettings(first.page);
    // Two browsers and the API token from registration; this browser is marked and comes first.
    await expect(sessionRows(first.page)).toHaveCount(3);
    await expect(sessionRows(first.page).first().getByText("This device")).toBeVisible();
    await expect(sessionRows(first.page).first()).toContainText(/Chrome on \w+/);
    await expect(sessionRows(first.page).first()).toContainText(/127\.0\.0\.1/);
    await expect(sessionRows(first.page).getByText("This device")).toHaveCount(1);
    const results = await new AxeBuilder({ page: first.page }).include("dialog").analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await screenshot(first.page, "account-sessions");

    // One session: the API token.
    await sessionRows(first.page).filter({ hasText: "App token" }).getByRole("button", { name: /^Log out / }).click();
    await expect(sessionRows(first.page)).toHaveCount(2);
    expect((await request.get("/api/auth/me", { headers: { authorization: `Bearer ${bob.token}` } })).status()).toBe(401);

    // Every other one: the second browser.
    await settings.getByRole("button", { name: "Log out of all other devices" }).click();
    await expect(sessionRows(first.page)).toHaveCount(1);
    await expect(settings.getByText("No other device is signed in.")).toBeVisible();
    await expectSignedOutHere(second.page);

    await first.page.keyboard.press("Escape");
    await expectUsable(first.page, place.id, place.channelId, "only this browser now");

    await first.context.close();
    await second.context.close();
  });

  test("exports the account's data as a JSON download", async ({ browser, request }) => {
    const dana = await registerAccount(request, "Dana");
    const { context, page } = await userPage(browser, dana);
    const settings = await openAccountSettings(page);

    const [download] = await Promise.all([page.waitForEvent("download"), settings.getByRole("link", { name: "Export my data" }).click()]);
    expect(download.suggestedFilename()).toBe(`auraflow-export-${dana.username}.json`);
    const data = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(data.user.username).toBe(dana.username);
    expect(Array.isArray(data.messages)).toBe(true);

    await context.close();
  });

  test("deleting the account: refused while owning a community (named), then done; signed out everywhere for good", async ({ browser, request }) => {
    const carol = await registerAccount(request, "Carol");
    const owned = await community(carol, request, "Carol Keep");
    const first = await userPage(browser, carol);
    const second = await userPage(browser, carol);

    const settings = await openAccountSettings(first.page);
    await settings.getByRole("button", { name: "Delete account…" }).click();
    const confirm = first.page.getByRole("dialog", { name: "Delete your account?" });

    await confirm.getByLabel(/^Password/).fill("not my password");
    await confirm.getByRole("button", { name: "Delete account", exact: true }).click();
    await expect(confirm.getByText("That password is not correct")).toBeVisible();

    // Owning a community: the dialog says so and names it.
    await confirm.getByLabel(/^Password/).fill(carol.password);
    await confirm.getByRole("button", { name: "Delete account", exact: true }).click();
    await expect(confirm.getByRole("alert").filter({ hasText: "You still own a community" })).toBeVisible();
    await expect(confirm.getByRole("list", { name: "Communities you own" })).toHaveText(owned.name);
    await screenshot(first.page, "account-delete-owns-communities");

    // Cancelling leaves the settings open under it.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await expect(settings).toBeVisible();
    await first.page.keyboard.press("Escape");
    await expect(settings).toBeHidden();

    // She deletes the community through its menu.
    await first.page.goto(`/channels/${owned.id}/${owned.channelId}`);
    await first.page.getByRole("button", { name: owned.name }).click();
    await first.page.getByRole("menuitem", { name: "Delete community" }).click();
    const deleteCommunity = first.page.getByRole("dialog", { name: `Delete ${owned.name}` });
    await deleteCommunity.getByLabel(/^Type/).fill(owned.name);
    await deleteCommunity.getByRole("button", { name: "Delete community" }).click();
    await expect(first.page).toHaveURL("/channels/me");
    await expect(first.page.getByRole("heading", { name: "Friends", level: 1 })).toBeVisible();
    await expect(first.page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: owned.name })).toHaveCount(0);

    // Now the deletion goes through: this browser lands on the login page with its notice, the other one too.
    await openAccountSettings(first.page);
    await settings.getByRole("button", { name: "Delete account…" }).click();
    await confirm.getByLabel(/^Password/).fill(carol.password);
    await confirm.getByRole("button", { name: "Delete account", exact: true }).click();
    await expectSignedOutHere(first.page, "Your account was deleted.");
    await expectSignedOutHere(second.page);

    // The old credentials no longer work, in the browser or the API.
    await logIn(first.page, carol.username, carol.password);
    await expect(first.page.getByText("Invalid username or password.")).toBeVisible();
    expect((await request.post("/api/auth/login", { data: { username: carol.username, password: carol.password } })).status()).toBe(401);

    await first.context.close();
    await second.context.close();
  });
});
