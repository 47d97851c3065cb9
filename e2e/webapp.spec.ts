import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { api, expectNoSeriousA11yViolations, generalChannel, interceptSocketSends, messages, openConnected, registerAccount, send, userPage, type Account } from "./helpers";

// The web app as a newcomer finds it: what broke in a first try with two browsers, desktop and
// phone (issue 13), each kept from coming back.

/** WCAG contrast ratio between two CSS rgb()/rgba() colours (opaque). */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = colour.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

async function colours(locator: Locator): Promise<{ color: string; background: string }> {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { color: style.color, background: style.backgroundColor };
  });
}

async function openUserSettings(page: Page): Promise<Locator> {
  await page.getByRole("button", { name: "User settings" }).click();
  return page.getByRole("dialog", { name: "User settings" });
}

test.describe("the theme", () => {
  test("chosen in the settings, it stays after a reload and the settings show it", async ({ browser, request }) => {
    const account = await registerAccount(request, "Theo");
    const { context, page } = await userPage(browser, account);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);

    const settings = await openUserSettings(page);
    await expect(settings.getByText("Theme: Dark")).toBeVisible();
    await settings.getByRole("button", { name: "Use light theme" }).click();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

    await page.reload();
    await expect(page.getByRole("navigation", { name: "Communities" })).toBeVisible();
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await expect(await openUserSettings(page)).toContainText("Theme: Light");
    await context.close();
  });

  test("in the light theme, the rail's home and Discover icons stand out from their circles", async ({ browser, request, baseURL }) => {
    const account = await registerAccount(request, "Lumen");
    const community = await api<{ id: number }>(request, account, "POST", "/api/channels/communities", { name: "Light side" });
    const { context, page } = await userPage(browser, account);
    await context.addCookies([{ name: "theme", value: "light", url: baseURL! }]);
    // On a community's page neither home nor Discover is the current item.
    await page.goto(`/channels/${community.id}/${await generalChannel(request, account, community.id)}`);
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

    const rail = page.getByRole("navigation", { name: "Communities" });
    for (const name of ["Direct messages", "Discover communities"]) {
      const { color, background } = await colours(rail.getByRole("link", { name }));
      expect(contrast(color, background), `${name}: icon ${color} on ${background}`).toBeGreaterThanOrEqual(3);
    }
    await context.close();
  });
});

test.describe("the connection banner", () => {
  test("pushes the page down instead of covering the channel header", async ({ browser, request }) => {
    const account = await registerAccount(request, "Bannie");
    const community = await api<{ id: number }>(request, account, "POST", "/api/channels/communities", { name: "Banner" });
    const { context, page } = await userPage(browser, account);
    await page.goto(`/channels/${community.id}/${await generalChannel(request, account, community.id)}`);
    const header = page.getByRole("main").locator("header");
    await expect(header).toContainText("general");

    await context.setOffline(true);
    const banner = page.getByRole("status").filter({ hasText: "Connection lost" });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    const bannerBox = (await banner.boundingBox())!;
    const headerBox = (await header.boundingBox())!;
    expect(headerBox.y, "the header starts below the banner").toBeGreaterThanOrEqual(bannerBox.y + bannerBox.height - 0.5);
    const viewport = page.viewportSize()!;
    const composer = page.getByRole("textbox", { name: /^Message/ });
    const composerBox = (await composer.boundingBox())!;
    expect(composerBox.y + composerBox.height, "the composer stays on screen").toBeLessThanOrEqual(viewport.height);
    await context.setOffline(false);
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await context.close();
  });
});

test.describe("role changes", () => {
  test("reach the sidebar live: a member made admin sees the private channel at once, and loses it when demoted", async ({ browser, request }) => {
    const owner = await registerAccount(request, "Olga");
    const member = await registerAccount(request, "Milo");
    const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name: "Ranks" });
    await api(request, member, "POST", `/api/channels/communities/${community.id}/join`);
    await api(request, owner, "POST", `/api/channels/communities/${community.id}/channels`, { name: "staff-room", type: "private" });
    const { context, page } = await userPage(browser, member);
    await openConnected(page, `/channels/${community.id}/${await generalChannel(request, owner, community.id)}`);
    const sidebar = page.getByRole("navigation", { name: "Ranks channels" });
    await expect(sidebar.getByRole("link", { name: "general" })).toBeVisible();
    await expect(sidebar.getByRole("link", { name: /staff-room/ })).toHaveCount(0);

    await api(request, owner, "PATCH", `/api/channels/communities/${community.id}/members/${member.id}`, { role: "admin" });
    await expect(sidebar.getByRole("link", { name: /staff-room/ })).toBeVisible({ timeout: 5000 });
    await api(request, owner, "PATCH", `/api/channels/communities/${community.id}/members/${member.id}`, { role: "member" });
    await expect(sidebar.getByRole("link", { name: /staff-room/ })).toHaveCount(0, { timeout: 5000 });
    await context.close();
  });
});

test.describe("small things", () => {
  test("default avatars differ from person to person", async ({ browser, request }) => {
    const ann = await registerAccount(request, "Ann");
    const zed = await registerAccount(request, "Zed");
    const community = await api<{ id: number }>(request, ann, "POST", "/api/channels/communities", { name: "Faces" });
    await api(request, zed, "POST", `/api/channels/communities/${community.id}/join`);
    const { context, page } = await userPage(browser, ann);
    await page.goto(`/channels/${community.id}/${await generalChannel(request, ann, community.id)}`);
    const members = page.getByRole("complementary", { name: "Members" });
    const background = (name: string) =>
      members.getByRole("button").filter({ hasText: name }).locator("span[aria-hidden]").first().evaluate((element) => getComputedStyle(element).backgroundColor);
    await expect(members.getByText("Zed")).toBeVisible();
    expect(await background("Ann")).not.toBe(await background("Zed"));
    await context.close();
  });

  test("the community colour swatches are announced by colour name", async ({ browser, request }) => {
    const account = await registerAccount(request, "Painter");
    const { context, page } = await userPage(browser, account);
    await page.getByRole("button", { name: "Create a community" }).click();
    const dialog = page.getByRole("dialog");
    const colours = dialog.getByRole("group", { name: "Colour" }).getByRole("radio");
    await expect(colours).toHaveCount(6);
    for (const name of ["Violet", "Blue", "Green", "Amber", "Red", "Pink"]) await expect(dialog.getByRole("radio", { name, exact: true })).toHaveCount(1);
    await context.close();
  });

  test("the user settings and community settings dialogs have a close button", async ({ browser, request }) => {
    const account = await registerAccount(request, "Closer");
    const community = await api<{ id: number }>(request, account, "POST", "/api/channels/communities", { name: "Shut" });
    const { context, page } = await userPage(browser, account);
    const settings = await openUserSettings(page);
    await settings.getByRole("button", { name: "Close" }).click();
    await expect(settings).toBeHidden();

    await page.goto(`/channels/${community.id}/${await generalChannel(request, account, community.id)}`);
    await page.getByRole("button", { name: "Shut" }).click();
    await page.getByRole("menuitem", { name: "Community settings" }).click();
    const communitySettings = page.getByRole("dialog", { name: "Community settings" });
    await expect(communitySettings).toBeVisible();
    await communitySettings.getByRole("button", { name: "Close" }).click();
    await expect(communitySettings).toBeHidden();
    await context.close();
  });
});

test.describe("unread markers on the rail", () => {
  test("a community with unread messages and the home icon with unread DMs are marked live, and cleared once read", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const community = await api<{ id: number }>(request, alice, "POST", "/api/channels/communities", { name: "Pulse" });
    const quiet = await api<{ id: number }>(request, bob, "POST", "/api/channels/communities", { name: "Quiet" });
    await api(request, bob, "POST", `/api/channels/communities/${community.id}/join`);
    const general = await generalChannel(request, alice, community.id);
    const { context, page } = await userPage(browser, bob);
    await openConnected(page, `/channels/${quiet.id}/${await generalChannel(request, bob, quiet.id)}`);
    const rail = page.getByRole("navigation", { name: "Communities" });
    await expect(rail.getByRole("link", { name: "Pulse" })).toBeVisible();
    await expect(rail.getByRole("link", { name: "Pulse (unread messages)" })).toHaveCount(0);

    await api(request, alice, "POST", "/api/messages/send", { channel_id: general, content: "news in Pulse" });
    await expect(rail.getByRole("link", { name: "Pulse (unread messages)" })).toBeVisible({ timeout: 5000 });
    await api(request, alice, "POST", "/api/messages/direct/send", { receiver_id: bob.id, content: "psst" });
    await api(request, alice, "POST", "/api/messages/direct/send", { receiver_id: bob.id, content: "psst again" });
    await expect(rail.getByRole("link", { name: "Direct messages (2 unread)" })).toBeVisible({ timeout: 5000 });

    await rail.getByRole("link", { name: "Pulse (unread messages)" }).click();
    await page.getByRole("navigation", { name: "Pulse channels" }).getByRole("link", { name: "general" }).click();
    await expect(messages(page).getByText("news in Pulse")).toBeVisible();
    await expect(rail.getByRole("link", { name: /^Pulse/ })).toHaveAccessibleName("Pulse", { timeout: 5000 });

    await page.goto(`/channels/me/${alice.id}`);
    await expect(messages(page).getByText("psst again")).toBeVisible();
    await expect(rail.getByRole("link", { name: /^Direct messages/ })).toHaveAccessibleName("Direct messages", { timeout: 5000 });
    await context.close();
  });
});

test.describe("kicking a member", () => {
  test("asks in the app's own dialog, and tells the kicked member what happened", async ({ browser, request }) => {
    const owner = await registerAccount(request, "Kira");
    const member = await registerAccount(request, "Kenny");
    const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name: "Boot Camp" });
    await api(request, member, "POST", `/api/channels/communities/${community.id}/join`);
    const general = await generalChannel(request, owner, community.id);
    const o = await userPage(browser, owner);
    const m = await userPage(browser, member);
    await m.page.goto(`/channels/${community.id}/${general}`);
    await o.page.goto(`/channels/${community.id}/${general}`);

    await o.page.getByRole("button", { name: "Boot Camp" }).click();
    await o.page.getByRole("menuitem", { name: "Community settings" }).click();
    const settings = o.page.getByRole("dialog", { name: "Community settings" });
    await settings.getByRole("tab", { name: "Members" }).click();
    await settings.getByRole("listitem").filter({ hasText: "Kenny" }).getByRole("button", { name: "Kick" }).click();
    const confirm = o.page.getByRole("dialog", { name: "Kick Kenny" });
    await expect(confirm).toContainText("Kenny will be removed from Boot Camp");
    await confirm.getByRole("button", { name: "Kick" }).click();
    await expect(confirm).toBeHidden();
    await expect(settings.getByRole("listitem").filter({ hasText: "Kenny" })).toHaveCount(0);

    await m.page.waitForURL("**/channels/me", { timeout: 5000 });
    await expect(m.page.getByText("You are no longer a member of Boot Camp.")).toBeVisible();
    await o.context.close();
    await m.context.close();
  });
});

test.describe("private channels", () => {
  test("the owner adds and removes a member in the channel's settings, and the member's sidebar follows live", async ({ browser, request }) => {
    const owner = await registerAccount(request, "Vera");
    const member = await registerAccount(request, "Vince");
    const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name: "Vaults" });
    await api(request, member, "POST", `/api/channels/communities/${community.id}/join`);
    await api(request, owner, "POST", `/api/channels/communities/${community.id}/channels`, { name: "vault", type: "private" });
    const general = await generalChannel(request, owner, community.id);
    const o = await userPage(browser, owner);
    const m = await userPage(browser, member);
    await m.page.goto(`/channels/${community.id}/${general}`);
    const memberSidebar = m.page.getByRole("navigation", { name: "Vaults channels" });
    await expect(memberSidebar.getByRole("link", { name: "general" })).toBeVisible();
    await expect(memberSidebar.getByRole("link", { name: /vault/ })).toHaveCount(0);

    await o.page.goto(`/channels/${community.id}/${general}`);
    await o.page.getByRole("button", { name: "Vaults" }).click();
    await o.page.getByRole("menuitem", { name: "Community settings" }).click();
    const settings = o.page.getByRole("dialog", { name: "Community settings" });
    await settings.getByRole("tab", { name: "Channels" }).click();
    await settings.getByRole("listitem").filter({ hasText: "vault" }).getByRole("button", { name: "Members" }).click();
    const sharing = o.page.getByRole("dialog", { name: "Members of #vault" });
    await expect(sharing.getByRole("list", { name: "Channel members" })).toContainText("Vera");
    await sharing.getByLabel("Add a member").selectOption({ label: `Vince (@${member.username})` });
    await sharing.getByRole("button", { name: "Add" }).click();
    await expect(sharing.getByRole("list", { name: "Channel members" }).getByRole("listitem").filter({ hasText: "Vince" })).toBeVisible();
    await expect(memberSidebar.getByRole("link", { name: /vault/ })).toBeVisible({ timeout: 5000 });

    await sharing.getByRole("list", { name: "Channel members" }).getByRole("listitem").filter({ hasText: "Vince" }).getByRole("button", { name: "Remove" }).click();
    await expect(sharing.getByRole("list", { name: "Channel members" }).getByRole("listitem").filter({ hasText: "Vince" })).toHaveCount(0);
    await expect(memberSidebar.getByRole("link", { name: /vault/ })).toHaveCount(0, { timeout: 5000 });
    await o.context.close();
    await m.context.close();
  });
});

test.describe("getting around", () => {
  test("Ctrl+K jumps to a channel or a conversation by typing its name", async ({ browser, request }) => {
    const me = await registerAccount(request, "Quinn");
    const peer = await registerAccount(request, "Petra");
    const community = await api<{ id: number }>(request, me, "POST", "/api/channels/communities", { name: "Switchyard" });
    const channel = await api<{ id: number }>(request, me, "POST", `/api/channels/communities/${community.id}/channels`, { name: "signal-box" });
    await api(request, me, "POST", "/api/messages/direct/send", { receiver_id: peer.id, content: "hello Petra" });
    const { context, page } = await userPage(browser, me);

    await page.keyboard.press("Control+k");
    const switcher = page.getByRole("dialog", { name: "Quick switcher" });
    await switcher.getByRole("combobox", { name: "Where to?" }).fill("signal");
    await expect(switcher.getByRole("option").first()).toContainText("signal-box");
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/channels/${community.id}/${channel.id}`);
    await expect(switcher).toBeHidden();

    await page.keyboard.press("Control+k");
    await switcher.getByRole("combobox", { name: "Where to?" }).fill("petr");
    await switcher.getByRole("option", { name: /Petra/ }).click();
    await page.waitForURL(`**/channels/me/${peer.id}`);
    await context.close();
  });

  test("a community opens on the channel last used in it", async ({ browser, request }) => {
    const me = await registerAccount(request, "Remy");
    const community = await api<{ id: number }>(request, me, "POST", "/api/channels/communities", { name: "Memory Lane" });
    const second = await api<{ id: number }>(request, me, "POST", `/api/channels/communities/${community.id}/channels`, { name: "second" });
    const { context, page } = await userPage(browser, me);
    const rail = page.getByRole("navigation", { name: "Communities" });
    await rail.getByRole("link", { name: "Memory Lane" }).click();
    await page.waitForURL(`**/channels/${community.id}/${await generalChannel(request, me, community.id)}`);
    await page.getByRole("navigation", { name: "Memory Lane channels" }).getByRole("link", { name: "second" }).click();
    await page.waitForURL(`**/channels/${community.id}/${second.id}`);

    await rail.getByRole("link", { name: "Direct messages" }).click();
    await page.waitForURL("**/channels/me");
    await rail.getByRole("link", { name: "Memory Lane" }).click();
    await page.waitForURL(`**/channels/${community.id}/${second.id}`);
    await context.close();
  });
});

test.describe("accessibility of the touched screens", () => {
  test("a channel page in both themes with rail markers, the quick switcher and a private channel's members", async ({ browser, request, baseURL }) => {
    const owner = await registerAccount(request, "Ally");
    const friend = await registerAccount(request, "Axel");
    const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name: "Axe Club" });
    const other = await api<{ id: number }>(request, friend, "POST", "/api/channels/communities", { name: "Elsewhere" });
    await api(request, owner, "POST", `/api/channels/communities/${other.id}/join`);
    await api(request, friend, "POST", "/api/messages/send", { channel_id: await generalChannel(request, friend, other.id), content: "unread here" });
    await api(request, friend, "POST", "/api/messages/direct/send", { receiver_id: owner.id, content: "and a DM" });
    await api(request, owner, "POST", `/api/channels/communities/${community.id}/channels`, { name: "inner-circle", type: "private" });
    // An offline member in the member list (its name dimmed, still readable).
    const sleeper = await registerAccount(request, "Sleepy");
    await api(request, sleeper, "POST", `/api/channels/communities/${community.id}/join`);
    const { context, page } = await userPage(browser, owner);
    await page.goto(`/channels/${community.id}/${await generalChannel(request, owner, community.id)}`);
    await expect(page.getByRole("link", { name: "Elsewhere (unread messages)" })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Members" }).getByText("Sleepy")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await context.addCookies([{ name: "theme", value: "light", url: baseURL! }]);
    await page.reload();
    await expect(page.getByRole("link", { name: "Direct messages (1 unread)" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.keyboard.press("Control+k");
    await page.getByRole("combobox", { name: "Where to?" }).fill("inner");
    await expect(page.getByRole("option").first()).toContainText("inner-circle");
    await expectNoSeriousA11yViolations(page, "dialog[open]");
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Axe Club" }).click();
    await page.getByRole("menuitem", { name: "Community settings" }).click();
    const settings = page.getByRole("dialog", { name: "Community settings" });
    await settings.getByRole("tab", { name: "Channels" }).click();
    await settings.getByRole("listitem").filter({ hasText: "inner-circle" }).getByRole("button", { name: "Members" }).click();
    await expect(page.getByRole("dialog", { name: "Members of #inner-circle" }).getByRole("list", { name: "Channel members" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "dialog[open]");
    await context.close();
  });
});

test.describe("offline", () => {
  test("clicking another channel while offline stays in the app, says so, and opens it once back", async ({ browser, request }) => {
    const me = await registerAccount(request, "Otto");
    const community = await api<{ id: number }>(request, me, "POST", "/api/channels/communities", { name: "Outage" });
    const other = await api<{ id: number }>(request, me, "POST", `/api/channels/communities/${community.id}/channels`, { name: "elsewhere" });
    const general = await generalChannel(request, me, community.id);
    const { context, page } = await userPage(browser, me);
    await page.goto(`/channels/${community.id}/${general}`);
    await expect(page.getByRole("main").locator("header")).toContainText("general");

    await context.setOffline(true);
    await expect(page.getByRole("status").filter({ hasText: "Connection lost" })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("navigation", { name: "Outage channels" }).getByRole("link", { name: "elsewhere" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Can't open that page while offline" })).toBeVisible();
    expect(page.url()).toContain(`/channels/${community.id}/${general}`);
    await expect(page.getByRole("textbox", { name: /^Message / })).toBeVisible();

    await context.setOffline(false);
    await page.waitForURL(`**/channels/${community.id}/${other.id}`, { timeout: 30_000 });
    await expect(page.getByRole("main").locator("header")).toContainText("elsewhere");
    await context.close();
  });

  test("messages written while offline wait in order, are sent once back (also after leaving the channel), and the banner says so", async ({ browser, request }) => {
    const me = await registerAccount(request, "Olga");
    const community = await api<{ id: number }>(request, me, "POST", "/api/channels/communities", { name: "Outbox" });
    const other = await api<{ id: number }>(request, me, "POST", `/api/channels/communities/${community.id}/channels`, { name: "elsewhere" });
    const general = await generalChannel(request, me, community.id);
    const { context, page } = await userPage(browser, me);
    await openConnected(page, `/channels/${community.id}/${general}`);

    await context.setOffline(true);
    const banner = page.getByRole("status").filter({ hasText: "Connection lost" });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText("Messages you write now will be sent when you are back");
    for (const text of ["first while away", "second while away", "third while away"]) await send(page, text);
    const waiting = messages(page).getByRole("listitem").filter({ hasText: "Waiting for the connection" });
    await expect(waiting).toHaveCount(3);
    await expect(banner).toContainText("3 messages will be sent when you are back");
    await expect(messages(page).getByRole("listitem").filter({ hasText: "Failed to send" })).toHaveCount(0);

    // Leaving the channel meanwhile: the link opens once back, and the messages go all the same.
    await page.getByRole("navigation", { name: "Outbox channels" }).getByRole("link", { name: "elsewhere" }).click();
    await context.setOffline(false);
    await page.waitForURL(`**/channels/${community.id}/${other.id}`, { timeout: 30_000 });
    await expect
      .poll(async () => (await api<{ content: string; message_type: string }[]>(request, me, "GET", `/api/messages/channel/${general}`)).filter((m) => m.message_type === "text").map((m) => m.content), { timeout: 15_000 })
      .toEqual(["first while away", "second while away", "third while away"]);

    await page.getByRole("navigation", { name: "Outbox channels" }).getByRole("link", { name: "general" }).click();
    for (const text of ["first while away", "second while away", "third while away"]) {
      await expect(messages(page).getByRole("listitem").filter({ hasText: text })).toHaveCount(1);
    }
    await expect(waiting).toHaveCount(0);
    await context.close();
  });

  test("a message that failed keeps its Retry across leaving the channel and coming back", async ({ browser, request }) => {
    const me = await registerAccount(request, "Rita");
    const community = await api<{ id: number }>(request, me, "POST", "/api/channels/communities", { name: "Retries" });
    await api(request, me, "POST", `/api/channels/communities/${community.id}/channels`, { name: "elsewhere" });
    const general = await generalChannel(request, me, community.id);
    const { context, page } = await userPage(browser, me);
    // The server answers the first send with an internal error (over the socket; REST would be the same).
    let failNext = true;
    await interceptSocketSends(page, () => {
      if (!failNext) return;
      failNext = false;
      return { code: "internal", message: "Something went wrong on our side" };
    });
    await openConnected(page, `/channels/${community.id}/${general}`);
    await send(page, "try me again");
    const failed = messages(page).getByRole("listitem").filter({ hasText: "try me again" });
    await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();

    const sidebar = page.getByRole("navigation", { name: "Retries channels" });
    await sidebar.getByRole("link", { name: "elsewhere" }).click();
    await expect(page.getByRole("main").locator("header")).toContainText("elsewhere");
    await sidebar.getByRole("link", { name: "general" }).click();
    await expect(page.getByRole("main").locator("header")).toContainText("general");
    await failed.getByRole("button", { name: "Retry" }).click();
    await expect(failed).toHaveCount(1);
    await expect(failed.getByRole("button", { name: "Retry" })).toHaveCount(0);
    await expect(failed).toHaveAttribute("data-message-state", "sent");
    const stored = await api<{ content: string; message_type: string }[]>(request, me, "GET", `/api/messages/channel/${general}`);
    expect(stored.filter((m) => m.message_type === "text").map((m) => m.content)).toEqual(["try me again"]);
    await context.close();
  });
});

test.describe("where am I in the history", () => {
  const post = (request: APIRequestContext, author: Account, channelId: number, content: string, extra: Record<string, unknown> = {}) =>
    api<{ id: number }>(request, author, "POST", "/api/messages/send", { channel_id: channelId, content, ...extra });

  test("an unread channel opens with a 'New messages' line above the first unread message, gone once you write", async ({ browser, request }) => {
    const owner = await registerAccount(request, "Nora");
    const reader = await registerAccount(request, "Remy");
    const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name: "Divider" });
    await api(request, reader, "POST", `/api/channels/communities/${community.id}/join`);
    const general = await generalChannel(request, owner, community.id);
    await post(request, owner, general, "already read");
    await api(request, reader, "POST", "/api/messages/read", { channel_id: general });
    for (const text of ["unread one", "unread two", "unread three"]) await post(request, owner, general, text);

    const { context, page } = await userPage(browser, reader);
    await page.goto(`/channels/${community.id}/${general}`);
    const items = messages(page).getByRole("listitem");
    const line = messages(page).getByRole("separator", { name: "New messages" });
    await expect(line).toHaveCount(1);
    // The line is the row right before "unread one".
    const texts = await items.allInnerTexts();
    const lineAt = texts.findIndex((t) => t.trim().toUpperCase() === "NEW");
    expect(texts[lineAt + 1]).toContain("unread one");
    expect(texts.slice(0, lineAt).join(" ")).toContain("already read");

    await send(page, "caught up");
    await expect(line).toHaveCount(0);
    await context.close();
  });

  test("scrolled up while messages arrive, a bar counts them and jumps to the present; after jumping to an old reply it loads the newest again", async ({ browser, request }) => {
    test.slow();
    const owner = await registerAccount(request, "Pia");
    const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name: "Present" });
    const general = await generalChannel(request, owner, community.id);
    const first = await post(request, owner, general, "the very first message");
    // More than two pages: after one older page is loaded, the first message is still not.
    for (let i = 1; i <= 110; i++) await post(request, owner, general, `filler ${i}`);
    await post(request, owner, general, "quoting the first", { reply_to: first.id });

    const { context, page } = await userPage(browser, owner);
    await openConnected(page, `/channels/${community.id}/${general}`);
    const bar = page.getByRole("status").filter({ has: page.getByRole("button", { name: "Jump to present" }) });
    const scroller = page.getByTestId("message-scroller");
    await expect(messages(page).getByRole("listitem").filter({ hasText: "quoting the first" })).toBeVisible();
    await expect(bar).toHaveCount(0);

    // Scrolled up a little: a new message does not pull the view down, it is counted.
    // As a reader does, with the wheel.
    await scroller.hover();
    await page.mouse.wheel(0, -600);
    // The older page comes in above without moving the view (it used to jump to the bottom).
    await expect(messages(page).getByText("filler 20", { exact: true })).toBeAttached();
    await expect(messages(page).getByRole("listitem").filter({ hasText: "quoting the first" })).not.toBeInViewport();
    await post(request, owner, general, "while you were up there");
    await expect(bar).toContainText("1 new message below");
    await bar.getByRole("button", { name: "Jump to present" }).click();
    await expect(messages(page).getByRole("listitem").filter({ hasText: "while you were up there" })).toBeInViewport();
    await expect(bar).toHaveCount(0);

    // Jumping to the quoted message loads its page, which does not reach the present.
    await messages(page).getByRole("listitem").filter({ hasText: "quoting the first" }).getByRole("button", { name: /^Jump to the message this replies to/ }).click();
    await expect(page.locator(`#message-${first.id}`)).toBeInViewport();
    await expect(bar).toContainText("You're viewing older messages");
    await post(request, owner, general, "newest of all");
    await bar.getByRole("button", { name: "Jump to present" }).click();
    await expect(messages(page).getByRole("listitem").filter({ hasText: "newest of all" })).toBeInViewport();
    await expect(messages(page).getByRole("listitem").filter({ hasText: "newest of all" })).toHaveCount(1);
    await expect(bar).toHaveCount(0);
    await context.close();
  });

  test("'Mark unread' puts the line above the message and the channel back to unread, in the user's other tab too", async ({ browser, request }) => {
    const owner = await registerAccount(request, "Uma");
    const reader = await registerAccount(request, "Ugo");
    const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name: "Unread" });
    await api(request, reader, "POST", `/api/channels/communities/${community.id}/join`);
    const elsewhere = await api<{ id: number }>(request, owner, "POST", `/api/channels/communities/${community.id}/channels`, { name: "elsewhere" });
    const general = await generalChannel(request, owner, community.id);
    for (const text of ["one", "two", "three"].map((n) => `message ${n}`)) await post(request, owner, general, text);
    await api(request, reader, "POST", "/api/messages/read", { channel_id: general });

    const { context, page } = await userPage(browser, reader);
    const other = await context.newPage();
    await openConnected(other, `/channels/${community.id}/${elsewhere.id}`);
    const otherSidebar = other.getByRole("navigation", { name: "Unread channels" });
    await expect(otherSidebar.getByRole("link", { name: /^general/ })).toBeVisible();
    await expect(otherSidebar.getByLabel(/unread$/)).toHaveCount(0);

    await openConnected(page, `/channels/${community.id}/${general}`);
    const two = messages(page).getByRole("listitem").filter({ hasText: "message two" });
    await two.hover();
    await two.getByRole("button", { name: "Mark unread" }).click();
    await expect(messages(page).getByRole("separator", { name: "New messages" })).toHaveCount(1);
    const texts = await messages(page).getByRole("listitem").allInnerTexts();
    expect(texts[texts.findIndex((t) => t.trim().toUpperCase() === "NEW") + 1]).toContain("message two");
    await expect(otherSidebar.getByLabel("2 unread")).toBeVisible();
    // Staying in the channel keeps it unread; the server agrees.
    await page.waitForTimeout(1000);
    const summary = await api<{ channels: { channel_id: number; unread_count: number }[] }>(request, reader, "GET", "/api/users/me/unread");
    expect(summary.channels.find((c) => c.channel_id === general)?.unread_count).toBe(2);
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });
});
