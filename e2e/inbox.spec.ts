import { expect, test, type Page } from "@playwright/test";
import { api, createCommunity, expectNoSeriousA11yViolations, messageItem, openConnected, registerAccount, screenshot, send, userPage, type Account } from "./helpers";

// The mentions inbox (Discord's Inbox → Mentions) in two browsers: what it lists and in which
// order, what it leaves out, live changes while it is open, and the jump to a mention.

const LIVE = { timeout: 2000 };

function inboxButton(page: Page) {
  return page.getByRole("button", { name: /^Inbox/ });
}

function entries(page: Page) {
  return page.getByRole("dialog", { name: "Mentions" }).getByRole("list", { name: "Mentions" }).getByRole("listitem");
}

test.describe("mentions inbox", () => {
  test("alice sees bob's mention and his @everyone newest first, a new one live, none from a blocked user, and jumps to one highlighted", async ({ browser, request, baseURL }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const mallory = await registerAccount(request, "Mallory");
    const studio = await createCommunity(request, bob, [alice, mallory], "Studio");
    const launchpad = await createCommunity(request, bob, [alice], "Launchpad");
    const releases = await api<{ id: number }>(request, bob, "POST", `/api/channels/communities/${launchpad.id}/channels`, { name: "releases", type: "text" });
    const post = (author: Account, channelId: number, content: string) => api<{ id: number }>(request, author, "POST", "/api/messages/send", { channel_id: channelId, content });
    await api(request, alice, "POST", `/api/friends/block/${mallory.id}`);

    // Bob's mention is followed by enough chatter that #general opens without it.
    const deck = await post(bob, studio.general, `<@${alice.id}> can you review the deck? cc <@${bob.id}>`);
    for (let i = 1; i <= 60; i += 1) await post(bob, studio.general, `chatter ${i}`);
    await post(mallory, studio.general, `<@${alice.id}> psst, it is Mallory`);
    await post(bob, releases.id, "@everyone v2 ships at noon");

    // Alice in the light theme on her Friends page, Bob in the dark one in Studio's #general.
    const a = await userPage(browser, alice);
    await a.context.addCookies([{ name: "theme", value: "light", url: baseURL! }]);
    const b = await userPage(browser, bob);
    await openConnected(a.page, "/channels/me");
    await openConnected(b.page, `/channels/${studio.id}/${studio.general}`);

    // The button counts the unread mentions (the blocked user's is not one of them).
    await expect(inboxButton(a.page)).toHaveAccessibleName("Inbox (2 unread mentions)");
    await inboxButton(a.page).click();
    const inbox = a.page.getByRole("dialog", { name: "Mentions" });
    await expect(entries(a.page)).toHaveCount(2);
    await expect(entries(a.page).first()).toContainText("v2 ships at noon");
    await expect(entries(a.page).first()).toContainText("releases");
    await expect(entries(a.page).first()).toContainText("Launchpad");
    await expect(entries(a.page).first().locator("[data-everyone]")).toHaveText("@everyone");
    await expect(entries(a.page).last()).toContainText("can you review the deck?");
    await expect(entries(a.page).last()).toContainText("general");
    await expect(entries(a.page).last()).toContainText("Studio");
    // Pills name the viewer and the others it mentions, as in the channel.
    await expect(entries(a.page).last().locator(`[data-mention="${alice.id}"]`)).toHaveText("@Alice");
    await expect(entries(a.page).last().locator(`[data-mention="${bob.id}"]`)).toHaveText("@Bob");
    for (const entry of await entries(a.page).all()) await expect(entry).toContainText("Bob");
    await expect(inbox).not.toContainText("Mallory");
    await expect(inbox.getByRole("button", { name: "Jump to the message from Bob in #releases (Launchpad)" })).toBeVisible();
    await expectNoSeriousA11yViolations(a.page, "dialog[open]");
    await screenshot(a.page, "inbox-light");

    // While it is open: Mallory's new mention stays out, Bob's comes in at the top, and the count grows.
    await post(mallory, studio.general, `<@${alice.id}> psst again`);
    await send(b.page, `@${alice.username} are you joining the call?`);
    await expect(entries(a.page).first()).toContainText("are you joining the call?", LIVE);
    await expect(entries(a.page)).toHaveCount(3);
    await expect(inbox).not.toContainText("psst again");
    await expect(inboxButton(a.page)).toHaveAccessibleName("Inbox (3 unread mentions)");

    // An edit shows in place; a deletion takes the entry away.
    await api(request, bob, "PUT", `/api/messages/${deck.id}`, { content: `<@${alice.id}> can you review the new deck?` });
    await expect(entries(a.page).last()).toContainText("can you review the new deck?", LIVE);
    const [live] = await api<{ id: number }[]>(request, alice, "GET", "/api/users/me/mentions?limit=1");
    await api(request, bob, "DELETE", `/api/messages/${live.id}`);
    await expect(entries(a.page)).toHaveCount(2, LIVE);
    await expect(inbox).not.toContainText("are you joining the call?");

    // Escape closes it and gives focus back to the button.
    await a.page.keyboard.press("Escape");
    await expect(inbox).toBeHidden();
    await expect(inboxButton(a.page)).toBeFocused();

    // A mention opens its channel at the message, loaded around it and highlighted, as search does.
    await inboxButton(a.page).click();
    await inbox.getByRole("button", { name: "Jump to the message from Bob in #general (Studio)" }).click();
    await expect(inbox).toBeHidden();
    await a.page.waitForURL(`**/channels/${studio.id}/${studio.general}`);
    await expect(a.page.getByRole("heading", { name: "general", exact: true })).toBeVisible();
    const found = messageItem(a.page, "can you review the new deck?");
    await expect(found).toBeInViewport();
    await expect(found).toHaveAttribute("data-highlighted", "true");
    await screenshot(a.page, "inbox-jump");

    // Bob, in the dark theme on his DM with Alice: the inbox is in that header too, and empty for him.
    await openConnected(b.page, `/channels/me/${alice.id}`);
    await inboxButton(b.page).click();
    await expect(b.page.getByRole("dialog", { name: "Mentions" })).toContainText("Nothing mentions you yet");
    await expectNoSeriousA11yViolations(b.page, "dialog[open]");
    await screenshot(b.page, "inbox-empty-dark");

    await a.context.close();
    await b.context.close();
  });

  test("Load more pages back through older mentions, 25 at a time", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await createCommunity(request, bob, [alice], "Echo");
    for (let i = 1; i <= 30; i += 1) await api(request, bob, "POST", "/api/messages/send", { channel_id: place.general, content: `<@${alice.id}> ping ${i}` });
    const a = await userPage(browser, alice);
    await openConnected(a.page, "/channels/me");

    await inboxButton(a.page).click();
    await expect(entries(a.page)).toHaveCount(25);
    await expect(entries(a.page).first()).toContainText("ping 30");
    await expect(entries(a.page).last()).toContainText("ping 6");
    await a.page.getByRole("dialog", { name: "Mentions" }).getByRole("button", { name: "Load more" }).click();
    await expect(entries(a.page)).toHaveCount(30);
    await expect(entries(a.page).last()).toContainText("ping 1");
    await expect(a.page.getByRole("dialog", { name: "Mentions" }).getByRole("button", { name: "Load more" })).toHaveCount(0);
    await a.context.close();
  });
});
