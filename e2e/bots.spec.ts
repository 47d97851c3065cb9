import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { api, createCommunity, expectNoSeriousA11yViolations, messageItem, openConnected, registerAccount, screenshot, userPage } from "./helpers";

// Bots in the web app: made and managed in the user settings (the token shown once, copied,
// regenerated, the bot deleted), and what their messages look like: the APP tag in a channel, the
// member list, the profile card and a DM, and the provenance of a model's reply, which streams in
// as edits of one message.

const LIVE = { timeout: 2000 };

/** Calls the API with a bot's token. */
async function asBot(request: APIRequestContext, token: string, method: "GET" | "POST" | "PUT", path: string, data?: unknown) {
  const response = await request.fetch(path, { method, data, headers: { authorization: `Bearer ${token}` } });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return response.json();
}

async function meStatus(request: APIRequestContext, token: string): Promise<number> {
  return (await request.get("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status();
}

/** The token in the row of `botName`, after copying it with the row's Copy button: what the clipboard then holds. */
async function copyToken(page: Page, botName: string): Promise<string> {
  const row = page.getByRole("list", { name: "Bots" }).getByRole("listitem").filter({ hasText: botName });
  await expect(row.getByRole("alert")).toContainText("it will not be shown again");
  const shown = await row.getByRole("textbox", { name: `Token of ${botName}` }).inputValue();
  await row.getByRole("button", { name: "Copy" }).click();
  await expect(row.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  return copied;
}

test("a bot made in the settings signs in with its token; its messages carry the APP tag, and an AI reply names its model and asker as it streams in", async ({ browser, request, baseURL }) => {
  const alice = await registerAccount(request, "Alice");
  const place = await createCommunity(request, alice, [], "Bot Garden");
  const { context, page } = await userPage(browser, alice);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const botUsername = `helper_${Date.now().toString(36)}`;
  let token = "";
  let botId = 0;

  await test.step("create a bot in the settings and copy its token, shown once", async () => {
    await page.getByRole("button", { name: "User settings" }).click();
    const settings = page.getByRole("dialog", { name: "User settings" });
    await settings.getByRole("tab", { name: "Bots" }).click();
    await expect(settings.getByText("You have no bots yet.")).toBeVisible();

    // A username that is taken is the server's refusal, shown under the field.
    await settings.getByLabel(/^Bot username/).fill(alice.username);
    await settings.getByRole("button", { name: "Create bot" }).click();
    await expect(settings.getByText("That username is taken")).toBeVisible();

    await settings.getByLabel(/^Bot username/).fill(botUsername);
    await settings.getByLabel(/^Display name/).fill("Helper");
    await settings.getByRole("button", { name: "Create bot" }).click();
    token = await copyToken(page, "Helper");
    await screenshot(page, "bots-token-shown");
    await expectNoSeriousA11yViolations(page, "dialog");

    const me = await asBot(request, token, "GET", "/api/auth/me");
    expect(me).toMatchObject({ username: botUsername, is_bot: true });
    botId = me.id;

    // Done: the token is gone from the page for good.
    await settings.getByRole("button", { name: "Done" }).click();
    await expect(settings.getByRole("textbox", { name: "Token of Helper" })).toHaveCount(0);
  });

  await test.step("regenerate the token after confirming: the old one stops working, the new one works", async () => {
    const settings = page.getByRole("dialog", { name: "User settings" });
    await settings.getByRole("button", { name: "Regenerate token of Helper" }).click();
    const confirm = page.getByRole("dialog", { name: "Regenerate the token of Helper?" });
    await expect(confirm).toContainText("The current token stops working at once");
    await confirm.getByRole("button", { name: "Regenerate token" }).click();
    await expect(confirm).toBeHidden();
    const fresh = await copyToken(page, "Helper");
    expect(fresh).not.toBe(token);
    expect(await meStatus(request, token)).toBe(401);
    expect(await meStatus(request, fresh)).toBe(200);
    token = fresh;
    await page.keyboard.press("Escape");
    await expect(settings).toBeHidden();
  });

  const channelUrl = `/channels/${place.id}/${place.general}`;
  await test.step("the bot, added to the community, posts: the APP tag on its message, in the member list and on its card", async () => {
    await api(request, alice, "POST", "/api/channels/community/add-member", { community_id: place.id, user_id: botId });
    await openConnected(page, channelUrl);
    await asBot(request, token, "POST", "/api/messages/send", { channel_id: place.general, content: "beep boop, I am here" });

    const posted = messageItem(page, "beep boop, I am here");
    await expect(posted).toBeVisible(LIVE);
    await expect(posted.getByText("APP", { exact: true })).toBeVisible();
    const member = page.getByRole("complementary", { name: "Members" }).getByRole("button").filter({ hasText: "Helper" });
    await expect(member).toHaveAccessibleName(/Helper \(app\)/);
    await expect(member.getByText("APP", { exact: true })).toBeVisible();

    await posted.getByRole("button", { name: "Helper" }).click();
    const card = page.getByRole("dialog", { name: "Helper" });
    await expect(card.getByText("Automated account")).toBeVisible();
    await expect(card.getByText("APP", { exact: true })).toBeVisible();
    // Bots are never anyone's friends.
    await expect(card.getByRole("button", { name: "Add friend" })).toHaveCount(0);
    await screenshot(page, "bots-profile-card");
    await page.keyboard.press("Escape");
  });

  await test.step("an AI reply names its model and asker, and grows live as the bot edits it, never marked (edited)", async () => {
    await page.getByRole("button", { name: "User settings" }).click();
    const settings = page.getByRole("dialog", { name: "User settings" });
    await settings.getByRole("tab", { name: "Bots" }).click();
    await settings.getByRole("switch", { name: /^AI bot/ }).check();
    await expect(settings.getByRole("switch", { name: /^AI bot/ })).toBeChecked();
    await expect(settings.getByRole("switch", { name: /^AI bot/ })).toBeEnabled();
    expect((await api(request, alice, "GET", "/api/bots"))[0]).toMatchObject({ id: botId, is_ai: true });
    await page.keyboard.press("Escape");

    const reply = await asBot(request, token, "POST", "/api/messages/send", {
      channel_id: place.general,
      content: "The answer",
      message_type: "ai",
      ai: { model: "test-model", requested_by: alice.id },
    });
    const item = messageItem(page, `written by AI · test-model, asked by ${alice.username}`);
    await expect(item).toContainText("The answer", LIVE);
    // Each edit is the reply so far: the page shows it grow.
    const streamed = [
      ["The answer is", "The answer is"],
      ["The answer is **42**.", "The answer is 42."],
      ["The answer is **42**. <b>No HTML</b> here.", "The answer is 42. <b>No HTML</b> here."],
    ];
    for (const [content, shown] of streamed) {
      await asBot(request, token, "PUT", `/api/messages/${reply.id}`, { content });
      await expect(item).toContainText(shown, LIVE);
    }
    // The same safe Markdown as every message: bold is bold, HTML stays text.
    await expect(item.locator("strong", { hasText: "42" })).toBeVisible();
    await expect(item.locator("b")).toHaveCount(0);
    await expect(item.getByText("(edited)")).toHaveCount(0);
    await expect(item.getByText("APP", { exact: true })).toBeVisible();
    await screenshot(page, "bots-ai-reply");
    await expectNoSeriousA11yViolations(page);
  });

  await test.step("a DM from the AI bot, in the light theme: the APP tag in the header and the list, the model without an asker", async () => {
    await asBot(request, token, "POST", "/api/messages/direct/send", { receiver_id: alice.id, content: "Unprompted, a fact", message_type: "ai", ai: { model: "test-model" } });
    await context.addCookies([{ name: "theme", value: "light", url: baseURL! }]);
    await openConnected(page, `/channels/me/${botId}`);
    await expect(page.getByRole("heading", { name: "Helper", level: 1 })).toBeVisible();
    await expect(page.locator("main > header").getByText("APP", { exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Direct messages" }).getByRole("link", { name: /Helper \(app\)/ })).toBeVisible();
    const dm = messageItem(page, "Unprompted, a fact");
    await expect(dm.getByText("written by AI · test-model", { exact: true })).toBeVisible();
    await expect(dm.getByText("APP", { exact: true })).toBeVisible();
    await screenshot(page, "bots-ai-dm-light");
    await expectNoSeriousA11yViolations(page);
  });

  await test.step("delete the bot after confirming: its token stops working", async () => {
    await page.getByRole("button", { name: "User settings" }).click();
    const settings = page.getByRole("dialog", { name: "User settings" });
    await settings.getByRole("tab", { name: "Bots" }).click();
    await expect(settings.getByRole("switch", { name: /^AI bot/ })).toBeChecked();
    await expectNoSeriousA11yViolations(page, "dialog");
    await screenshot(page, "bots-settings-light");
    await settings.getByRole("button", { name: "Delete Helper" }).click();
    await page.getByRole("dialog", { name: "Delete Helper?" }).getByRole("button", { name: "Delete bot" }).click();
    await expect(settings.getByText("You have no bots yet.")).toBeVisible();
    expect(await meStatus(request, token)).toBe(401);
  });

  await context.close();
});
