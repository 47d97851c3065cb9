/** A user agent string as people say it: "Chrome on Linux", "Firefox on Windows", "curl". */

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\b(Headless)?Chrom(e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows\b/, "Windows"],
  [/\bAndroid\b/, "Android"],
  [/\biPhone\b|\biPad\b|\biPod\b/, "iOS"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

/** Clients that are not browsers name themselves first: "curl/8.5.0", "node", "python-requests/2.31". */
const PROGRAM_NAMES: Record<string, string> = { curl: "curl", node: "Node.js", undici: "Node.js", "python-requests": "Python", okhttp: "OkHttp", wget: "Wget" };

export function describeUserAgent(userAgent: string | null): string {
  const agent = userAgent?.trim();
  if (!agent) return "Unknown device";
  const browser = BROWSERS.find(([pattern]) => pattern.test(agent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(agent))?.[1];
  if (browser) return system ? `${browser} on ${system}` : browser;
  const program = /^([A-Za-z][\w.-]*)/.exec(agent)?.[1] ?? agent;
  const named = PROGRAM_NAMES[program.toLowerCase()] ?? program;
  return system ? `${named} on ${system}` : named;
}
