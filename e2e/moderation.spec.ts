import { expect, test, type Page } from "@playwright/test";
import { api, expectNoSeriousA11yViolations, generalChannel, messages, registerAccount, screenshot, send, userPage, type Account } from "./helpers";

const LIVE = { timeout: 2000 };

/** A community owned by `owner` with `member` in it; both browsers are open on its #general. */
async function communityWithMember(browser: Parameters<typeof userPage>[0], request: Parameters<typeof registerAccount>[0], owner: Account, member: Account, name: string) {
  const community = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name });
  await api(request, owner, "POST", "/api/channels/community/add-member", { community_id: community.id, user_id: member.id });
  const general = await generalChannel(request, owner, community.id);
  const o = await userPage(browser, owner);
  const m = await userPage(browser, member);
  await o.page.goto(`/channels/${community.id}/${general}`);
  await m.page.goto(`/channels/${community.id}/${general}`);
  await expect(m.page.getByRole("heading", { name: "general", exact: true })).toBeVisible();
  return { communityId: community.id, general, o, m };
}

async function openMemberProfile(page: Page, displayName: string) {
  await page.getByRole("complementary", { name: "Members" }).getByRole("button").filter({ hasText: displayName }).click();
  return page.getByRole("dialog", { name: displayName });
}

test.describe("invites, bans and timeouts", () => {
  test("an invite made in the UI brings a signed-out visitor in: they register from the invite page and land in the community", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const community = await api<{ id: number }>(request, alice, "POST", "/api/channels/communities", { name: "Secret Garden", is_public: false });
    const a = await userPage(browser, alice);
    await a.page.goto(`/channels/${community.id}`);
    await expect(a.page.getByRole("heading", { name: "general", exact: true })).toBeVisible();

    // Alice creates a one-day link from the community menu.
    await a.page.getByRole("button", { name: "Secret Garden" }).click();
    await a.page.getByRole("menuitem", { name: "Invite people" }).click();
    const dialog = a.page.getByRole("dialog", { name: "Invite people to Secret Garden" });
    await dialog.getByLabel("Expire after").selectOption({ label: "1 day" });
    await dialog.getByLabel("Max number of uses").selectOption({ label: "5 uses" });
    await dialog.getByRole("button", { name: "Create invite link" }).click();
    const link = dialog.getByLabel("Invite link");
    await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9]{8,10}$/);
    const url = new URL(await link.inputValue());
    await screenshot(a.page, "invite-dialog");
    await expectNoSeriousA11yViolations(a.page);

    // A visitor opens it signed out, in a browser of their own: the preview shows the community.
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await visitor.newPage();
    await page.goto(url.pathname);
    await expect(page.getByRole("heading", { name: "Secret Garden" })).toBeVisible();
    await expect(page.getByText("Alice invited you to join")).toBeVisible();
    await expect(page.getByText(/1 member/)).toBeVisible();
    await screenshot(page, "invite-signed-out");
    await expectNoSeriousA11yViolations(page);

    // They register from there and land in the community's channel.
    await page.getByRole("link", { name: "Register to accept" }).click();
    await expect(page).toHaveURL(/\/register\?next=/);
    const username = `carol_${Date.now().toString(36)}`;
    await page.getByLabel(/^Email/).fill(`${username}@e2e.test`);
    await page.getByLabel(/^Display name/).fill("Carol");
    await page.getByLabel(/^Username/).fill(username);
    await page.getByLabel(/^Password/).fill("correct horse battery");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(new RegExp(`/channels/${community.id}/\\d+$`));
    await expect(page.getByRole("heading", { name: "general", exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: "Secret Garden" })).toBeVisible();
    await send(page, "hi, carol here");
    await expect(messages(a.page).getByText("hi, carol here")).toBeVisible(LIVE);

    // The invite page of a code that does not exist says so.
    await page.goto("/invite/NoSuchCode1");
    await expect(page.getByRole("heading", { name: "This invite is invalid or has expired" })).toBeVisible();

    await visitor.close();
    await a.context.close();
  });

  test("a ban drops the community from the banned member's open browser without a reload", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const { o, m } = await communityWithMember(browser, request, alice, bob, "Harbour");
    await expect(m.page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: "Harbour" })).toBeVisible();

    const profile = await openMemberProfile(o.page, "Bob");
    await profile.getByRole("button", { name: "Ban" }).click();
    const ban = o.page.getByRole("dialog", { name: "Ban Bob?" });
    await ban.getByLabel("Delete messages from the last").selectOption({ label: "24 hours" });
    await ban.getByLabel(/^Reason/).fill("spamming links");
    await screenshot(o.page, "ban-dialog");
    await ban.getByRole("button", { name: "Ban" }).click();

    // Bob's open page leaves the community by itself.
    await expect(m.page.getByRole("navigation", { name: "Communities" }).getByRole("link", { name: "Harbour" })).toHaveCount(0, LIVE);
    await m.page.waitForURL("**/channels/me", LIVE);
    await expect(m.page.getByText("You are no longer a member of Harbour.")).toBeVisible();
    await expect(o.page.getByRole("complementary", { name: "Members" }).getByRole("button").filter({ hasText: "Bob" })).toHaveCount(0, LIVE);

    // Alice finds him in the ban list, with the reason.
    await o.page.getByRole("button", { name: "Harbour" }).click();
    await o.page.getByRole("menuitem", { name: "Community settings" }).click();
    const settings = o.page.getByRole("dialog", { name: "Community settings" });
    await settings.getByRole("tab", { name: "Bans" }).click();
    await expect(settings.getByRole("list", { name: "Bans" })).toContainText("spamming links");
    await settings.getByRole("tab", { name: "Audit log" }).click();
    await expect(settings.getByRole("list", { name: "Audit log" }).getByRole("listitem").first()).toContainText("banned a user · Bob");
    await screenshot(o.page, "audit-log");
    await expectNoSeriousA11yViolations(o.page);

    await o.context.close();
    await m.context.close();
  });

  test("the profile of a member who has never been online says Offline once, with no last-seen line", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const carol = await registerAccount(request, "Carol");
    const community = await api<{ id: number }>(request, alice, "POST", "/api/channels/communities", { name: "Quiet Room" });
    await api(request, alice, "POST", "/api/channels/community/add-member", { community_id: community.id, user_id: carol.id });
    const a = await userPage(browser, alice);
    await a.page.goto(`/channels/${community.id}`);
    const profile = await openMemberProfile(a.page, "Carol");
    await expect(profile.getByText("Member since")).toBeVisible();
    await expect(profile.getByText("Offline", { exact: true })).toHaveCount(1);
    await expect(profile.getByText(/^Last seen/)).toHaveCount(0);
    await a.context.close();
  });

  test("a timeout turns the member's composer off live, and removing it turns it back on", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const { o, m } = await communityWithMember(browser, request, alice, bob, "Lighthouse");
    const composer = m.page.getByRole("textbox", { name: "Message #general" });
    await expect(composer).toBeVisible();

    const profile = await openMemberProfile(o.page, "Bob");
    await profile.getByRole("button", { name: "Time out" }).click();
    const timeout = o.page.getByRole("dialog", { name: "Time out Bob" });
    await timeout.getByLabel("Duration").selectOption({ label: "1 hour" });
    await timeout.getByLabel(/^Reason/).fill("cool down");
    await timeout.getByRole("button", { name: "Time out" }).click();

    // Bob's composer gives way to the notice, without a reload (an hour from 23:00 is tomorrow: a date first).
    await expect(m.page.getByRole("note")).toContainText(/You are timed out until (\w{3} \d{1,2}, \d{4} )?\d{1,2}:\d\d/, LIVE);
    await expect(composer).toHaveCount(0);
    await expect(o.page.getByRole("complementary", { name: "Members" }).getByRole("img", { name: /^Timed out until/ })).toBeVisible(LIVE);
    await screenshot(m.page, "timed-out-composer");

    // Alice lifts it from his profile: Bob can write again.
    const again = await openMemberProfile(o.page, "Bob");
    await expect(again.getByText(/^Timed out until/)).toBeVisible();
    await again.getByRole("button", { name: "Remove timeout" }).click();
    await expect(composer).toBeVisible(LIVE);
    await send(m.page, "thanks, I'll behave");
    await expect(messages(o.page).getByText("thanks, I'll behave")).toBeVisible(LIVE);

    await o.context.close();
    await m.context.close();
  });

  test("slowmode set in channel settings shows in a member's composer and counts down after each message", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const { o, m } = await communityWithMember(browser, request, alice, bob, "Reading Room");

    await o.page.getByRole("button", { name: "Reading Room" }).click();
    await o.page.getByRole("menuitem", { name: "Community settings" }).click();
    const settings = o.page.getByRole("dialog", { name: "Community settings" });
    await settings.getByRole("tab", { name: "Channels" }).click();
    await settings.getByRole("button", { name: "Edit" }).first().click();
    await settings.getByLabel("Slowmode").selectOption({ label: "30 s" });
    await settings.getByRole("button", { name: "Save" }).click();
    await expect(settings.getByText("slowmode 30 s")).toBeVisible();

    await expect(m.page.getByTestId("composer-status").filter({ hasText: "Slowmode is on: 30 s" })).toBeVisible(LIVE);
    await send(m.page, "first");
    await expect(messages(m.page).getByText("first")).toBeVisible();
    await expect(m.page.getByText(/You can send again in \d+ s/)).toBeVisible();
    // A second message waits in the composer instead of failing.
    await send(m.page, "second");
    await expect(m.page.getByRole("textbox", { name: "Message #general" })).toHaveValue("second");
    await expect(messages(o.page).getByText("second")).toHaveCount(0);
    await screenshot(m.page, "slowmode-composer");

    await o.context.close();
    await m.context.close();
  });
});
