import { expect, test, type Page } from "@playwright/test";
import { api, deleteMessage, editMessage, expectNoSeriousA11yViolations, messageItem, messages, registerAccount, replyWhileWatched, screenshot, send, userPage } from "./helpers";

const LIVE = { timeout: 2000 };

function conversations(page: Page) {
  return page.getByRole("navigation", { name: "Direct messages" });
}

test.describe("friends and direct messages in two browsers", () => {
  test("a friend request is accepted live; a DM shows an unread badge until it is opened; replies arrive live", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const a = await userPage(browser, alice);
    const b = await userPage(browser, bob);

    // Alice sends Bob a friend request by username, with clear feedback.
    await a.page.getByRole("tab", { name: "Add friend" }).click();
    await a.page.getByLabel(/^Username/).fill(bob.username);
    await a.page.getByRole("button", { name: "Send friend request" }).click();
    await expect(a.page.getByText(`Friend request sent to ${bob.username}.`)).toBeVisible();

    // Bob sees it arrive without reloading, and accepts it.
    await expect(b.page.getByText("1 pending friend request")).toBeAttached(LIVE);
    await b.page.getByRole("tab", { name: /Pending/ }).click();
    await b.page.getByRole("button", { name: "Accept friend request from Alice" }).click();

    // Alice's friend list shows Bob live.
    await a.page.getByRole("tab", { name: "All" }).click();
    await expect(a.page.getByRole("tabpanel").getByText("Bob", { exact: true })).toBeVisible(LIVE);
    await screenshot(a.page, "friends-desktop");
    await expectNoSeriousA11yViolations(a.page);

    // Bob messages Alice; her conversation list shows it unread until she opens it.
    await b.page.goto(`/channels/me/${alice.id}`);
    await send(b.page, "hey alice, got a minute?");
    await expect(messages(b.page).getByText("hey alice, got a minute?")).toBeVisible();
    const bobInList = conversations(a.page).getByRole("link", { name: /Bob/ });
    await expect(bobInList.getByText("1 unread")).toBeAttached(LIVE);
    await bobInList.click();
    await expect(messages(a.page).getByText("hey alice, got a minute?")).toBeVisible();
    await expect(bobInList.getByText(/unread/)).toHaveCount(0, LIVE);

    // Alice answers; Bob sees it without reloading.
    await send(a.page, "sure, what's up?");
    await expect(messages(b.page).getByText("sure, what's up?")).toBeVisible(LIVE);
    await screenshot(a.page, "dm-desktop");
    await expectNoSeriousA11yViolations(a.page);

    await a.context.close();
    await b.context.close();
  });

  test("in a DM, typing, a reply, an edit and a deletion reach the other browser live, and the conversation list follows", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    await api(request, alice, "POST", "/api/messages/direct/send", { receiver_id: bob.id, content: "dinner at eight?" });
    const a = await userPage(browser, alice);
    const b = await userPage(browser, bob);
    await a.page.goto(`/channels/me/${bob.id}`);
    await b.page.goto(`/channels/me/${alice.id}`);
    await expect(messages(a.page).getByText("dinner at eight?")).toBeVisible();
    await expect(messages(b.page).getByText("dinner at eight?")).toBeVisible();

    // Alice sees Bob typing until he sends his reply to her message, which quotes it on both sides.
    await replyWhileWatched(b.page, "Bob", a.page, "dinner at eight?", "eight works");

    // Bob edits his reply: Alice sees the new text marked (edited), in the pane and in her conversation list.
    await editMessage(b.page, "eight works", "eight works, see you there");
    const edited = messageItem(a.page, "eight works, see you there");
    await expect(edited).toBeVisible(LIVE);
    await expect(edited.getByText("(edited)")).toBeVisible();
    const bobInList = conversations(a.page).getByRole("link", { name: /Bob/ });
    await expect(bobInList).toContainText("eight works, see you there", LIVE);

    // Alice can neither edit nor delete Bob's message; only reply to it.
    await edited.hover();
    await expect(edited.getByRole("button", { name: "Reply" })).toBeVisible();
    await expect(edited.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await expect(edited.getByRole("button", { name: "Delete" })).toHaveCount(0);

    // Bob deletes it after confirming: it disappears for Alice, whose list falls back to her own message.
    await deleteMessage(b.page, "eight works");
    await expect(messages(a.page).getByText("eight works")).toHaveCount(0, LIVE);
    await expect(bobInList).toContainText("You: dinner at eight?", LIVE);

    await expectNoSeriousA11yViolations(a.page);
    await a.context.close();
    await b.context.close();
  });

  test("blocking hides the conversation and nobody can send any more", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const friendRequest = await api(request, alice, "POST", "/api/friends/request", { receiver_id: bob.id });
    await api(request, bob, "POST", `/api/friends/request/${friendRequest.request.id}/accept`);
    await api(request, bob, "POST", "/api/messages/direct/send", { receiver_id: alice.id, content: "hi from bob" });

    const a = await userPage(browser, alice);
    await expect(conversations(a.page).getByRole("link", { name: /Bob/ })).toBeVisible();

    await a.page.getByRole("tab", { name: "All" }).click();
    await a.page.getByRole("button", { name: "More options for Bob" }).click();
    await a.page.getByRole("menuitem", { name: "Block" }).click();
    await a.page.getByRole("dialog", { name: "Block Bob?" }).getByRole("button", { name: "Block" }).click();

    await expect(conversations(a.page).getByRole("link", { name: /Bob/ })).toHaveCount(0, LIVE);
    await a.page.getByRole("tab", { name: "Blocked" }).click();
    await expect(a.page.getByRole("button", { name: "Unblock Bob" })).toBeVisible();

    await a.page.goto(`/channels/me/${bob.id}`);
    await expect(a.page.getByRole("note")).toContainText("You blocked Bob");
    const refused = await request.post("/api/messages/direct/send", {
      data: { receiver_id: alice.id, content: "are you there?" },
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("cannot_message_user");
    await a.context.close();
  });

  test("an open conversation catches up after going offline and back, with no gaps or duplicates, and stays read", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const dm = (content: string) => api(request, alice, "POST", "/api/messages/direct/send", { receiver_id: bob.id, content });
    await dm("before the outage");
    const b = await userPage(browser, bob);
    await b.page.goto(`/channels/me/${alice.id}`);
    await expect(messages(b.page).getByText("before the outage")).toBeVisible();

    await b.context.setOffline(true);
    await expect(b.page.getByRole("status").filter({ hasText: "Connection lost" })).toBeVisible({ timeout: 30_000 });
    for (const n of [1, 2, 3]) await dm(`while away ${n}`);
    await b.context.setOffline(false);

    for (const n of [1, 2, 3]) await expect(messages(b.page).getByText(`while away ${n}`)).toHaveCount(1, { timeout: 15_000 });
    await expect(messages(b.page).getByText("before the outage")).toHaveCount(1);
    const ids = await messages(b.page).locator("li[id^='message-']").evaluateAll((items) => items.map((item) => Number(item.id.replace("message-", ""))));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    await expect(conversations(b.page).getByRole("link", { name: /Alice/ }).getByText(/unread/)).toHaveCount(0, LIVE);
    await b.context.close();
  });

  test("the conversation view fits a phone screen", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    await api(request, bob, "POST", "/api/messages/direct/send", { receiver_id: alice.id, content: "phone-sized hello" });
    const { context, page } = await userPage(browser, alice, { width: 390, height: 800 });
    await page.goto(`/channels/me/${bob.id}`);
    await expect(messages(page).getByText("phone-sized hello")).toBeVisible();
    await screenshot(page, "dm-phone");
    await page.goto("/channels/me");
    await screenshot(page, "friends-phone");
    await context.close();
  });
});
