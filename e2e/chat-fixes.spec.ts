import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { api, expectNoSeriousA11yViolations, generalChannel, registerAccount, screenshot, userPage, type Account } from "./helpers";

// The chat bugs and gaps of issue 13, each kept from coming back.

const LIVE = { timeout: 2000 };

function composer(page: Page) {
  return page.getByRole("textbox", { name: /^Message / });
}

/** A community owned by `owner` with `members` added, and its #general. */
async function community(request: APIRequestContext, owner: Account, members: Account[], name: string) {
  const created = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name });
  for (const member of members) await api(request, owner, "POST", "/api/channels/community/add-member", { community_id: created.id, user_id: member.id });
  return { id: created.id, general: await generalChannel(request, owner, created.id) };
}

test("a voice channel says voice is coming, with a voice icon and no composer or welcome text", async ({ browser, request }) => {
  const alice = await registerAccount(request, "Alice");
  const hangout = await community(request, alice, [], "Hangout");
  const lounge = await api<{ id: number }>(request, alice, "POST", `/api/channels/communities/${hangout.id}/channels`, { name: "Lounge", type: "voice" });
  const { context, page } = await userPage(browser, alice);
  await page.goto(`/channels/${hangout.id}/${lounge.id}`);

  await expect(page.getByRole("heading", { name: "Lounge", exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByRole("img", { name: "Voice channel" })).toBeVisible();
  await expect(page.getByText("Voice channels are coming soon")).toBeVisible();
  await expect(page.getByText(/Welcome to #/)).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Messages" })).toHaveCount(0);
  await expect(composer(page)).toHaveCount(0);
  await expect(page).not.toHaveTitle(/#/);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, "voice-channel");
  await context.close();
});
