import { expect, test, type Page } from "@playwright/test";
import { api, createCommunity, expectNoSeriousA11yViolations, messageItem, messages, openConnected, registerAccount, screenshot, send, userPage } from "./helpers";

// Mentions in two browsers: the composer's @ suggestions, the pill and the highlighted row on the
// other side, mention badges on the channel and the rail, @everyone only from owners and admins,
// and muting through the notification settings.

const LIVE = { timeout: 2000 };

function composer(page: Page) {
  return page.getByRole("textbox", { name: /^Message / });
}

function channelLink(page: Page, community: string, channel: string) {
  return page.getByRole("navigation", { name: `${community} channels` }).getByRole("link", { name: new RegExp(`^${channel}`) });
}

test.describe("mentions", () => {
  test("alice picks bob from the @ suggestions; bob, in another channel, gets a mention badge on the channel and the rail, and sees the message highlighted", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await createCommunity(request, alice, [bob], "Mentions");
    const random = await api<{ id: number }>(request, alice, "POST", `/api/channels/communities/${place.id}/channels`, { name: "random", type: "text" });

    const a = await userPage(browser, alice);
    const b = await userPage(browser, bob);
    await openConnected(b.page, `/channels/${place.id}/${random.id}`);
    await openConnected(a.page, `/channels/${place.id}/${place.general}`);

    // "@bo" offers Bob (and not Alice); Enter picks him and the box shows his username.
    await composer(a.page).pressSequentially("hey @bo");
    const suggestions = a.page.getByRole("listbox", { name: "Mention suggestions" });
    await expect(suggestions.getByRole("option")).toHaveCount(1);
    await expect(suggestions.getByRole("option", { name: /Bob/ })).toHaveAttribute("aria-selected", "true");
    await expectNoSeriousA11yViolations(a.page);
    await screenshot(a.page, "mention-suggestions");
    await composer(a.page).press("Enter");
    await expect(suggestions).toHaveCount(0);
    await expect(composer(a.page)).toHaveValue(`hey @${bob.username} `);
    await composer(a.page).pressSequentially("are you there?");
    await composer(a.page).press("Enter");

    // Alice sees a pill with Bob's name in her message (the token itself never shows).
    const sent = messageItem(a.page, "are you there?");
    await expect(sent.getByText("@Bob", { exact: true })).toBeVisible(LIVE);
    await expect(sent).not.toContainText("<@");

    // Bob, in #random: a red mention count on #general, and on the community in the rail.
    await expect(channelLink(b.page, "Mentions", "general").getByLabel("1 mention, 1 unread")).toBeVisible(LIVE);
    await expect(b.page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: "Mentions (1 mention)" })).toBeVisible(LIVE);

    // Opening #general: the message is highlighted for him, his pill stronger; the badges go.
    await channelLink(b.page, "Mentions", "general").click();
    const received = messageItem(b.page, "are you there?");
    await expect(received).toHaveAttribute("data-mentions-me", "true");
    await expect(received.getByText("@Bob", { exact: true })).toBeVisible();
    await expect(channelLink(b.page, "Mentions", "general").getByLabel(/mention/)).toHaveCount(0);
    await expect(b.page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: "Mentions (1 mention)" })).toHaveCount(0);
    // For Alice it is not a mention of her.
    await expect(sent).not.toHaveAttribute("data-mentions-me", "true");
    await screenshot(b.page, "mention-received");

    // Editing keeps the mention: the edit box shows @username, and saving keeps the pill.
    await sent.hover();
    await sent.getByRole("button", { name: "Edit" }).click();
    const editBox = a.page.getByRole("textbox", { name: "Edit message" });
    await expect(editBox).toHaveValue(`hey @${bob.username} are you there?`);
    await editBox.fill(`hey @${bob.username} are you still there?`);
    await editBox.press("Enter");
    await expect(messageItem(b.page, "are you still there?").getByText("@Bob", { exact: true })).toBeVisible(LIVE);
    await expect(messageItem(b.page, "are you still there?")).toHaveAttribute("data-mentions-me", "true");

    await a.context.close();
    await b.context.close();
  });

  test("@everyone typed by a member is plain text and not offered; from the owner it is a pill that highlights the message", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await createCommunity(request, alice, [bob], "Everyone");
    const a = await userPage(browser, alice);
    const b = await userPage(browser, bob);
    await openConnected(a.page, `/channels/${place.id}/${place.general}`);
    await openConnected(b.page, `/channels/${place.id}/${place.general}`);

    // Bob is a member: no @everyone among the suggestions, and his @everyone is text.
    await composer(b.page).pressSequentially("@ever");
    await expect(b.page.getByRole("option", { name: /@everyone/ })).toHaveCount(0);
    await composer(b.page).fill("");
    await send(b.page, "@everyone look at this");
    const fromMember = messageItem(a.page, "look at this");
    await expect(fromMember).toBeVisible(LIVE);
    await expect(fromMember).toContainText("@everyone look at this");
    await expect(fromMember).not.toHaveAttribute("data-mentions-me", "true");
    await expect(fromMember.locator("[data-everyone]")).toHaveCount(0);

    // Alice owns the community: she is offered @everyone, and it pings Bob.
    await composer(a.page).pressSequentially("@ever");
    await a.page.getByRole("option", { name: /@everyone/ }).click();
    await composer(a.page).pressSequentially("meeting in 5");
    await composer(a.page).press("Enter");
    const fromOwner = messageItem(b.page, "meeting in 5");
    await expect(fromOwner).toHaveAttribute("data-mentions-me", "true", LIVE);
    await expect(fromOwner.locator("[data-everyone]")).toHaveText("@everyone");

    await a.context.close();
    await b.context.close();
  });

  test("muting a channel from its bell greys it and keeps its mentions off the rail", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await createCommunity(request, alice, [bob], "Quiet");
    const random = await api<{ id: number }>(request, alice, "POST", `/api/channels/communities/${place.id}/channels`, { name: "random", type: "text" });
    const b = await userPage(browser, bob);
    await openConnected(b.page, `/channels/${place.id}/${random.id}`);

    await b.page.getByRole("button", { name: "Notification settings" }).click();
    const settings = b.page.getByRole("dialog", { name: "Notification settings" });
    await expect(settings.getByRole("radio", { name: /All messages/ })).toBeChecked();
    await expectNoSeriousA11yViolations(b.page);
    await settings.getByRole("button", { name: "Until I turn it back on" }).click();
    await expect(settings.getByTestId("muted-until")).toHaveText("Muted until you turn it back on");
    await screenshot(b.page, "notification-settings");
    await settings.getByRole("button", { name: "Close" }).click();
    await expect(b.page.getByRole("button", { name: "Notification settings (muted)" })).toBeVisible();
    await expect(channelLink(b.page, "Quiet", "random")).toContainText("(muted)");

    // Bob goes to #general; a mention in muted #random adds nothing to the rail.
    await channelLink(b.page, "Quiet", "random").click();
    await channelLink(b.page, "Quiet", "general").click();
    await expect(b.page.getByRole("heading", { name: "general", exact: true })).toBeVisible();
    await api(request, alice, "POST", "/api/messages/send", { channel_id: random.id, content: `<@${bob.id}> in the muted one` });
    await api(request, alice, "POST", "/api/messages/send", { channel_id: place.general, content: "a plain message in the open channel" });
    await expect(messages(b.page).getByText("a plain message in the open channel")).toBeVisible(LIVE);
    await expect(b.page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: /Quiet \(.*mention/ })).toHaveCount(0);

    await b.context.close();
  });
});
