export declare function productionServerEnv(): { NODE_ENV: "production"; NEXT_TELEMETRY_DISABLED: string; MALLOC_ARENA_MAX: string };
