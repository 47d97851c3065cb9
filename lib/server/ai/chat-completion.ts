import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import type { AiConfig } from "../config";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface StreamChatCompletionOptions {
  messages: ChatMessage[];
  /** Aborting it ends the HTTP request; the stream then throws the signal's reason. */
  signal?: AbortSignal;
}

/** The model call failed; `message` is short and fit to show to users, `cause` has the details for logs. */
export class ChatCompletionError extends Error {}

/**
 * Asks the model for a reply and yields its text as it arrives, delta by delta. The whole reply must
 * come within `ai.timeoutMs`, or the request is aborted and a ChatCompletionError thrown; so is any
 * failure to reach the server or an error status. Nothing is retried: the caller has one deadline.
 */
export async function* streamChatCompletion(ai: AiConfig, { messages, signal }: StreamChatCompletionOptions): AsyncGenerator<string, void, undefined> {
  const client = new OpenAI({
    baseURL: ai.baseUrl,
    // A key is always needed by the client; without one the header is dropped below. The explicit
    // nulls keep the OPENAI_* variables of the environment from reaching another provider's server.
    apiKey: ai.apiKey ?? "unused",
    adminAPIKey: null,
    organization: null,
    project: null,
    defaultHeaders: ai.apiKey ? undefined : { Authorization: null },
    maxRetries: 0,
    timeout: ai.timeoutMs,
  });
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), ai.timeoutMs);
  const aborted = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  let answered = false;
  const failure = (error: unknown): Error => {
    if (signal?.aborted) return signal.reason;
    const timedOut = deadline.signal.aborted || error instanceof APIConnectionTimeoutError;
    if (timedOut) return new ChatCompletionError(`the model did not ${answered ? "finish" : "answer"} within ${duration(ai.timeoutMs)}`, { cause: error });
    if (error instanceof APIConnectionError) return new ChatCompletionError("could not reach the model server", { cause: error });
    if (error instanceof APIError && error.status) return new ChatCompletionError(`the model server answered ${error.status}`, { cause: error });
    if (error instanceof APIError) return new ChatCompletionError("the model server reported an error", { cause: error });
    return new ChatCompletionError("the model server's answer could not be read", { cause: error });
  };

  try {
    const stream = await client.chat.completions.create({ model: ai.model, messages, stream: true }, { signal: aborted });
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (!text) continue;
      answered = true;
      yield text;
    }
    // An abort ends the client's stream quietly, as if the reply were complete: it is not.
    if (aborted.aborted) throw failure(aborted.reason);
  } catch (error) {
    throw error instanceof ChatCompletionError ? error : failure(error);
  } finally {
    clearTimeout(timer);
  }
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
