/** Whether an Accept-Encoding header takes one of `codings` (listed, without `q=0`). */
export function acceptsCoding(acceptEncoding: string | undefined, codings: readonly string[]): boolean {
  return (acceptEncoding ?? "").split(",").some((entry) => {
    const [coding, ...params] = entry.trim().toLowerCase().split(";");
    return codings.includes(coding.trim()) && !params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
  });
}
