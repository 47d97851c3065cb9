import { endpoints } from "@/lib/api/endpoints";
import { sendDirectMessage } from "@/lib/server/direct-messages/send-direct-message";
import { handle, json } from "@/lib/server/http/route";

// POST /api/messages/direct/send – send a direct message (201), or the original for a repeated nonce (200)
export const POST = handle(endpoints.sendDirectMessage, async ({ auth, body }) => {
  const { message, created } = await sendDirectMessage(auth.user, body);
  return json(message, created ? 201 : 200);
});
