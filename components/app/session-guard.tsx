"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";
import { useRealtime } from "@/components/realtime/realtime-provider";
import { endpoints } from "@/lib/api/endpoints";
import { callApi, onUnauthorized } from "@/lib/api-client";
import { loginUrl, type LoginNotice } from "@/lib/login-notice";

interface SessionGuardApi {
  /** Signs this browser out and goes to the login page, once, whoever asks first. */
  leave: (notice: LoginNotice | null) => Promise<void>;
  /**
   * While `work` runs, a session ending under this browser is put down to it: deleting the account
   * ends this session too, and its socket may close before the answer arrives.
   */
  expectSessionEnd: <T>(notice: LoginNotice, work: () => Promise<T>) => Promise<T>;
}

const SessionGuardContext = createContext<SessionGuardApi | null>(null);

/**
 * Sends the browser to the login page with a notice when its session ends elsewhere (another
 * device logged it out, the password changed, the account was deleted). Two signs: any API call
 * answering 401, and the server closing the socket ("io server disconnect", which Socket.IO does
 * not retry) or refusing its handshake; a socket sign is confirmed with the API before leaving.
 */
export function SessionGuard({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const { client } = useRealtime();
  const leaving = useRef(false);
  const expected = useRef<LoginNotice | null>(null);

  const leave = useCallback(
    async (notice: LoginNotice | null) => {
      if (leaving.current) return;
      leaving.current = true;
      client?.close();
      // Clears the cookie; the server already refuses it when the session ended elsewhere. next-auth's
      // client loads only now: pages would otherwise carry it for a moment that rarely comes.
      await import("next-auth/react").then(({ signOut }) => signOut({ redirect: false })).catch(() => undefined);
      router.replace(loginUrl(notice));
      router.refresh();
    },
    [client, router],
  );

  const expectSessionEnd = useCallback(async <T,>(notice: LoginNotice, work: () => Promise<T>): Promise<T> => {
    expected.current = notice;
    try {
      return await work();
    } finally {
      expected.current = null;
    }
  }, []);

  useEffect(() => onUnauthorized(() => void leave(expected.current ?? "signed_out")), [leave]);

  useEffect(() => {
    if (!client) return;
    const confirm = () => {
      if (leaving.current) return;
      // A 401 here leaves through onUnauthorized; otherwise the session is fine and the socket comes back.
      callApi(endpoints.me).then(
        () => client.socket.connect(),
        () => undefined,
      );
    };
    const onDisconnect = (reason: string) => {
      if (reason === "io server disconnect") confirm();
    };
    const onConnectError = (error: Error) => {
      if (error.message === "unauthorized") confirm();
    };
    client.socket.on("disconnect", onDisconnect);
    client.socket.on("connect_error", onConnectError);
    return () => {
      client.socket.off("disconnect", onDisconnect);
      client.socket.off("connect_error", onConnectError);
    };
  }, [client]);

  const value = useMemo(() => ({ leave, expectSessionEnd }), [leave, expectSessionEnd]);
  return <SessionGuardContext.Provider value={value}>{children}</SessionGuardContext.Provider>;
}

export function useSessionGuard(): SessionGuardApi {
  const api = useContext(SessionGuardContext);
  if (!api) throw new Error("useSessionGuard outside SessionGuard");
  return api;
}
