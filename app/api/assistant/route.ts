import { endpoints } from "@/lib/api/endpoints";
import { getAssistant } from "@/lib/server/assistant/get-assistant";
import { handle, json } from "@/lib/server/http/route";

// GET /api/assistant – the built-in AI assistant, when there is one
export const GET = handle(endpoints.getAssistant, async () => json(await getAssistant()));
