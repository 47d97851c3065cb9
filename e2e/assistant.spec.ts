import { expect, test, type Locator, type Page } from "@playwright/test";
import { api, createCommunity, expectNoSeriousA11yViolations, messageItem, messages, openConnected, registerAccount, screenshot, userPage } from "./helpers";

// The AI assistant in two browsers, against the e2e server's fake model (e2e/fake-model-server.ts:
// "e2e-model", every answer in 8 pieces 200 ms apart): a mention picked from the suggestions gets
// a reply that the other member watches being written, then "Catch me up" on what he missed.

const LIVE = { timeout: 2000 };

function composer(page: Page) {
  return page.getByRole("textbox", { name: /^Message / });
}

function channelLink(page: Page, channel: string) {
  return page.getByRole("navigation", { name: "Assisted channels" }).getByRole("link", { name: new RegExp(`^${channel}`) });
}

/** What the row shows at each moment until `done` holds for it: whether it is busy and its text. */
async function watch(row: Locator, done: (text: string) => boolean): Promise<Array<{ busy: boolean; text: string }>> {
  const seen: Array<{ busy: boolean; text: string }> = [];
  await expect
    .poll(
      async () => {
        const now = await row.evaluate((element: HTMLElement) => ({ busy: element.getAttribute("aria-busy") === "true", text: element.innerText }));
        seen.push(now);
        return done(now.text) && !now.busy;
      },
      { intervals: [50], timeout: 8000 },
    )
    .toBe(true);
  return seen;
}

test("alice asks aura in #general and bob watches the reply being written; then bob catches up on #general with a summary for him only", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const bob = await registerAccount(request, "Bob");
  const place = await createCommunity(request, alice, [bob], "Assisted");
  await api(request, alice, "POST", "/api/channels/community/add-member", { community_id: place.id, username: "aura" });
  const { user: aura, model } = await api<{ user: { display_name: string }; model: string }>(request, alice, "GET", "/api/assistant");
  expect([aura.display_name, model]).toEqual(["aura", "e2e-model"]);
  await api(request, alice, "POST", `/api/channels/communities/${place.id}/channels`, { name: "random", type: "text" });

  const a = await userPage(browser, alice);
  const b = await userPage(browser, bob);
  // Alice asked for less motion: her caret does not blink; Bob's does.
  await a.page.emulateMedia({ reducedMotion: "reduce" });
  const general = `/channels/${place.id}/${place.general}`;
  await openConnected(a.page, general);
  await openConnected(b.page, general);

  await test.step("alice picks aura from the @ suggestions; bob sees the reply appear, grow with a caret and finish", async () => {
    await composer(a.page).pressSequentially("@aur");
    const suggestions = a.page.getByRole("listbox", { name: "Mention suggestions" });
    await expect(suggestions.getByRole("option", { name: /aura/ })).toHaveAttribute("aria-selected", "true");
    await composer(a.page).press("Enter");
    await expect(composer(a.page)).toHaveValue("@aura ");
    await composer(a.page).pressSequentially("what is the answer?");
    await composer(a.page).press("Enter");

    const reply = messageItem(b.page, `written by AI · e2e-model, asked by ${alice.username}`);
    await expect(reply).toHaveAttribute("aria-busy", "true", LIVE);
    const caret = reply.getByTestId("writing-caret");
    await expect(caret).toBeVisible();
    expect(await caret.evaluate((element) => getComputedStyle(element).animationName)).toBe("caret-blink");
    const calmCaret = messageItem(a.page, `written by AI · e2e-model`).getByTestId("writing-caret");
    expect(await calmCaret.evaluate((element) => getComputedStyle(element).animationName)).toBe("none");
    await screenshot(b.page, "assistant-reply-writing");

    const final = 'You asked: "what is the answer?". The answer is 42.';
    const seen = await watch(reply, (text) => text.includes(final));
    // Between "writing…" and the final text, Bob saw a part of it with the caret, and never the raw mark.
    expect(seen.some(({ busy, text }) => busy && text.includes("You as") && !text.includes(final))).toBe(true);
    expect(seen.every(({ text }) => !text.includes("▍"))).toBe(true);

    await expect(caret).toHaveCount(0);
    await expect(reply.getByText("APP", { exact: true })).toBeVisible();
    await expect(reply.getByRole("button", { name: "aura", exact: true })).toBeVisible();
    await expect(reply.locator("strong", { hasText: "42" })).toBeVisible();
    await expect(reply.getByRole("button", { name: /^Jump to the message this replies to/ })).toContainText("what is the answer?");
    await expect(reply.getByText("(edited)")).toHaveCount(0);
    // Only a join was new when Bob opened #general: nothing to catch up on.
    await expect(b.page.getByRole("region", { name: "Catch me up" })).toHaveCount(0);
    await screenshot(b.page, "assistant-reply-done");
    await expectNoSeriousA11yViolations(b.page);
  });

  await test.step("bob, back in #general after two messages, asks to be caught up: an inline refusal first, then the summary for him only", async () => {
    await channelLink(b.page, "random").click();
    await expect(b.page.getByRole("heading", { name: "random", exact: true })).toBeVisible();
    await api(request, alice, "POST", "/api/messages/send", { channel_id: place.general, content: "The deploy moves to Friday" });
    await api(request, alice, "POST", "/api/messages/send", { channel_id: place.general, content: "Bring snacks" });
    await expect(channelLink(b.page, "general").getByLabel("2 unread")).toBeVisible(LIVE);
    await channelLink(b.page, "general").click();
    await expect(messageItem(b.page, "Bring snacks")).toBeVisible();
    // Opening the channel reads it, as ever: the offer stays.
    await expect(channelLink(b.page, "general").getByLabel(/unread/)).toHaveCount(0);
    const offer = b.page.getByRole("region", { name: "Catch me up" });

    // Over the assistant's budget: the answer says when to try again, in place.
    await b.page.route("**/api/channels/*/summary", (route) =>
      route.fulfill({ status: 429, json: { error: { code: "rate_limited", message: "Too many requests", details: { retry_after: 12 } } } }),
    );
    await offer.getByRole("button", { name: "Catch me up", exact: true }).click();
    const panel = b.page.getByRole("region", { name: "Summary by aura · written by AI · e2e-model" });
    await expect(panel.getByRole("alert")).toContainText("You are asking aura too often: try again in 12 s.");
    await b.page.unroute("**/api/channels/*/summary");

    await panel.getByRole("button", { name: "Try again" }).click();
    await expect(panel.getByRole("status")).toHaveText("aura is reading what you missed…");
    await expect(panel).toContainText("2 new messages. The last one: Bring snacks", { timeout: 5000 });
    await expect(panel.locator("strong", { hasText: "2 new messages." })).toBeVisible();
    await expect(panel).toContainText("For you only: nothing was posted · 2 messages");
    await screenshot(b.page, "assistant-catch-up");
    await expectNoSeriousA11yViolations(b.page);

    // Nothing was posted: neither side's messages have it.
    await expect(messages(b.page).getByText("new messages.")).toHaveCount(0);
    await expect(messages(a.page).getByText("new messages.")).toHaveCount(0);

    await panel.getByRole("button", { name: "Dismiss summary" }).click();
    await expect(panel).toHaveCount(0);
    await expect(offer).toHaveCount(0);
  });

  await test.step("where nobody added aura, unread messages come without the offer", async () => {
    const elsewhere = await createCommunity(request, alice, [bob], "Unassisted");
    await api(request, alice, "POST", "/api/messages/send", { channel_id: elsewhere.general, content: "No assistant here" });
    await openConnected(b.page, `/channels/${elsewhere.id}/${elsewhere.general}`);
    await expect(messageItem(b.page, "No assistant here")).toBeVisible();
    await expect(b.page.getByRole("separator", { name: "New messages" })).toBeVisible();
    await expect(b.page.getByRole("region", { name: "Catch me up" })).toHaveCount(0);
  });

  await a.context.close();
  await b.context.close();
});

test("aura's answer to a DM in a background tab notifies once, with the finished text rather than its placeholder", async ({ browser, request }) => {
  const carol = await registerAccount(request, "Carol");
  const { user: aura } = await api<{ user: { id: number } }>(request, carol, "GET", "/api/assistant");
  const { context, page } = await userPage(browser, carol);
  await context.grantPermissions(["notifications"]);
  // A tab in the background, as Chromium reports one; the real notifications, noted as they are shown.
  await context.addInitScript(() => {
    Object.defineProperty(Document.prototype, "visibilityState", { get: () => "hidden" });
    const shown: Array<{ title: string; body: string }> = [];
    (window as unknown as { shown: typeof shown }).shown = shown;
    window.Notification = class extends window.Notification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? "" });
      }
    };
  });
  await openConnected(page, "/channels/me");

  await api(request, carol, "POST", "/api/messages/direct/send", { receiver_id: aura.id, content: "is it Friday yet?" });
  const shown = () => page.evaluate(() => (window as unknown as { shown: Array<{ title: string; body: string }> }).shown);
  // The reply is created as "…" and written by edits over ~1.6 s; one notification, when it is done.
  await expect.poll(shown, { timeout: 8000 }).toEqual([{ title: "aura", body: 'You asked: "is it Friday yet?". The answer is 42.' }]);
  await page.waitForTimeout(500);
  expect(await shown()).toHaveLength(1);
  await context.close();
});
