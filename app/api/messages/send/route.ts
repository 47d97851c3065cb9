import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { sendMessage } from "@/lib/server/messages/send-message";

// POST /api/messages/send – post a message (201), or return the original for a repeated nonce (200)
export const POST = handle(endpoints.sendMessage, async ({ auth, body }) => {
  const { message, created } = await sendMessage(auth.user, body);
  return json(message, created ? 201 : 200);
});
