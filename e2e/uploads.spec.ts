import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { api, expectNoSeriousA11yViolations, generalChannel, messages, openConnected, registerAccount, userPage } from "./helpers";

// Uploads in the browser (issue 14): pasted, picked and dropped files, previews, downloads, avatars.

const LIVE = { timeout: 2000 };

function composer(page: Page) {
  return page.getByRole("textbox", { name: /^Message / });
}

async function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 124, g: 58, b: 237 } } }).png().toBuffer();
}

/** Pastes `bytes` as a file into the composer, the way a screenshot is pasted. */
async function pasteFile(page: Page, bytes: Buffer, name: string, type: string) {
  await composer(page).evaluate(
    (input, { data, name, type }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type }));
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { data: [...bytes], name, type },
  );
}

async function twoMembers(browser: import("@playwright/test").Browser, request: import("@playwright/test").APIRequestContext, name: string) {
  const alice = await registerAccount(request, "Alice");
  const bob = await registerAccount(request, "Bob");
  const community = await api<{ id: number }>(request, alice, "POST", "/api/channels/communities", { name });
  await api(request, bob, "POST", `/api/channels/communities/${community.id}/join`);
  const general = await generalChannel(request, alice, community.id);
  const a = await userPage(browser, alice);
  const b = await userPage(browser, bob);
  await openConnected(a.page, `/channels/${community.id}/${general}`);
  await openConnected(b.page, `/channels/${community.id}/${general}`);
  return { alice, bob, community, general, a, b };
}

test("an image pasted by one appears as a preview on the other within 2 s, and opens in a lightbox", async ({ browser, request }) => {
  const { a, b } = await twoMembers(browser, request, "Screenshots");
  await pasteFile(a.page, await png(640, 360), "screenshot.png", "image/png");
  const tray = a.page.getByRole("list", { name: "Files to send" });
  await expect(tray.getByRole("listitem")).toHaveCount(1);
  await expect(tray.getByRole("progressbar")).toHaveCount(0);
  await composer(a.page).fill("look at this");
  await composer(a.page).press("Enter");
  await expect(tray).toHaveCount(0);

  const shown = messages(b.page).getByRole("listitem").filter({ hasText: "look at this" });
  const preview = shown.getByRole("button", { name: "Open image screenshot.png" });
  await expect(preview).toBeVisible(LIVE);
  // Sized from the stored width and height before the image loads: 400 × 225.
  expect(await preview.boundingBox()).toMatchObject({ width: 400, height: 225 });
  await expect(preview.getByRole("img", { name: "screenshot.png" })).toHaveJSProperty("complete", true);
  await preview.click();
  const lightbox = b.page.getByRole("dialog", { name: "screenshot.png" });
  await expect(lightbox.getByRole("img", { name: "screenshot.png" })).toBeVisible();
  await expectNoSeriousA11yViolations(b.page, "dialog[open]");
  await a.context.close();
  await b.context.close();
});

test("a PDF picked with the attach button goes as a file card, and downloads with its name and bytes", async ({ browser, request }) => {
  const { a, b } = await twoMembers(browser, request, "Documents");
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  await a.page.locator('input[type="file"]').first().setInputFiles({ name: "report.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(a.page.getByRole("list", { name: "Files to send" }).getByText("report.pdf")).toBeVisible();
  await composer(a.page).press("Enter");

  const card = messages(b.page).getByRole("listitem").filter({ hasText: "report.pdf" });
  await expect(card.getByRole("link", { name: "Download report.pdf" })).toBeVisible(LIVE);
  const download = b.page.waitForEvent("download");
  await card.getByRole("link", { name: "Download report.pdf" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("report.pdf");
  const { readFile } = await import("node:fs/promises");
  expect((await readFile((await file.path())!)).equals(pdf)).toBe(true);
  await expectNoSeriousA11yViolations(b.page);
  await a.context.close();
  await b.context.close();
});

test("a file being uploaded can be cancelled; dropped files land in the composer", async ({ browser, request }) => {
  const { a, b } = await twoMembers(browser, request, "Drops");
  // Slowed down so that it is still on its way when cancelled.
  await a.page.route("**/api/attachments", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue().catch(() => undefined);
  });
  await pasteFile(a.page, await png(32, 32), "never.png", "image/png");
  const tray = a.page.getByRole("list", { name: "Files to send" });
  await tray.getByRole("button", { name: "Cancel never.png" }).click();
  await expect(tray).toHaveCount(0);
  await a.page.unroute("**/api/attachments");

  const bytes = [...(await png(48, 48))];
  const drop = await a.page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], "dropped.png", { type: "image/png" }));
    return transfer;
  }, bytes);
  await messages(a.page).dispatchEvent("dragover", { dataTransfer: drop });
  await messages(a.page).dispatchEvent("drop", { dataTransfer: drop });
  await expect(tray.getByText("dropped.png")).toBeVisible();
  await composer(a.page).press("Enter");
  await expect(messages(b.page).getByRole("button", { name: "Open image dropped.png" })).toBeVisible(LIVE);
  await expect(messages(b.page).getByRole("button", { name: "Open image never.png" })).toHaveCount(0);
  await a.context.close();
  await b.context.close();
});

test("an avatar uploaded in the settings shows in the other user's member list", async ({ browser, request }) => {
  const { a, b } = await twoMembers(browser, request, "Faces");
  await a.page.getByRole("button", { name: "User settings" }).click();
  const settings = a.page.getByRole("dialog", { name: "User settings" });
  await settings.getByTestId("upload-avatar-file").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await png(300, 200) });
  await expect(settings.getByLabel("Avatar URL")).toHaveValue(/^\/api\/attachments\/\d+\//);
  const members = b.page.getByRole("complementary", { name: "Members" });
  // Alice's avatar, live (user_status), from the uploaded image.
  await expect(members.locator('img[src^="/api/attachments/"]')).toHaveCount(1, LIVE);
  await expect(members.locator('img[src^="/api/attachments/"]')).toHaveJSProperty("naturalWidth", 512); // a 300 × 200 upload, stored as a 512 px square
  await a.context.close();
  await b.context.close();
});
