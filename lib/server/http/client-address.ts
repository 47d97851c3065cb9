import type { IncomingMessage } from "node:http";
import type { ApiRequest } from "./route";

/**
 * The custom server writes the client's address into this header of every request before Next
 * sees it (overwriting whatever a client sent), so that route handlers can rate-limit by address.
 */
export const CLIENT_ADDRESS_HEADER = "x-auraflow-client-address";

const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");

/**
 * The address a request comes from: the socket's peer, or behind a trusted reverse proxy
 * (TRUST_PROXY=1) the address the proxy reports (nginx: X-Real-IP, else the last X-Forwarded-For
 * hop, which the proxy itself appended).
 */
export function clientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trustProxy: boolean): string {
  if (trustProxy) {
    const realIp = req.headers["x-real-ip"];
    if (typeof realIp === "string" && realIp.trim()) return unmapped(realIp.trim());
    const forwarded = req.headers["x-forwarded-for"];
    const hops = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "")).split(",").map((hop) => hop.trim()).filter(Boolean);
    if (hops.length) return unmapped(hops[hops.length - 1]);
  }
  return unmapped(req.socket.remoteAddress ?? "unknown");
}

/** In a route handler: the address the custom server recorded. */
export function requestAddress(req: ApiRequest): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}
