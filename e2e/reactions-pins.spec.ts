import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { api, expectNoSeriousA11yViolations, generalChannel, messageItem, messages, openConnected, PHONE_SCREEN, registerAccount, screenshot, TOUCH, userPage, type Account } from "./helpers";

// Issue 15's reactions, pins and system messages in the browser, with two users side by side.

const LIVE = { timeout: 2000 };
// As emojibase writes them, which is how the API stores them and the picker picks them.
const THUMBS_UP = "👍\uFE0F";
const RED_HEART = "❤\uFE0F";
const RAMEN = "🍜";

/** A community owned by `owner` with `member` added (which posts their join), and its #general. */
async function community(request: APIRequestContext, owner: Account, member: Account, name: string) {
  const created = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name });
  await api(request, owner, "POST", "/api/channels/community/add-member", { community_id: created.id, user_id: member.id });
  return { id: created.id, general: await generalChannel(request, owner, created.id) };
}

async function post(request: APIRequestContext, author: Account, channelId: number, content: string): Promise<number> {
  return (await api<{ id: number }>(request, author, "POST", "/api/messages/send", { channel_id: channelId, content })).id;
}

/** A reaction chip under the message containing `text`, by its emoji. */
function chip(page: Page, text: string, emoji: string) {
  return messageItem(page, text).getByRole("group", { name: "Reactions" }).getByRole("button", { name: new RegExp(`^${emoji} `) });
}

/** Opens the emoji picker from the toolbar of the message containing `text`. */
async function openPicker(page: Page, text: string) {
  const item = messageItem(page, text);
  await item.hover();
  await item.getByRole("toolbar").getByRole("button", { name: "Add reaction" }).click();
  const picker = page.getByRole("dialog", { name: "Add a reaction" });
  await expect(picker.getByRole("gridcell").first()).toBeVisible();
  return picker;
}

function systemMessage(page: Page, text: string) {
  return messages(page).locator('[data-message-type="system"]').filter({ hasText: text });
}

test.describe("reactions, pins and system messages", () => {
  test("reactions reach the other browser live, toggle, and say who reacted", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await community(request, alice, bob, "Lunch club");
    const question = await post(request, alice, place.general, "tacos or ramen today?");
    const a = await userPage(browser, alice);
    const b = await userPage(browser, bob);
    await openConnected(a.page, `/channels/${place.id}/${place.general}`);
    await openConnected(b.page, `/channels/${place.id}/${place.general}`);

    // Bob's join is a system row with the join arrow, no avatar and no toolbar for him.
    const joined = systemMessage(b.page, `${bob.username} joined the community.`);
    await expect(joined).toBeVisible();
    await joined.hover();
    await expect(joined.getByRole("button", { name: "Delete" })).toHaveCount(0);
    // Alice, the owner, may delete it: that is all its toolbar offers.
    const joinedForAlice = systemMessage(a.page, `${bob.username} joined the community.`);
    await joinedForAlice.hover();
    await expect(joinedForAlice.getByRole("toolbar").getByRole("button")).toHaveCount(1);
    await expect(joinedForAlice.getByRole("toolbar").getByRole("button")).toHaveAccessibleName("Delete");

    // Alice picks 👍 from the searchable picker: it closes and the chip shows for both at 1.
    const picker = await openPicker(a.page, "tacos or ramen");
    await expectNoSeriousA11yViolations(a.page, "dialog[open]");
    await screenshot(a.page, "reactions-picker");
    await picker.getByRole("searchbox", { name: "Search emoji" }).fill("thumbs up");
    await picker.getByRole("gridcell", { name: "Thumbs up" }).click();
    await expect(picker).toBeHidden();
    await expect(chip(a.page, "tacos or ramen", THUMBS_UP)).toHaveAccessibleName(`${THUMBS_UP} 1 reaction, including yours`);
    await expect(chip(b.page, "tacos or ramen", THUMBS_UP)).toHaveAccessibleName(`${THUMBS_UP} 1 reaction`, LIVE);
    await expect(chip(b.page, "tacos or ramen", THUMBS_UP)).toHaveAttribute("aria-pressed", "false");

    // Bob clicks the chip: 2 on both sides, pressed for him.
    await chip(b.page, "tacos or ramen", THUMBS_UP).click();
    await expect(chip(b.page, "tacos or ramen", THUMBS_UP)).toHaveAccessibleName(`${THUMBS_UP} 2 reactions, including yours`);
    await expect(chip(b.page, "tacos or ramen", THUMBS_UP)).toHaveAttribute("aria-pressed", "true");
    await expect(chip(a.page, "tacos or ramen", THUMBS_UP)).toHaveAccessibleName(`${THUMBS_UP} 2 reactions, including yours`, LIVE);

    // Hovering the chip names them both.
    await chip(a.page, "tacos or ramen", THUMBS_UP).hover();
    await expect(a.page.getByRole("tooltip")).toHaveText(`${THUMBS_UP}Alice and Bob reacted with ${THUMBS_UP}`);
    await screenshot(a.page, "reactions-who-reacted");

    // A second emoji by keyboard alone: search, arrows, Enter.
    const keyboardPicker = await openPicker(b.page, "tacos or ramen");
    const search = keyboardPicker.getByRole("searchbox", { name: "Search emoji" });
    await search.fill("ramen");
    await search.press("ArrowDown");
    await search.press("Enter");
    await expect(keyboardPicker).toBeHidden();
    await expect(chip(a.page, "tacos or ramen", RAMEN)).toHaveAccessibleName(`${RAMEN} 1 reaction`, LIVE);

    // Bob takes his 👍 back: 1 again for Alice, no longer pressed for him.
    await chip(b.page, "tacos or ramen", THUMBS_UP).click();
    await expect(chip(b.page, "tacos or ramen", THUMBS_UP)).toHaveAttribute("aria-pressed", "false");
    await expect(chip(a.page, "tacos or ramen", THUMBS_UP)).toHaveAccessibleName(`${THUMBS_UP} 1 reaction, including yours`, LIVE);

    // An edit keeps everyone's chips as they are, the viewer's own still pressed.
    await api(request, alice, "PUT", `/api/messages/${question}`, { content: "tacos or ramen today? (vote below)" });
    await expect(messageItem(a.page, "(vote below)")).toBeVisible(LIVE);
    await expect(chip(a.page, "(vote below)", THUMBS_UP)).toHaveAccessibleName(`${THUMBS_UP} 1 reaction, including yours`);
    await expect(chip(b.page, "(vote below)", RAMEN)).toHaveAccessibleName(`${RAMEN} 1 reaction, including yours`, LIVE);
    await a.context.close();
    await b.context.close();
  });

  test("an admin pins a message: both see the system message and the pins list, jump to it, and a member cannot pin", async ({ browser, request, baseURL }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await community(request, alice, bob, "Pinboard");
    const old = await post(request, alice, place.general, "the wifi password is on the fridge");
    for (let i = 1; i <= 60; i++) await post(request, i % 2 ? bob : alice, place.general, `chatter ${i}`);
    await post(request, alice, place.general, `<@${bob.id}> meeting moved to friday`);
    const a = await userPage(browser, alice);
    const b = await userPage(browser, bob);
    // Bob in the light theme, Alice in the dark one: both are checked by axe.
    await b.context.addCookies([{ name: "theme", value: "light", url: baseURL! }]);
    await openConnected(a.page, `/channels/${place.id}/${place.general}`);
    await openConnected(b.page, `/channels/${place.id}/${place.general}`);

    // A member has no Pin in the toolbar.
    const bobsView = messageItem(b.page, "meeting moved to friday");
    await bobsView.hover();
    await expect(bobsView.getByRole("button", { name: "Reply" })).toBeVisible();
    await expect(bobsView.getByRole("button", { name: "Pin message" })).toHaveCount(0);

    // Alice pins it after confirming; both see the system message and the pinned mark.
    const alicesView = messageItem(a.page, "meeting moved to friday");
    await alicesView.hover();
    await alicesView.getByRole("button", { name: "Pin message" }).click();
    const confirm = a.page.getByRole("dialog", { name: "Pin message" });
    await expect(confirm).toContainText("meeting moved to friday");
    await expectNoSeriousA11yViolations(a.page, "dialog[open]");
    await screenshot(a.page, "pins-confirm");
    await confirm.getByRole("button", { name: "Pin it" }).click();
    for (const page of [a.page, b.page]) {
      await expect(systemMessage(page, `${alice.username} pinned a message.`)).toBeVisible(LIVE);
      await expect(messageItem(page, "meeting moved to friday").getByTitle("Pinned")).toBeVisible(LIVE);
    }

    // An older pin (from another device): the system message jumps 60 messages back to it.
    const pinned = await a.page.request.fetch(`/api/channels/${place.general}/pins/${old}`, { method: "PUT", headers: { authorization: `Bearer ${alice.token}` } });
    expect(pinned.status()).toBe(204);
    await expect(systemMessage(b.page, `${alice.username} pinned a message.`)).toHaveCount(2, LIVE);
    await expect(messages(b.page).getByText("the wifi password is on the fridge")).toHaveCount(0);
    await systemMessage(b.page, `${alice.username} pinned a message.`).last().getByRole("button", { name: "See the message" }).click();
    await expect(messages(b.page).getByText("the wifi password is on the fridge")).toBeInViewport();
    await screenshot(b.page, "pins-system-messages");

    // Bob's pins list: newest pin first, Jump only.
    await b.page.getByRole("button", { name: "Pinned messages" }).click();
    const bobsPins = b.page.getByRole("dialog", { name: "Pinned messages" });
    const list = bobsPins.getByRole("list", { name: "Pinned messages" }).getByRole("listitem");
    await expect(list).toHaveCount(2);
    await expect(list.first()).toContainText("the wifi password is on the fridge");
    await expect(list.last()).toContainText("meeting moved to friday");
    await expect(list.last().locator(`[data-mention="${bob.id}"]`)).toHaveText("@Bob");
    await expect(bobsPins.getByRole("button", { name: /^Unpin/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(b.page, "dialog[open]");
    await screenshot(b.page, "pins-panel");
    await list.last().hover();
    await list.last().getByRole("button", { name: /^Jump/ }).click();
    await expect(bobsPins).toBeHidden();
    await expect(messages(b.page).getByText("meeting moved to friday")).toBeInViewport();

    // Alice unpins from her list after confirming: Bob's mark goes live, and no system message comes.
    await a.page.getByRole("button", { name: "Pinned messages" }).click();
    const alicesPins = a.page.getByRole("dialog", { name: "Pinned messages" });
    await alicesPins.getByRole("listitem").filter({ hasText: "meeting moved to friday" }).hover();
    await alicesPins.getByRole("button", { name: /^Unpin the message/ }).last().click();
    await a.page.getByRole("dialog", { name: "Unpin message" }).getByRole("button", { name: "Remove it" }).click();
    await expect(alicesPins.getByRole("listitem")).toHaveCount(1);
    await expect(messageItem(b.page, "meeting moved to friday").getByTitle("Pinned")).toHaveCount(0, LIVE);
    await expect(systemMessage(b.page, "pinned a message.")).toHaveCount(2);
    await a.context.close();
    await b.context.close();
  });

  test("a reaction to a direct message appears live, and on a phone the picker is a sheet", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    await api(request, bob, "POST", "/api/messages/direct/send", { receiver_id: alice.id, content: "made it home safe" });
    const a = await userPage(browser, alice, PHONE_SCREEN, TOUCH);
    const b = await userPage(browser, bob);
    await openConnected(a.page, `/channels/me/${bob.id}`);
    await openConnected(b.page, `/channels/me/${alice.id}`);

    // On a phone a tap shows the toolbar; the picker opens along the bottom of the screen.
    const item = messageItem(a.page, "made it home safe");
    await item.getByText("made it home safe").tap();
    await item.getByRole("toolbar").getByRole("button", { name: "Add reaction" }).tap();
    const picker = a.page.getByRole("dialog", { name: "Add a reaction" });
    await expect(picker.getByRole("gridcell").first()).toBeVisible();
    const box = (await picker.boundingBox())!;
    expect(Math.round(box.y + box.height)).toBe(PHONE_SCREEN.height);
    await screenshot(a.page, "reactions-picker-phone");
    await picker.getByRole("searchbox", { name: "Search emoji" }).fill("red heart");
    await picker.getByRole("gridcell", { name: "Red heart" }).tap();

    await expect(chip(b.page, "made it home safe", RED_HEART)).toHaveAccessibleName(`${RED_HEART} 1 reaction`, LIVE);
    await chip(b.page, "made it home safe", RED_HEART).click();
    await expect(chip(a.page, "made it home safe", RED_HEART)).toHaveAccessibleName(`${RED_HEART} 2 reactions, including yours`, LIVE);
    await a.context.close();
    await b.context.close();
  });
});
