// The environment the production server process starts with, shared by `npm start` and
// `npm run bench` so that the benchmark measures the server as it is deployed.
export function productionServerEnv() {
  return {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // glibc gives every thread that mallocs (libuv's pool, V8's GC helpers, argon2) an arena of
    // its own; freed socket buffers then stay in the RSS. Two arenas: 10,000 idle sockets cost
    // ~13 KiB each instead of ~15 (npm run bench, scenario 5). Ignored where malloc is not glibc's.
    MALLOC_ARENA_MAX: "2",
  };
}
