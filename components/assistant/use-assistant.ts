"use client";

import { useEffect, useState } from "react";
import { endpoints } from "@/lib/api/endpoints";
import type { Assistant } from "@/lib/api/entities";
import { ApiRequestError, callApi } from "@/lib/api-client";

let asked: Promise<Assistant | null> | undefined;

/** The server's assistant, or null when it has none (404): asked once per session. */
function askOnce(): Promise<Assistant | null> {
  asked ??= callApi(endpoints.getAssistant).catch((error: unknown) => {
    // Only "there is none" is an answer to keep; a failure is asked again next time.
    if (!(error instanceof ApiRequestError && error.status === 404)) asked = undefined;
    return null;
  });
  return asked;
}

/**
 * The server's AI assistant (its account and model): undefined until known, null when the server
 * has none. Nothing is asked until `wanted`, and then once per session.
 */
export function useAssistant(wanted: boolean): Assistant | null | undefined {
  const [assistant, setAssistant] = useState<Assistant | null | undefined>(undefined);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void askOnce().then((answer) => current && setAssistant(answer));
    return () => {
      current = false;
    };
  }, [wanted]);
  return assistant;
}
