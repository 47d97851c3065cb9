import { io, type Socket } from "socket.io-client";

export interface ConnectOptions {
  token?: string;
  cookie?: string;
  /** More handshake headers (an Origin, say). */
  extraHeaders?: Record<string, string>;
}

/** Connects a real socket.io-client over WebSocket; resolves once connected, rejects on connect_error. */
export function connectSocket(url: string, options: ConnectOptions = {}): Promise<Socket> {
  const socket = io(url, {
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: { ...options.extraHeaders, ...(options.cookie && { cookie: options.cookie }) },
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The connect_error message a handshake gets, or "connected". */
export async function handshakeResult(url: string, options: ConnectOptions = {}): Promise<string> {
  try {
    const socket = await connectSocket(url, options);
    socket.close();
    return "connected";
  } catch (error) {
    return (error as Error).message;
  }
}

/** Resolves with the arguments of the next `event` the socket receives. */
export function nextEvent<T extends unknown[] = unknown[]>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, (...args: unknown[]) => resolve(args as T)));
}
