// The e2e server's AI model (start-server.mjs runs it with `node --import tsx` and passes its URL
// on as AI_BASE_URL): tests/helpers/fake-model.ts on loopback, answering deterministically and
// streaming slowly enough for a browser to watch a reply grow. It prints its base URL, one line.
import { startFakeModel, type ModelRequest } from "../tests/helpers/fake-model";

/** The pieces every answer comes in, and the pause before each. */
const CHUNKS = 8;
const CHUNK_DELAY_MS = 200;

/** A user message as the assistant sends it, "author: text", without the author and the mention tokens. */
function spoken(content: string): string {
  return content.replace(/^[^:\n]+: /, "").replace(/<@!?\d+>/g, "").replace(/\s+/g, " ").trim();
}

/** Catch me up gets the count and the last of what was missed; a question, itself echoed. */
function reply(request: ModelRequest): string {
  const messages = request.body.messages ?? [];
  const last = messages.findLast((m) => m.role === "user")?.content ?? "";
  if (messages[0]?.content.includes("Summarise")) {
    const lines = last.split("\n").filter(Boolean);
    return `**${lines.length} new ${lines.length === 1 ? "message" : "messages"}.** The last one: ${spoken(lines.at(-1) ?? "")}`;
  }
  return `You asked: "${spoken(last)}". The answer is **42**.`;
}

const model = await startFakeModel({ reply, chunks: CHUNKS, chunkDelayMs: CHUNK_DELAY_MS });
console.log(model.baseUrl);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void model.close().then(() => process.exit(0)));
}
