import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import { ChatCompletionError, streamChatCompletion, type ChatMessage } from "../lib/server/ai/chat-completion";
import type { AiConfig } from "../lib/server/config";
import { startFakeModel, type FakeModel } from "./helpers/fake-model";

// The assistant's model client (lib/server/ai/chat-completion.ts) against a real HTTP server that
// speaks OpenAI's chat completions API (tests/helpers/fake-model.ts).

const messages: ChatMessage[] = [
  { role: "system", content: "You are aura, the assistant of a chat community." },
  { role: "user", content: "bob: what is a haiku?" },
];

let model: FakeModel;
before(async () => (model = await startFakeModel()));
afterEach(() => model.reset());
after(() => model.close());

const aiConfig = (changes: Partial<AiConfig> = {}): AiConfig => ({ baseUrl: model.baseUrl, model: "llama3.2", apiKey: undefined, timeoutMs: 5000, ...changes });

async function collect(stream: AsyncIterable<string>, deltas: string[] = []): Promise<string[]> {
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`not within 2 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Rejects with a ChatCompletionError whose message is exactly `message`. */
async function assertFails(stream: AsyncIterable<string>, message: string): Promise<void> {
  await assert.rejects(collect(stream), (error) => {
    assert.ok(error instanceof ChatCompletionError, `a ChatCompletionError, not ${error}`);
    assert.equal(error.message, message);
    return true;
  });
}

describe("a streamed reply", () => {
  it("arrives as the server's deltas, in order, joining to the whole reply", async () => {
    model.script({ reply: "A haiku is a short poem in three lines.", chunks: 5 });
    const deltas = await collect(streamChatCompletion(aiConfig(), { messages }));
    assert.equal(deltas.length, 5, `one delta per piece, the role's empty one left out: ${JSON.stringify(deltas)}`);
    assert.ok(deltas.every((delta) => delta.length > 0));
    assert.equal(deltas.join(""), "A haiku is a short poem in three lines.");
  });

  it("yields each delta as it comes, not all at the end", async () => {
    model.script({ reply: "one two three four", chunks: 4, chunkDelayMs: 100 });
    const arrivals: number[] = [];
    for await (const delta of streamChatCompletion(aiConfig(), { messages })) {
      assert.ok(delta);
      arrivals.push(Date.now());
    }
    assert.equal(arrivals.length, 4);
    assert.ok(arrivals[3] - arrivals[0] >= 250, `the first delta came ${arrivals[3] - arrivals[0]} ms before the last, not about 300`);
  });

  it("asks for the configured model with the caller's messages, streamed", async () => {
    await collect(streamChatCompletion(aiConfig({ model: "qwen2.5:7b" }), { messages }));
    assert.equal(model.requests.length, 1);
    const { body, headers } = model.requests[0];
    assert.equal(body.model, "qwen2.5:7b");
    assert.equal(body.stream, true);
    assert.deepEqual(body.messages, messages);
    assert.match(headers["content-type"] ?? "", /^application\/json/);
  });

  it("sends the API key as Authorization: Bearer", async () => {
    await collect(streamChatCompletion(aiConfig({ apiKey: "sk-test-123" }), { messages }));
    assert.equal(model.requests[0].headers.authorization, "Bearer sk-test-123");
  });

  it("sends no Authorization header without a key, not even OPENAI_API_KEY from the environment", async () => {
    process.env.OPENAI_API_KEY = "sk-meant-for-openai";
    process.env.OPENAI_ORG_ID = "org-meant-for-openai";
    try {
      await collect(streamChatCompletion(aiConfig({ apiKey: undefined }), { messages }));
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.OPENAI_ORG_ID;
    }
    assert.equal(model.requests[0].headers.authorization, undefined);
    assert.equal(model.requests[0].headers["openai-organization"], undefined);
  });

  it("gets a reply the fake model made from the request", async () => {
    model.script({ reply: (request) => `You asked: ${request.body.messages?.at(-1)?.content}` });
    const deltas = await collect(streamChatCompletion(aiConfig(), { messages }));
    assert.equal(deltas.join(""), "You asked: bob: what is a haiku?");
  });
});

describe("a failed call", () => {
  it("says the model server answered 500, after one request (no retries)", async () => {
    model.script({ failWith: 500 });
    await assertFails(streamChatCompletion(aiConfig(), { messages }), "the model server answered 500");
    assert.equal(model.requests.length, 1);
  });

  it("says the model server answered 401 when the key is refused", async () => {
    model.script({ failWith: 401 });
    await assertFails(streamChatCompletion(aiConfig({ apiKey: "sk-wrong" }), { messages }), "the model server answered 401");
    assert.equal(model.requests.length, 1);
  });

  it("says it could not reach the model server when nothing listens there", async () => {
    const closed = createServer().listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, "close");
    await assertFails(streamChatCompletion(aiConfig({ baseUrl: `http://127.0.0.1:${port}/v1` }), { messages }), "could not reach the model server");
  });

  it("gives up on a server that never answers after AI_TIMEOUT_MS, closing the request", async () => {
    model.script({ hang: true });
    const started = Date.now();
    await assertFails(streamChatCompletion(aiConfig({ timeoutMs: 300 }), { messages }), "the model did not answer within 300 ms");
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 290 && elapsed < 1500, `gave up after ${elapsed} ms`);
    await eventually(() => model.requests[0]?.closedEarly === true, "the server sees the request closed");
  });

  it("gives up on a reply still streaming after AI_TIMEOUT_MS, instead of passing it off as complete", async () => {
    model.script({ reply: "a reply far too slow to finish in time", chunks: 10, chunkDelayMs: 150 });
    const deltas: string[] = [];
    const started = Date.now();
    await assert.rejects(collect(streamChatCompletion(aiConfig({ timeoutMs: 1000 }), { messages }), deltas), (error) => {
      assert.ok(error instanceof ChatCompletionError);
      assert.equal(error.message, "the model did not finish within 1 s");
      return true;
    });
    assert.ok(Date.now() - started < 1500, `gave up after ${Date.now() - started} ms`);
    assert.ok(deltas.length > 0 && deltas.length < 10, `${deltas.length} deltas came before the timeout`);
    await eventually(() => model.requests[0].closedEarly, "the server sees the request closed");
  });
});

describe("cancelling", () => {
  it("an aborted signal ends a pending call with the signal's reason and closes the request", async () => {
    model.script({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await assert.rejects(collect(streamChatCompletion(aiConfig(), { messages, signal: controller.signal })), { name: "AbortError" });
    assert.ok(Date.now() - started < 1000, "it did not wait for the timeout");
    await eventually(() => model.requests[0]?.closedEarly === true, "the server sees the request closed");
  });

  it("an abort mid-stream stops the deltas and throws, rather than ending as if complete", async () => {
    model.script({ reply: "ten pieces of a long reply", chunks: 10, chunkDelayMs: 50 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const stream = streamChatCompletion(aiConfig(), { messages, signal: controller.signal });
    await assert.rejects(async () => {
      for await (const delta of stream) {
        deltas.push(delta);
        controller.abort();
      }
    }, { name: "AbortError" });
    assert.equal(deltas.length, 1);
    await eventually(() => model.requests[0].closedEarly, "the server sees the request closed");
  });

  it("a signal aborted beforehand sends no request", async () => {
    await assert.rejects(collect(streamChatCompletion(aiConfig(), { messages, signal: AbortSignal.abort() })), { name: "AbortError" });
    assert.equal(model.requests.length, 0);
  });

  it("leaving the loop early closes the request", async () => {
    model.script({ chunks: 10, chunkDelayMs: 50 });
    for await (const delta of streamChatCompletion(aiConfig(), { messages })) {
      assert.ok(delta);
      break;
    }
    await eventually(() => model.requests[0].closedEarly, "the server sees the request closed");
  });
});

describe("the fake model", () => {
  it("answers a request without stream: true with one chat.completion, as OpenAI does", async () => {
    model.script({ reply: "Whole at once." });
    const response = await fetch(`${model.baseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "llama3.2", messages }),
    });
    assert.equal(response.status, 200);
    const completion = await response.json();
    assert.equal(completion.object, "chat.completion");
    assert.equal(completion.model, "llama3.2");
    assert.deepEqual(completion.choices[0].message, { role: "assistant", content: "Whole at once.", refusal: null });
    assert.equal(completion.choices[0].finish_reason, "stop");
  });
});

describe("the AI_* variables", () => {
  it("make config.ai, and the assistant is called aura unless AI_ASSISTANT_NAME says otherwise", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "auraflow-ai-config-"));
    Object.assign(process.env, { DATA_DIR: dataDir, AI_BASE_URL: "http://127.0.0.1:11434/v1", AI_MODEL: "llama3.2", AI_API_KEY: "sk-local", AI_TIMEOUT_MS: "1500" });
    delete process.env.AI_ASSISTANT_NAME;
    try {
      const { getConfig } = await import("../lib/server/config");
      const config = getConfig();
      assert.deepEqual(config.ai, { baseUrl: "http://127.0.0.1:11434/v1", model: "llama3.2", apiKey: "sk-local", timeoutMs: 1500 });
      assert.equal(config.aiAssistantName, "aura");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
