import { expect, test, type Page } from "@playwright/test";
import { api, deleteMessage, editMessage, expectNoSeriousA11yViolations, generalChannel, messageItem, messages, registerAccount, registerInBrowser, replyWhileWatched, screenshot, send, userPage } from "./helpers";

const LIVE = { timeout: 2000 };

test.describe("community chat in two browsers", () => {
  test("alice creates a community and adds bob, who sees it live; they chat, reply, edit, delete and see each other typing", async ({ browser, request }) => {
    // Both register through the register page, each in their own browser context.
    const a = await registerInBrowser(browser, request, "Alice");
    const b = await registerInBrowser(browser, request, "Bob");
    const [alice, bob] = [a.account, b.account];

    // Alice creates a community through the UI and lands in #general.
    await a.page.getByRole("button", { name: "Create a community" }).click();
    const createDialog = a.page.getByRole("dialog", { name: "Create a community" });
    await createDialog.getByLabel(/^Community name/).fill("Night Owls");
    await createDialog.getByRole("button", { name: "Create" }).click();
    await expect(a.page.getByRole("heading", { name: "general", exact: true })).toBeVisible();
    const communityId = Number(/\/channels\/(\d+)\//.exec(a.page.url())![1]);

    // She adds Bob; the community appears in Bob's rail without a reload.
    await a.page.getByRole("button", { name: "Night Owls" }).click();
    await a.page.getByRole("menuitem", { name: "Add member" }).click();
    const addDialog = a.page.getByRole("dialog", { name: "Add member" });
    await addDialog.getByLabel(/^Username/).fill(bob.username);
    await addDialog.getByRole("button", { name: "Add" }).click();
    await expect(b.page.getByRole("link", { name: "Night Owls" })).toBeVisible(LIVE);
    await b.page.getByRole("link", { name: "Night Owls" }).click();
    await expect(b.page.getByRole("heading", { name: "general", exact: true })).toBeVisible();

    // Messages appear in the other browser within 2 s.
    await send(a.page, "hello bob, welcome to **Night Owls**");
    await expect(messages(b.page).getByText("hello bob, welcome to")).toBeVisible(LIVE);
    await expect(messages(b.page).locator("strong", { hasText: "Night Owls" })).toBeVisible();

    // Typing shows while Bob types and clears when he sends his reply to Alice's message, which
    // quotes it on both sides.
    await replyWhileWatched(b.page, "Bob", a.page, "hello bob, welcome to", "thanks alice");

    // Alice edits her message: Bob sees the new text marked (edited).
    await editMessage(a.page, "hello bob, welcome to", "hello bob, welcome aboard");
    await expect(messages(b.page).getByText("hello bob, welcome aboard").first()).toBeVisible(LIVE);
    await expect(messageItem(b.page, "welcome aboard").first().getByText("(edited)")).toBeVisible();

    // Bob deletes his reply after confirming: it disappears for Alice.
    await deleteMessage(b.page, "thanks alice");
    await expect(messages(a.page).getByText("thanks alice")).toHaveCount(0, LIVE);

    // A channel Alice creates appears in Bob's sidebar live.
    await a.page.getByRole("button", { name: "Night Owls" }).click();
    await a.page.getByRole("menuitem", { name: "Create channel" }).click();
    const channelDialog = a.page.getByRole("dialog", { name: "Create channel" });
    await channelDialog.getByLabel(/^Channel name/).fill("late-night");
    await channelDialog.getByRole("button", { name: "Create channel" }).click();
    await expect(b.page.getByRole("navigation", { name: "Night Owls channels" }).getByRole("link", { name: /late-night/ })).toBeVisible(LIVE);

    // Unread: Bob is in #late-night when Alice posts in #general; #general shows a count until he opens it.
    await b.page.getByRole("link", { name: /late-night/ }).click();
    await expect(b.page.getByRole("heading", { name: "late-night", exact: true })).toBeVisible();
    const channelId = await generalChannel(request, alice, communityId);
    await api(request, alice, "POST", "/api/messages/send", { channel_id: channelId, content: "anyone around?" });
    const generalLink = b.page.getByRole("navigation", { name: "Night Owls channels" }).getByRole("link", { name: /general/ });
    await expect(generalLink.getByLabel("1 unread")).toBeVisible(LIVE);
    await generalLink.click();
    await expect(messages(b.page).getByText("anyone around?")).toBeVisible();
    await expect(generalLink.getByLabel(/unread/)).toHaveCount(0);

    await screenshot(a.page, "channel-desktop");
    await expectNoSeriousA11yViolations(a.page);
    await a.context.close();
    await b.context.close();
  });

  test("scrolling up loads older messages of a channel with 300 messages, without duplicates", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const community = await api(request, alice, "POST", "/api/channels/communities", { name: "History" });
    const channelId = await generalChannel(request, alice, community.id);
    for (let i = 1; i <= 300; i += 1) {
      await api(request, alice, "POST", "/api/messages/send", { channel_id: channelId, content: `history message ${i}` });
    }
    const { context, page } = await userPage(browser, alice);
    await page.goto(`/channels/${community.id}/${channelId}`);
    await expect(messages(page).getByText("history message 300", { exact: true })).toBeVisible();
    await expect(messages(page).getByText("history message 1", { exact: true })).toHaveCount(0);

    const scroller = page.getByTestId("message-scroller");
    // Each scroll to the top loads one more page; the channel's beginning shows when none is left.
    await expect(async () => {
      await scroller.evaluate((element) => (element.scrollTop = 0));
      await expect(page.getByRole("heading", { name: "Welcome to #general!" })).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000 });
    await expect(messages(page).getByText("history message 1", { exact: true })).toBeVisible();
    await expect(messages(page).locator("li[id^='message-']")).toHaveCount(300);
    await context.close();
  });

  test("renders hostile message content as inert text", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const community = await api(request, alice, "POST", "/api/channels/communities", { name: "Safety" });
    const channelId = await generalChannel(request, alice, community.id);
    const { context, page } = await userPage(browser, alice);
    await page.goto(`/channels/${community.id}/${channelId}`);

    await send(page, "<img src=x onerror=alert(1)>");
    await send(page, "[x](javascript:alert(1))");
    await send(page, "<script>alert(2)</script> [ok](https://example.com)");
    await expect(messages(page).getByText("<img src=x onerror=alert(1)>")).toBeVisible();
    await expect(messages(page).getByText("[x](javascript:alert(1))")).toBeVisible();
    await expect(messages(page).getByText("<script>alert(2)</script>", { exact: false })).toBeVisible();
    await expect(messages(page).locator("img[src='x']")).toHaveCount(0);
    await expect(messages(page).locator("a[href^='javascript']")).toHaveCount(0);
    await expect(messages(page).locator("script")).toHaveCount(0);
    const safe = messages(page).getByRole("link", { name: "ok" });
    await expect(safe).toHaveAttribute("href", "https://example.com/");
    await expect(safe).toHaveAttribute("rel", /noopener/);
    await page.reload();
    await expect(messages(page).getByText("<img src=x onerror=alert(1)>")).toBeVisible();
    await context.close();
  });

  test("catches up after going offline and back, with no gaps or duplicates", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const community = await api(request, alice, "POST", "/api/channels/communities", { name: "Offline" });
    await api(request, bob, "POST", `/api/channels/communities/${community.id}/join`);
    const channelId = await generalChannel(request, alice, community.id);
    const b = await userPage(browser, bob);
    await b.page.goto(`/channels/${community.id}/${channelId}`);
    await api(request, alice, "POST", "/api/messages/send", { channel_id: channelId, content: "before the outage" });
    await expect(messages(b.page).getByText("before the outage")).toBeVisible(LIVE);

    await b.context.setOffline(true);
    await expect(b.page.getByRole("status").filter({ hasText: "Connection lost" })).toBeVisible({ timeout: 30_000 });
    for (const n of [1, 2, 3]) await api(request, alice, "POST", "/api/messages/send", { channel_id: channelId, content: `while away ${n}` });
    await b.context.setOffline(false);

    for (const n of [1, 2, 3]) await expect(messages(b.page).getByText(`while away ${n}`)).toHaveCount(1, { timeout: 15_000 });
    await expect(b.page.getByRole("status").filter({ hasText: "Connection lost" })).toHaveCount(0);
    await expect(messages(b.page).getByText("before the outage")).toHaveCount(1);
    const ids = await messages(b.page).locator("li[id^='message-']").evaluateAll((items) => items.map((item) => Number(item.id.replace("message-", ""))));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    await b.context.close();
  });

  test("fits a phone screen, with the channel list behind the menu button", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const community = await api(request, alice, "POST", "/api/channels/communities", { name: "Pocket" });
    const channelId = await generalChannel(request, alice, community.id);
    await api(request, alice, "POST", "/api/messages/send", { channel_id: channelId, content: "small screens, big ideas" });
    const { context, page } = await userPage(browser, alice, { width: 390, height: 800 });
    await page.goto(`/channels/${community.id}/${channelId}`);
    await expect(messages(page).getByText("small screens, big ideas")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Pocket channels" })).toBeHidden();
    await screenshot(page, "channel-phone");
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(page.getByRole("navigation", { name: "Pocket channels" })).toBeVisible();
    await screenshot(page, "channel-phone-navigation");
    await context.close();
  });
});

test("the login page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "login");
});
