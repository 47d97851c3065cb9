import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { api, generalChannel, messages, openConnected, registerAccount, send, userPage, type Account } from "./helpers";

const REST_SENDS = new Set(["/api/messages/send", "/api/messages/direct/send"]);
const SOCKET_SENDS = /^42\d*\["(send_message|send_direct_message)"/;

/** Every message the page posts, by the way it went: REST requests and socket events. */
function watchSends(page: Page) {
  const sends = { rest: [] as string[], socket: [] as string[] };
  page.on("request", (request) => {
    if (request.method() === "POST" && REST_SENDS.has(new URL(request.url()).pathname)) sends.rest.push(request.postData() ?? "");
  });
  page.on("websocket", (socket) =>
    socket.on("framesent", ({ payload }) => {
      if (typeof payload === "string" && SOCKET_SENDS.test(payload)) sends.socket.push(payload);
    }),
  );
  return sends;
}

function sentMessage(page: Page, text: string) {
  return messages(page).getByRole("listitem").filter({ hasText: text });
}

/** Alice, signed in in a browser whose sends are watched, with a community channel of hers and Bob to write to. */
async function scene(browser: Browser, request: APIRequestContext) {
  const alice = await registerAccount(request, "Alice");
  const bob = await registerAccount(request, "Bob");
  const community = await api<{ id: number }>(request, alice, "POST", "/api/channels/communities", { name: "Sending" });
  const channel = `/channels/${community.id}/${await generalChannel(request, alice, community.id)}`;
  const { context, page } = await userPage(browser, alice);
  return { alice, bob, channel, context, page, sends: watchSends(page) };
}

async function directMessages(request: APIRequestContext, reader: Account, peer: Account): Promise<string[]> {
  return (await api<{ content: string }[]>(request, reader, "GET", `/api/messages/direct/${peer.id}`)).map((message) => message.content);
}

test.describe("a message typed in the browser", () => {
  test("goes over the socket while it is connected, in a channel and in a DM: no REST request", async ({ browser, request }) => {
    const { alice, bob, channel, context, page, sends } = await scene(browser, request);

    await openConnected(page, channel);
    await send(page, "over the socket to the channel");
    await expect(sentMessage(page, "over the socket to the channel")).toHaveAttribute("data-message-state", "sent");

    await openConnected(page, `/channels/me/${bob.id}`);
    await send(page, "over the socket to Bob");
    await expect(sentMessage(page, "over the socket to Bob")).toHaveAttribute("data-message-state", "sent");

    expect(sends.socket).toEqual([
      expect.stringMatching(/^42\d*\["send_message",.*over the socket to the channel/),
      expect.stringMatching(/^42\d*\["send_direct_message",.*over the socket to Bob/),
    ]);
    expect(sends.rest).toEqual([]);
    expect(await directMessages(request, bob, alice)).toEqual(["over the socket to Bob"]);
    await context.close();
  });

  test("goes over REST while the socket cannot connect, and arrives all the same", async ({ browser, request }) => {
    const { alice, bob, channel, context, page, sends } = await scene(browser, request);
    // Socket.IO can reach the server neither by WebSocket nor by long-polling.
    let attempts = 0;
    await page.routeWebSocket(/\/socket\.io\//, (socket) => {
      attempts++;
      socket.close();
    });
    await page.route(/\/socket\.io\//, (route) => route.abort());
    const triedToConnect = async () => {
      const before = attempts;
      await expect.poll(() => attempts).toBeGreaterThan(before);
    };

    let tried = triedToConnect();
    await page.goto(channel);
    await tried;
    await send(page, "over REST to the channel");
    await expect(sentMessage(page, "over REST to the channel")).toHaveAttribute("data-message-state", "sent");

    tried = triedToConnect();
    await page.goto(`/channels/me/${bob.id}`);
    await tried;
    await send(page, "over REST to Bob");
    await expect(sentMessage(page, "over REST to Bob")).toHaveAttribute("data-message-state", "sent");

    expect(sends.rest).toEqual([expect.stringContaining("over REST to the channel"), expect.stringContaining("over REST to Bob")]);
    expect(sends.socket).toEqual([]);
    expect(await directMessages(request, bob, alice)).toEqual(["over REST to Bob"]);
    await context.close();
  });
});
