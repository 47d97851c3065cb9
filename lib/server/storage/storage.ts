import type { Readable } from "node:stream";

// Where uploaded files live. Domain code asks this interface; each driver (local.ts, s3.ts) keeps
// its own paths, requests and error codes. Bytes stream in and out: no driver holds a whole file.

/** An inclusive byte range, as HTTP Range requests name one. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface Storage {
  readonly driver: "local" | "s3";
  /** Stores the local file `file` under `key`; the file is gone (moved or read and removed) afterwards. */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  /** The stored bytes, or only `range` of them; throws StoredObjectMissing when there is no such key. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Deletes the keys; a key that is already gone is no error. */
  delete(keys: string[]): Promise<void>;
}

export class StoredObjectMissing extends Error {
  constructor(key: string) {
    super(`No stored object ${key}`);
  }
}
