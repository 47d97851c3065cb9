import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StoredObjectMissing, type ByteRange, type Storage } from "./storage";

// STORAGE=local: files under one folder (DATA_DIR/uploads by default; in a cluster, a volume every
// node mounts). Keys are ours (random, `/`-separated), never a user's file name.

export function localStorage(root: string): Storage {
  const fileOf = (key: string) => {
    const file = path.resolve(root, key);
    if (!file.startsWith(root + path.sep)) throw new Error(`storage key ${key} leaves ${root}`);
    return file;
  };

  return {
    driver: "local",
    async putFile(key, file) {
      const target = fileOf(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      try {
        await rename(file, target);
      } catch (error) {
        // The uploads folder is on another file system (a shared volume): copy, then remove.
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        await pipeline(createReadStream(file), createWriteStream(target, { mode: 0o600 }));
        await rm(file, { force: true });
      }
    },
    read(key, range?: ByteRange) {
      const stream = createReadStream(fileOf(key), range ? { start: range.start, end: range.end } : {});
      return new Promise<Readable>((resolve, reject) => {
        stream.once("open", () => resolve(stream));
        stream.once("error", (error: NodeJS.ErrnoException) => reject(error.code === "ENOENT" ? new StoredObjectMissing(key) : error));
      });
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(fileOf(key), { force: true })));
    },
  };
}
