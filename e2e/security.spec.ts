import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { api, generalChannel, messages, registerAccount, send, userPage } from "./helpers";

// The audit's attacks from a real Chromium: a page of the same site on another port (127.0.0.1:<other>
// next to the app on 127.0.0.1:5317) gets the signed-in user's SameSite=Lax cookie on its requests
// and WebSocket handshakes. It tries to post a message as the user (CSRF) and to read their live
// events over Socket.IO (cross-site WebSocket hijacking); both must be refused.

const ATTACK_PAGE = (appOrigin: string, channelId: number) => `<!doctype html>
<html><body><pre id="log"></pre><script>
const log = (line) => { document.getElementById("log").textContent += line + "\\n"; };
const app = ${JSON.stringify(appOrigin)};
(async () => {
  // A "simple" request: no preflight, the cookie rides along; the answer is unreadable, the effect is not.
  await fetch(app + "/api/messages/send", {
    method: "POST", mode: "no-cors", credentials: "include",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ channel_id: ${channelId}, content: "csrf via text/plain" }),
  }).catch((error) => log("fetch failed: " + error));
  // The same as a form post would send it.
  await fetch(app + "/api/messages/send", {
    method: "POST", mode: "no-cors", credentials: "include",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "channel_id=${channelId}&content=csrf+via+form",
  }).catch((error) => log("fetch failed: " + error));
  log("posted");
  // Socket.IO by hand: engine.io open, then connect to the default namespace with the cookie.
  const socket = new WebSocket(app.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket");
  socket.onmessage = (event) => {
    const frame = String(event.data);
    if (frame.startsWith("0")) socket.send("40");
    else if (frame === "2") socket.send("3");
    else log("frame " + frame);
  };
  socket.onclose = () => log("closed");
})();
</script></body></html>`;

let attacker: Server;
let attackerOrigin: string;
let page = "";

test.beforeAll(async () => {
  attacker = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => attacker.close(resolve));
});

test("a same-site page on another port can neither post as the signed-in user nor read their events", async ({ browser, request, baseURL }) => {
  const victim = await registerAccount(request, "Victim");
  const community = await api<{ id: number }>(request, victim, "POST", "/api/channels/communities", { name: "Private talk" });
  const channelId = await generalChannel(request, victim, community.id);
  const { context, page: app } = await userPage(browser, victim);
  await app.goto(`/channels/${community.id}/${channelId}`);
  await expect(app.getByRole("textbox", { name: /^Message / })).toBeVisible();

  page = ATTACK_PAGE(baseURL!, channelId);
  const evil = await context.newPage();
  await evil.goto(attackerOrigin);
  const log = evil.locator("#log");
  await expect(log).toContainText("posted");
  // The handshake is refused by name: the page never gets a session id, so no event of the user's.
  await expect(log).toContainText('frame 44{"message":"forbidden_origin"}');
  await expect(log).not.toContainText("frame 40{");

  const history = await api<{ content: string }[]>(request, victim, "GET", `/api/messages/channel/${channelId}`);
  expect(history.filter((m) => m.content.includes("csrf"))).toEqual([]);

  // The app's own page, in the same browser, still works with the same cookie.
  await send(app, "still mine");
  await expect(messages(app)).toContainText("still mine");
  await context.close();
});
