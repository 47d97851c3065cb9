import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { api, createCommunity, expectNoSeriousA11yViolations, interceptSocketSends, messages, openConnected, PHONE_SCREEN, registerAccount, screenshot, send, TOUCH, userPage, type Account, type AckError } from "./helpers";

// The chat bugs and gaps of issue 13, each kept from coming back: blocks in DMs and channels, the
// message toolbar on a phone, voice channels, one delete dialog per pane, drafts, and Up to edit.

const LIVE = { timeout: 2000 };

function composer(page: Page) {
  return page.getByRole("textbox", { name: /^Message / });
}

function message(page: Page, text: string) {
  return messages(page).getByRole("listitem").filter({ hasText: text });
}

function post(request: APIRequestContext, author: Account, channelId: number, content: string) {
  return api(request, author, "POST", "/api/messages/send", { channel_id: channelId, content });
}

test.describe("blocking", () => {
  test("a DM across a block shows a notice instead of the composer, on both sides, live and after a reload", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    await api(request, bob, "POST", "/api/messages/direct/send", { receiver_id: alice.id, content: "hi alice" });
    const a = await userPage(browser, alice);
    const b = await userPage(browser, bob);
    await a.page.goto(`/channels/me/${bob.id}`);
    await b.page.goto(`/channels/me/${alice.id}`);
    await expect(composer(b.page)).toBeVisible();

    // Alice blocks Bob on another device: both open conversations change at once.
    await api(request, alice, "POST", `/api/friends/block/${bob.id}`);
    await expect(b.page.getByRole("note")).toContainText("You cannot send messages to Alice", LIVE);
    await expect(composer(b.page)).toHaveCount(0);
    const alicesNotice = a.page.getByRole("note");
    await expect(alicesNotice).toContainText("You blocked Bob", LIVE);
    await expect(composer(a.page)).toHaveCount(0);
    // Across a block each sees the other offline.
    await expect(a.page.getByTestId("peer-status")).toHaveText("Offline");

    await b.page.reload();
    await expect(b.page.getByRole("note")).toContainText("You cannot send messages to Alice");
    await expect(composer(b.page)).toHaveCount(0);
    await expectNoSeriousA11yViolations(b.page);
    await expectNoSeriousA11yViolations(a.page);
    await screenshot(a.page, "dm-blocked-by-me");
    await screenshot(b.page, "dm-blocked-by-them");

    // Unblocking from the notice gives both of them their composer back.
    await alicesNotice.getByRole("button", { name: "Unblock" }).click();
    await expect(composer(a.page)).toBeVisible();
    await expect(composer(b.page)).toBeVisible(LIVE);
    await a.context.close();
    await b.context.close();
  });

  test("a failed DM can be dismissed, and one refused by a block offers no Retry", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const { context, page } = await userPage(browser, alice);
    // The first send fails on the server's side; as the second goes, Bob blocks Alice.
    const sends: (() => Promise<AckError | void>)[] = [
      async () => ({ code: "internal", message: "Something went wrong on our side" }),
      async () => void (await api(request, bob, "POST", `/api/friends/block/${alice.id}`)),
    ];
    await interceptSocketSends(page, () => sends.shift()?.());
    await openConnected(page, `/channels/me/${bob.id}`);

    // It may be retried, or dismissed.
    await send(page, "lost on the way");
    const lost = message(page, "lost on the way");
    await expect(lost.getByRole("button", { name: "Retry" })).toBeVisible();
    await lost.getByRole("button", { name: "Dismiss" }).click();
    await expect(lost).toHaveCount(0);

    // Bob blocks Alice just as she sends: the server refuses it, and no retry can change that.
    await send(page, "too late");
    const refused = message(page, "too late");
    await expect(refused).toContainText("could not be delivered");
    await expect(refused.getByRole("button", { name: "Retry" })).toHaveCount(0);
    await refused.getByRole("button", { name: "Dismiss" }).click();
    await expect(refused).toHaveCount(0);
    await expect(page.getByRole("note")).toContainText("You cannot send messages to Bob");
    await context.close();
  });

  test("a blocked user's channel messages are collapsed, consecutive ones together, until shown", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await createCommunity(request, alice, [bob], "Quiet Place");
    for (const text of ["bob one", "bob two", "bob three"]) await post(request, bob, place.general, text);
    await post(request, alice, place.general, "alice in between");
    await post(request, bob, place.general, "bob four");
    await api(request, alice, "POST", `/api/friends/block/${bob.id}`);

    const { context, page } = await userPage(browser, alice);
    await page.goto(`/channels/${place.id}/${place.general}`);
    const list = messages(page);
    await expect(list.getByText("alice in between")).toBeVisible();
    await expect(list.getByText(/^bob /)).toHaveCount(0);
    await expect(list.getByText("3 blocked messages")).toBeVisible();
    await expect(list.getByText("1 blocked message", { exact: true })).toBeVisible();

    // A new one joins the group before it, live.
    await post(request, bob, place.general, "bob five");
    await expect(list.getByText("2 blocked messages")).toBeVisible(LIVE);
    await expect(list.getByText("bob five")).toHaveCount(0);
    await screenshot(page, "channel-blocked-messages");

    await list.getByRole("listitem").filter({ hasText: "3 blocked messages" }).getByRole("button", { name: "Show" }).click();
    for (const text of ["bob one", "bob two", "bob three"]) await expect(list.getByText(text)).toBeVisible();
    await expect(list.getByText("bob five")).toHaveCount(0);
    // And folded again.
    await list.getByRole("button", { name: "Hide 3 blocked messages" }).click();
    await expect(list.getByText("bob one")).toHaveCount(0);
    await expect(list.getByText("3 blocked messages", { exact: true })).toBeVisible();

    // An unblock elsewhere shows everything again, live.
    await api(request, alice, "POST", `/api/friends/unblock/${bob.id}`);
    await expect(list.getByText("bob five")).toBeVisible(LIVE);
    await expect(list.getByText(/blocked message/)).toHaveCount(0);
    await context.close();
  });
});

test("on a phone, a tapped message's toolbar stays inside the pane and goes away on a tap elsewhere", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const pocket = await createCommunity(request, alice, [], "Pocket");
  for (let i = 1; i <= 45; i += 1) await post(request, alice, pocket.general, `pocket message ${i}`);
  const { context, page } = await userPage(browser, alice, PHONE_SCREEN, TOUCH);
  await page.goto(`/channels/${pocket.id}/${pocket.general}`);
  await expect(messages(page).getByText("pocket message 45")).toBeVisible();

  // Unseen, a toolbar takes no taps: a tap where it would be edits nothing.
  const hidden = await message(page, "pocket message 40").getByRole("toolbar").boundingBox();
  await page.touchscreen.tap(hidden!.x + hidden!.width / 2, hidden!.y + hidden!.height / 2);
  await expect(page.getByRole("textbox", { name: "Edit message" })).toHaveCount(0);

  // Message 10 is the first one under the header.
  const first = message(page, "pocket message 10");
  await first.evaluate((element) => element.scrollIntoView({ block: "start" }));
  await first.getByText("pocket message 10").tap();
  const toolbar = first.getByRole("toolbar");
  await expect(toolbar).toHaveCSS("opacity", "1");
  const [bar, pane] = [await toolbar.boundingBox(), await page.getByTestId("message-scroller").boundingBox()];
  expect(bar!.y, "the toolbar starts below the top of the message pane").toBeGreaterThanOrEqual(pane!.y);
  await screenshot(page, "channel-phone-toolbar");

  // A tap on another message moves the toolbar there; a tap outside the messages hides it.
  const other = message(page, "pocket message 12");
  await other.getByText("pocket message 12").tap();
  await expect(other.getByRole("toolbar")).toHaveCSS("opacity", "1");
  await expect(toolbar).toHaveCSS("opacity", "0");
  await page.getByRole("heading", { name: "general", exact: true }).tap();
  await expect(other.getByRole("toolbar")).toHaveCSS("opacity", "0");
  await context.close();
});

test("a voice channel offers to join, with a voice icon and no composer or welcome text", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const hangout = await createCommunity(request, alice, [], "Hangout");
  const lounge = await api<{ id: number }>(request, alice, "POST", `/api/channels/communities/${hangout.id}/channels`, { name: "Lounge", type: "voice" });
  const { context, page } = await userPage(browser, alice);
  await page.goto(`/channels/${hangout.id}/${lounge.id}`);

  await expect(page.getByRole("heading", { name: "Lounge", exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByRole("img", { name: "Voice channel" })).toBeVisible();
  await expect(page.getByText("No one is in Lounge")).toBeVisible();
  await expect(page.getByRole("button", { name: "Join voice" })).toBeVisible();
  await expect(page.getByText(/Welcome to #/)).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Messages" })).toHaveCount(0);
  await expect(composer(page)).toHaveCount(0);
  await expect(page).not.toHaveTitle(/#/);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "voice-channel");
  await context.close();
});

test("the message pane has one delete dialog, not one per message", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const place = await createCommunity(request, alice, [], "Dialogs");
  for (const text of ["note one", "note two", "note three"]) await post(request, alice, place.general, text);
  const { context, page } = await userPage(browser, alice);
  await page.goto(`/channels/${place.id}/${place.general}`);
  await expect(messages(page).getByText("note three")).toBeVisible();
  await expect(messages(page).locator("dialog")).toHaveCount(0);
  const dialogs = page.locator("dialog");
  const count = await dialogs.count();
  await send(page, "note four");
  await expect(message(page, "note four")).toHaveAttribute("data-message-state", "sent");
  await expect(dialogs).toHaveCount(count);

  // That one dialog deletes the message it was opened for.
  const two = message(page, "note two");
  await two.hover();
  await two.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete message" });
  await expect(confirm).toContainText("note two");
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(messages(page).getByText("note two")).toHaveCount(0);
  await expect(messages(page).getByText("note one")).toBeVisible();
  await context.close();
});

test("drafts are kept per channel and per DM across navigation, and cleared when sent", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const bob = await registerAccount(request, "Bob");
  const place = await createCommunity(request, alice, [], "Drafts");
  await api(request, alice, "POST", `/api/channels/communities/${place.id}/channels`, { name: "random" });
  await api(request, bob, "POST", "/api/messages/direct/send", { receiver_id: alice.id, content: "hello there" });
  const { context, page } = await userPage(browser, alice);
  await page.goto(`/channels/${place.id}/${place.general}`);
  const channels = page.getByRole("navigation", { name: "Drafts channels" });
  const open = async (name: string) => {
    await channels.getByRole("link", { name: new RegExp(name) }).click();
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  };

  await composer(page).fill("half a thought");
  await open("random");
  await expect(composer(page)).toHaveValue("");
  await composer(page).fill("random musings");
  await open("general");
  await expect(composer(page)).toHaveValue("half a thought");
  await open("random");
  await expect(composer(page)).toHaveValue("random musings");

  // A DM keeps its own.
  await page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: "Direct messages" }).click();
  const bobLink = page.getByRole("navigation", { name: "Direct messages" }).getByRole("link", { name: /Bob/ });
  await bobLink.click();
  await expect(messages(page).getByText("hello there")).toBeVisible();
  await composer(page).fill("dear bob");
  await page.getByRole("link", { name: "Friends" }).click();
  await bobLink.click();
  await expect(composer(page)).toHaveValue("dear bob");

  // Sending clears it.
  await composer(page).press("Enter");
  await expect(message(page, "dear bob")).toHaveAttribute("data-message-state", "sent");
  await page.getByRole("link", { name: "Friends" }).click();
  await bobLink.click();
  await expect(messages(page).getByText("dear bob")).toBeVisible();
  await expect(composer(page)).toHaveValue("");
  await context.close();
});

test("Up in an empty composer edits your last message; Escape cancels the edit", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const bob = await registerAccount(request, "Bob");
  const place = await createCommunity(request, alice, [bob], "Keys");
  await post(request, alice, place.general, "my first");
  await post(request, alice, place.general, "my last");
  await post(request, bob, place.general, "bob has the last word");
  const { context, page } = await userPage(browser, alice);
  await page.goto(`/channels/${place.id}/${place.general}`);
  await expect(messages(page).getByText("bob has the last word")).toBeVisible();

  await composer(page).press("ArrowUp");
  const editBox = page.getByRole("textbox", { name: "Edit message" });
  await expect(editBox).toBeFocused();
  await expect(editBox).toHaveValue("my last");
  await editBox.press("Escape");
  await expect(editBox).toHaveCount(0);
  await expect(composer(page)).toBeFocused();
  await expect(message(page, "my last").getByText("(edited)")).toHaveCount(0);

  await composer(page).press("ArrowUp");
  await editBox.fill("my last, corrected");
  await editBox.press("Enter");
  await expect(message(page, "my last, corrected").getByText("(edited)")).toBeVisible();

  // With a draft, Up only moves the caret.
  await composer(page).fill("a draft");
  await composer(page).press("ArrowUp");
  await expect(editBox).toHaveCount(0);
  await expect(composer(page)).toHaveValue("a draft");
  await context.close();
});
