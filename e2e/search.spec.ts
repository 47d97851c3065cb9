import { expect, test } from "@playwright/test";
import { api, createCommunity, expectNoSeriousA11yViolations, messageItem, openConnected, PHONE_SCREEN, registerAccount, screenshot, userPage } from "./helpers";

// Search from the header: results with marked matches, filters, and a jump into history that the
// page had not loaded.

test.describe("search", () => {
  test("finds a message 300 messages back and jumps to it, loaded around it and highlighted", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const bob = await registerAccount(request, "Bob");
    const place = await createCommunity(request, alice, [bob], "Archive");
    const random = await api<{ id: number }>(request, alice, "POST", `/api/channels/communities/${place.id}/channels`, { name: "random", type: "text" });
    const post = (author: typeof alice, content: string) => api(request, author, "POST", "/api/messages/send", { channel_id: place.general, content });
    await post(bob, "the treasure map is under the old oak https://example.com/map");
    for (let i = 1; i <= 300; i += 1) await post(alice, `filler message ${i}`);

    // Alice searches from #random: the result is in #general.
    const a = await userPage(browser, alice);
    await openConnected(a.page, `/channels/${place.id}/${random.id}`);
    const box = a.page.getByRole("searchbox", { name: "Search" });
    await box.fill("treasure oak");
    await box.press("Enter");
    const panel = a.page.getByRole("complementary", { name: "Search results" });
    await expect(panel.getByRole("heading", { name: "1 result" })).toBeVisible();
    const result = panel.getByRole("list", { name: "Results" }).getByRole("button");
    await expect(result).toContainText("general");
    await expect(result).toContainText("Bob");
    await expect(result.locator("mark")).toHaveText(["treasure", "oak"]);
    await expectNoSeriousA11yViolations(a.page);
    await screenshot(a.page, "search-results");

    // Filters narrow it: from someone else finds nothing; has:link keeps it.
    await box.fill(`treasure from:${alice.username}`);
    await box.press("Enter");
    await expect(panel.getByRole("heading", { name: "0 results" })).toBeVisible();
    await expect(panel.getByRole("list", { name: "Filters" })).toContainText(alice.username);
    await box.fill("treasure has:link");
    await box.press("Enter");
    await expect(panel.getByRole("heading", { name: "1 result" })).toBeVisible();

    // The jump opens #general at the message, 300 messages back, highlighted.
    await result.click();
    await expect(a.page.getByRole("heading", { name: "general", exact: true })).toBeVisible();
    const found = messageItem(a.page, "the treasure map is under the old oak");
    await expect(found).toBeInViewport();
    await expect(found).toHaveAttribute("data-highlighted", "true");
    await expect(messageItem(a.page, "filler message 300")).toHaveCount(0);
    await screenshot(a.page, "search-jump");

    await a.context.close();
  });

  test("on a phone the results cover the screen and make way for the message opened", async ({ browser, request }) => {
    const alice = await registerAccount(request, "Alice");
    const place = await createCommunity(request, alice, [], "Pocket");
    await api(request, alice, "POST", "/api/messages/send", { channel_id: place.general, content: "pocket watch" });
    const a = await userPage(browser, alice, PHONE_SCREEN);
    await openConnected(a.page, `/channels/${place.id}/${place.general}`);
    await a.page.getByRole("button", { name: "Search" }).click();
    const box = a.page.getByRole("searchbox", { name: "Search" });
    await box.fill("pocket");
    await box.press("Enter");
    const panel = a.page.getByRole("complementary", { name: "Search results" });
    await expect(panel.getByRole("heading", { name: "1 result" })).toBeVisible();
    await screenshot(a.page, "search-phone");
    await expectNoSeriousA11yViolations(a.page);
    await panel.getByRole("list", { name: "Results" }).getByRole("button").click();
    await expect(panel).toHaveCount(0);
    await expect(messageItem(a.page, "pocket watch")).toHaveAttribute("data-highlighted", "true");
    await a.context.close();
  });
});
