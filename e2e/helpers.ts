import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Frame, type Page, type WebSocket } from "@playwright/test";

export interface Account {
  id: number;
  username: string;
  displayName: string;
  password: string;
  token: string;
}

let counter = 0;

/** Registers through the API (fast); the browser then signs in through the real login page. */
export async function registerAccount(request: APIRequestContext, displayName: string): Promise<Account> {
  const username = `${displayName.toLowerCase()}_${Date.now().toString(36)}${++counter}`.slice(0, 32);
  const password = "correct horse battery";
  const response = await request.post("/api/auth/register", {
    data: { username, email: `${username}@e2e.test`, password, display_name: displayName },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = await response.json();
  return { id: body.user.id, username, displayName, password, token: body.token };
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/^Username or email/).fill(account.username);
  await page.getByLabel(/^Password/).fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL("**/channels/me");
}

/** A phone's screen, and a device that is touched instead of hovered (for `userPage`). */
export const PHONE_SCREEN = { width: 390, height: 844 };
export const TOUCH = { hasTouch: true, isMobile: true };

/** A browser context (its own cookies and socket) signed in as `account`. */
export async function userPage(
  browser: Browser,
  account: Account,
  viewport = { width: 1280, height: 800 },
  device: { hasTouch?: boolean; isMobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, ...device });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected browser dialog: ${dialog.message()}`);
  });
  await signIn(page, account);
  return { context, page };
}

export async function api<T = any>(request: APIRequestContext, account: Account, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, data?: unknown): Promise<T> {
  const response = await request.fetch(path, { method, data, headers: { authorization: `Bearer ${account.token}` } });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/** A community owned by `owner` with `members` added, and its #general. */
export async function createCommunity(request: APIRequestContext, owner: Account, members: Account[], name: string): Promise<{ id: number; general: number }> {
  const created = await api<{ id: number }>(request, owner, "POST", "/api/channels/communities", { name });
  for (const member of members) await api(request, owner, "POST", "/api/channels/community/add-member", { community_id: created.id, user_id: member.id });
  return { id: created.id, general: await generalChannel(request, owner, created.id) };
}

/** The community's #general channel id. */
export async function generalChannel(request: APIRequestContext, account: Account, communityId: number): Promise<number> {
  const channels = await api<{ id: number; name: string }[]>(request, account, "GET", `/api/channels/communities/${communityId}/channels`);
  return channels.find((c) => c.name === "general")!.id;
}

/**
 * Opens `path` and resolves once the page's Socket.IO connection is up (the server's CONNECT
 * answer). The page shows its server-rendered state before that: a live change made in between
 * reaches it only where the client catches up on connect (messages), not in lists.
 */
export async function openConnected(page: Page, path: string): Promise<void> {
  // Only a socket of the new document counts: the page being left may still be connecting its own.
  let navigated = false;
  let markConnected = () => {};
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  const onNavigated = (frame: Frame) => {
    if (frame === page.mainFrame()) navigated = true;
  };
  const onSocket = (socket: WebSocket) => {
    if (navigated) socket.on("framereceived", ({ payload }) => String(payload).startsWith("40") && markConnected());
  };
  page.on("framenavigated", onNavigated);
  page.on("websocket", onSocket);
  try {
    await page.goto(path);
    await connected;
  } finally {
    page.off("framenavigated", onNavigated);
    page.off("websocket", onSocket);
  }
}

export function messages(page: Page) {
  return page.getByRole("list", { name: "Messages" });
}

export async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByRole("textbox", { name: /^Message / });
  await composer.fill(text);
  await composer.press("Enter");
}

/** The message of the list whose text contains `text`. */
export function messageItem(page: Page, text: string) {
  return messages(page).getByRole("listitem").filter({ hasText: text });
}

/** Starts a reply to the message containing `text`: the composer then says what it replies to. */
export async function startReply(page: Page, text: string): Promise<void> {
  const item = messageItem(page, text);
  await item.hover();
  await item.getByRole("button", { name: "Reply" }).click();
  await expect(page.getByText("Replying to")).toBeVisible();
}

/**
 * `writer` (named `writerName`) types `text` as a reply to the message containing `quoted` while
 * `reader` watches: the reader sees the typing indicator within 2 s, then the reply quoting that
 * message, and the indicator gone.
 */
export async function replyWhileWatched(writer: Page, writerName: string, reader: Page, quoted: string, text: string): Promise<void> {
  const live = { timeout: 2000 };
  const composer = writer.getByRole("textbox", { name: /^Message / });
  await composer.fill(text);
  await expect(reader.getByTestId("typing-indicator")).toContainText(`${writerName} is typing`, live);
  await startReply(writer, quoted);
  await composer.press("Enter");
  await expect(messages(reader).getByText(text)).toBeVisible(live);
  await expect(reader.getByTestId("typing-indicator")).not.toContainText("is typing", live);
  await expect(messageItem(reader, text).getByRole("button", { name: /^Jump to the message this replies to/ })).toContainText(quoted);
}

/** Edits the viewer's own message containing `text` into `content`. */
export async function editMessage(page: Page, text: string, content: string): Promise<void> {
  const item = messageItem(page, text).first();
  await item.hover();
  await item.getByRole("button", { name: "Edit" }).click();
  const editBox = page.getByRole("textbox", { name: "Edit message" });
  await editBox.fill(content);
  await editBox.press("Enter");
}

/** Deletes the message containing `text`, confirming in the dialog. */
export async function deleteMessage(page: Page, text: string): Promise<void> {
  const item = messageItem(page, text);
  await item.hover();
  await item.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete message" }).getByRole("button", { name: "Delete" }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/** Registers through the browser's register page, then gets an API token for test setup calls. */
export async function registerInBrowser(browser: Browser, request: APIRequestContext, displayName: string): Promise<{ context: BrowserContext; page: Page; account: Account }> {
  const username = `${displayName.toLowerCase()}_${Date.now().toString(36)}${++counter}`.slice(0, 32);
  const password = "correct horse battery";
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected browser dialog: ${dialog.message()}`);
  });
  await page.goto("/register");
  await page.getByLabel(/^Email/).fill(`${username}@e2e.test`);
  await page.getByLabel(/^Display name/).fill(displayName);
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL("**/channels/me");
  const login = await request.post("/api/auth/login", { data: { username, password } });
  const body = await login.json();
  return { context, page, account: { id: body.user.id, username, displayName, password, token: body.token } };
}

/** axe finds nothing serious or critical on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page, scope?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (scope ? builder.include(scope) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** The API's error body, as a socket event's ack carries it. */
export interface AckError {
  code: string;
  message: string;
}

/**
 * Puts `onSend` between the page and the server on its Socket.IO connection: it is called with
 * each message the page sends over the socket (`send_message`, `send_direct_message`) and answers
 * the send with an error ack when it returns one; otherwise the send goes on to the server once it
 * resolves. Call before the page opens.
 */
export async function interceptSocketSends(page: Page, onSend: (event: string) => Promise<AckError | void> | AckError | void): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage(async (frame) => {
      const send = /^42(\d+)\["(send_message|send_direct_message)"/.exec(String(frame));
      const error = send ? await onSend(send[2]) : undefined;
      if (send && error) socket.send(`43${send[1]}[${JSON.stringify({ error })}]`);
      else server.send(frame);
    });
    server.onMessage((frame) => socket.send(frame));
  });
}
