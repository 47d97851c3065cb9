import { headers } from "next/headers";
import { authenticate, type Authenticated } from "./session";

/** The signed-in user of the page being rendered (server components), or null. */
export async function getViewer(): Promise<Authenticated | null> {
  const requestHeaders = await headers();
  return authenticate({ authorization: requestHeaders.get("authorization"), cookie: requestHeaders.get("cookie") });
}
