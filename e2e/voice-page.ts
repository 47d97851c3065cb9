import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { api, createCommunity, signIn, type Account } from "./helpers";

// Reading a voice call off a page, for the browser tests (e2e/voice.spec.ts) and the cluster suite's
// call across two nodes (tests/cluster/voice-cluster.test.ts): what the real RTCPeerConnections
// report, and the call's state and roster as a person sees them.

declare global {
  interface Window {
    __peers: RTCPeerConnection[];
  }
}

/**
 * Keeps every RTCPeerConnection the pages of `context` create on `window.__peers`, from the test's
 * side: the app itself exposes none of them.
 */
export async function recordPeers(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__peers = [];
    window.RTCPeerConnection = class extends Native {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        window.__peers.push(this);
      }
    };
  });
}

/** Audio received so far over the page's open connections: bytes, and the energy of what was decoded. */
export function inboundAudio(page: Page): Promise<{ bytes: number; energy: number }> {
  return page.evaluate(async () => {
    const total = { bytes: 0, energy: 0 };
    for (const pc of window.__peers.filter((p) => p.connectionState !== "closed")) {
      (await pc.getStats()).forEach((report) => {
        if (report.type === "inbound-rtp" && report.kind === "audio") {
          total.bytes += report.bytesReceived ?? 0;
          total.energy += report.totalAudioEnergy ?? 0;
        }
      });
    }
    return total;
  });
}

/** How much `inboundAudio` grows over `ms`. */
export async function inboundGrowth(page: Page, ms: number): Promise<{ bytes: number; energy: number }> {
  const before = await inboundAudio(page);
  await page.waitForTimeout(ms);
  const after = await inboundAudio(page);
  return { bytes: after.bytes - before.bytes, energy: after.energy - before.energy };
}

export function callStatus(page: Page) {
  return page.getByRole("main").getByRole("status");
}

/** The sidebar's list of who is in the voice channel `name`. */
export function roster(page: Page, name: string) {
  return page.getByRole("navigation", { name: /channels$/ }).getByRole("list", { name: `In ${name}` });
}

/** The local candidate types ("host", "srflx", "relay") of the connections' selected candidate pairs. */
export function selectedCandidateTypes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const types: string[] = [];
    for (const pc of window.__peers.filter((p) => p.connectionState === "connected")) {
      const reports = new Map<string, RTCStats & Record<string, unknown>>();
      (await pc.getStats()).forEach((report) => reports.set(report.id, report));
      for (const report of reports.values()) {
        if (report.type !== "transport" || typeof report.selectedCandidatePairId !== "string") continue;
        const pair = reports.get(report.selectedCandidatePairId);
        const local = pair && reports.get(pair.localCandidateId as string);
        if (local) types.push(String(local.candidateType));
      }
    }
    return types;
  });
}

/** A community of `owner` and `members` with a voice channel "Lounge". */
export async function createVoiceChannel(request: APIRequestContext, owner: Account, members: Account[]): Promise<{ community: number; channel: number }> {
  const community = await createCommunity(request, owner, members, "Voice test");
  const lounge = await api<{ id: number }>(request, owner, "POST", `/api/channels/communities/${community.id}/channels`, { name: "Lounge", type: "voice" });
  return { community: community.id, channel: lounge.id };
}

/** A context of its own on `baseURL`, signed in as `account`. */
export async function signedInPage(browser: Browser, account: Account, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, account);
  return { context, page };
}
