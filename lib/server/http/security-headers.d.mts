export declare const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]>;
