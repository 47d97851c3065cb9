import { getConfig } from "../config";
import { localStorage } from "./local";
import { s3Storage } from "./s3";
import type { Storage } from "./storage";

export { StoredObjectMissing, type ByteRange, type Storage } from "./storage";

function createStorage(): Storage {
  const { storage } = getConfig().uploads;
  return storage.driver === "s3" ? s3Storage(storage) : localStorage(storage.root);
}

// One driver per process, shared by the custom server and Next's route-handler bundle.
const globalForStorage = globalThis as { __auraflowStorage?: Storage };

export function storage(): Storage {
  return (globalForStorage.__auraflowStorage ??= createStorage());
}
