import { expect, request as requests, test } from "@playwright/test";
import { createCommunity, expectNoSeriousA11yViolations, messageItem, openConnected, registerAccount, screenshot, userPage } from "./helpers";

// Incoming webhooks in the community settings: an owner makes one for a channel, copies its URL
// (shown once), a program posts through it without an account, the message shows as the app it
// names, and deleting the webhook ends its URL.

const LIVE = { timeout: 2000 };

test("an owner makes a webhook for #general, copies its URL shown once, and a program's post through it shows with the APP tag; deleted, its URL stops working", async ({ browser, request, baseURL }) => {
  const alice = await registerAccount(request, "Alice");
  const place = await createCommunity(request, alice, [], "Hooked");
  const { context, page } = await userPage(browser, alice);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await openConnected(page, `/channels/${place.id}/${place.general}`);
  // The program has no account: no cookie, no token.
  const program = await requests.newContext();
  let url = "";

  await page.getByRole("button", { name: "Hooked" }).click();
  await page.getByRole("menuitem", { name: "Community settings" }).click();
  const settings = page.getByRole("dialog", { name: "Community settings" });
  await settings.getByRole("tab", { name: "Channels" }).click();
  await settings.getByRole("button", { name: "Webhooks of #general" }).click();
  const hooks = page.getByRole("dialog", { name: "Webhooks of #general" });

  await test.step("create a webhook and copy its URL, shown once with a warning", async () => {
    await expect(hooks.getByText("No webhooks yet.")).toBeVisible();
    await hooks.getByRole("button", { name: "Create webhook" }).click();
    await expect(hooks.getByText("Name cannot be empty")).toBeVisible();
    await hooks.getByLabel(/^Webhook name/).fill("Deploys");
    await hooks.getByRole("button", { name: "Create webhook" }).click();

    const row = hooks.getByRole("list", { name: "Webhooks" }).getByRole("listitem").filter({ hasText: "Deploys" });
    await expect(row).toContainText(`Created by ${alice.displayName}`);
    await expect(row.getByRole("alert")).toContainText("it will not be shown again");
    const shown = await row.getByRole("textbox", { name: "URL of Deploys" }).inputValue();
    expect(shown).toMatch(new RegExp(`^${baseURL}/api/webhooks/\\d+/[A-Za-z0-9_-]{43}$`));
    await row.getByRole("button", { name: "Copy" }).click();
    await expect(row.getByRole("button", { name: "Copied" })).toBeVisible();
    url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toBe(shown);
    await screenshot(page, "webhooks-url-shown");
    await expectNoSeriousA11yViolations(page, "dialog");

    await row.getByRole("button", { name: "Done" }).click();
    await expect(row.getByRole("textbox", { name: "URL of Deploys" })).toHaveCount(0);
  });

  await test.step("a program posts through the URL without credentials: the message shows as CI, with the APP tag", async () => {
    const posted = await program.post(url, { data: { content: "Build 812 passed", username: "CI" } });
    expect(posted.status(), await posted.text()).toBe(201);
    await hooks.getByRole("button", { name: "Close" }).click();
    await page.keyboard.press("Escape");
    await expect(settings).toBeHidden();

    const message = messageItem(page, "Build 812 passed");
    await expect(message).toBeVisible(LIVE);
    await expect(message.getByRole("button", { name: "CI", exact: true })).toBeVisible();
    await expect(message.getByText("APP", { exact: true })).toBeVisible();
    await screenshot(page, "webhooks-message");
  });

  await test.step("delete the webhook after confirming: its URL answers 404", async () => {
    await page.getByRole("button", { name: "Hooked" }).click();
    await page.getByRole("menuitem", { name: "Community settings" }).click();
    await settings.getByRole("tab", { name: "Channels" }).click();
    await settings.getByRole("button", { name: "Webhooks of #general" }).click();
    await hooks.getByRole("button", { name: "Delete Deploys" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete the webhook Deploys?" });
    await expect(confirm).toContainText("Its URL stops working at once");
    await confirm.getByRole("button", { name: "Delete webhook" }).click();
    await expect(hooks.getByText("No webhooks yet.")).toBeVisible();
    expect((await program.post(url, { data: { content: "too late" } })).status()).toBe(404);
  });

  await program.dispose();
  await context.close();
});
