import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A model server for the tests: OpenAI's chat completions API (POST /v1/chat/completions, streamed
// as server-sent events or not) on loopback, answering as each test scripts it.

export interface ModelRequest {
  headers: IncomingHttpHeaders;
  /** As the client sent it. */
  body: { model?: string; messages?: Array<{ role: string; content: string }>; stream?: boolean; [field: string]: unknown };
  /** The client went away before the answer was complete (an abort, a timeout). */
  closedEarly: boolean;
}

export interface ModelScript {
  /** The reply's text, or one made from the request. */
  reply: string | ((request: ModelRequest) => string);
  /** Streamed replies come in this many pieces (fewer if the text is shorter). */
  chunks: number;
  /** Pause before each streamed piece. */
  chunkDelayMs: number;
  /** Answer with this status and an OpenAI error body instead (401, 429, 500…). */
  failWith: number | null;
  /** Accept the request and never answer. */
  hang: boolean;
}

export interface FakeModel {
  /** What AI_BASE_URL would be: up to and including /v1. */
  baseUrl: string;
  /** Every request, in order of arrival. */
  requests: ModelRequest[];
  /** How the requests from now on are answered; unset fields keep their value. */
  script(changes: Partial<ModelScript>): void;
  /** The default script again, and no requests. */
  reset(): void;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
}

const DEFAULT_SCRIPT: ModelScript = { reply: "Hello from the fake model.", chunks: 4, chunkDelayMs: 0, failWith: null, hang: false };

export async function startFakeModel(initial: Partial<ModelScript> = {}): Promise<FakeModel> {
  let script: ModelScript = { ...DEFAULT_SCRIPT, ...initial };
  const requests: ModelRequest[] = [];
  let nextId = 1;

  const server = createServer(async (req, res) => {
    let text = "";
    for await (const part of req) text += part;
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") return sendError(res, 404, `Unknown request URL: ${req.method} ${req.url}`);
    const request: ModelRequest = { headers: req.headers, body: JSON.parse(text || "null"), closedEarly: false };
    requests.push(request);
    res.on("close", () => (request.closedEarly = !res.writableFinished));

    const { reply, chunks, chunkDelayMs, failWith, hang } = script;
    if (hang) return;
    if (failWith) return sendError(res, failWith, failWith === 401 ? "Incorrect API key provided." : `The fake model failed with ${failWith}.`);
    const content = typeof reply === "function" ? reply(request) : reply;
    const base = { id: `chatcmpl-fake${nextId++}`, created: Math.floor(Date.now() / 1000), model: request.body.model, system_fingerprint: null };

    if (!request.body.stream) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: chunks, total_tokens: chunks + 1 },
      }));
      return;
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (delta: object, finishReason: string | null) =>
      res.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`);
    // As OpenAI does: the role first with empty content, then the text, then an empty delta that says why it ended.
    send({ role: "assistant", content: "" }, null);
    for (const piece of split(content, chunks)) {
      if (chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, chunkDelayMs));
      if (res.destroyed) return;
      send({ content: piece }, null);
    }
    send({}, "stop");
    res.end("data: [DONE]\n\n");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");

  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    script: (changes) => void (script = { ...script, ...changes }),
    reset: () => {
      script = { ...DEFAULT_SCRIPT };
      requests.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function sendError(res: ServerResponse, status: number, message: string): void {
  const type = status >= 500 ? "server_error" : "invalid_request_error";
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type, param: null, code: status === 401 ? "invalid_api_key" : null } }));
}

/** The text in `count` pieces of about equal length (fewer if it is shorter), never cutting a character in two. */
function split(text: string, count: number): string[] {
  const characters = [...text];
  const pieces = Math.min(count, characters.length);
  return Array.from({ length: pieces }, (_, i) =>
    characters.slice(Math.floor((i * characters.length) / pieces), Math.floor(((i + 1) * characters.length) / pieces)).join(""));
}
