import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath, withNext } from "../lib/next-path";

describe("the ?next= path after signing in", () => {
  it("keeps a path on this site, with its query", () => {
    assert.equal(safeNextPath("/invite/AbCd1234"), "/invite/AbCd1234");
    assert.equal(safeNextPath("/channels/3/7?x=1"), "/channels/3/7?x=1");
  });

  it("refuses other sites, scheme-relative and backslash tricks, control characters and non-strings", () => {
    for (const value of ["https://evil.test/", "//evil.test", "/\\evil.test", "\\\\evil.test", "/\t/evil.test", "/\n/evil.test", "javascript:alert(1)", "invite", "", undefined, ["/a", "/b"]]) {
      assert.equal(safeNextPath(value), null, String(value));
    }
  });

  it("adds next only when there is one, encoded", () => {
    assert.equal(withNext("/login", null), "/login");
    assert.equal(withNext("/login", "/invite/abc?x=1"), "/login?next=%2Finvite%2Fabc%3Fx%3D1");
  });
});
