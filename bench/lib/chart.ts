// A hand-written SVG line chart: send→deliver latency (p50 solid, p99 dashed, log scale) against
// the send rate, one colour per server, from the saturation steps.
import type { ClusterSetupName, TargetName } from "./protocol";
import { median, P99_LIMIT_MS, REACH_LIMIT } from "./stats";

export interface ChartPoint {
  rate: number;
  p50: number;
  p99: number;
  /** The step met the bar (reach ≥ 0.999 and p99 ≤ 250 ms). */
  good: boolean;
}

export interface ChartSeries {
  label: string;
  colour: string;
  points: ChartPoint[];
}

const WIDTH = 960;
const HEIGHT = 540;
const MARGIN = { top: 56, right: 240, bottom: 56, left: 72 };

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function latencyChart(title: string, subtitle: string, series: ChartSeries[], limitMs: number): string {
  const points = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.p50) && Number.isFinite(p.p99));
  const maxRate = Math.max(100, ...points.map((p) => p.rate));
  const xMax = Math.ceil((maxRate * 1.05) / 100) * 100;
  const latencies = [limitMs, ...points.flatMap((p) => [p.p50, p.p99])].filter((v) => v > 0);
  const yMin = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...latencies))));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(...latencies)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (rate: number) => MARGIN.left + (rate / xMax) * plotW;
  const y = (ms: number) => MARGIN.top + plotH - ((Math.log10(Math.max(ms, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * plotH;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="${MARGIN.left}" y="24" font-size="16" font-weight="600">${escapeXml(title)}</text>`);
  out.push(`<text x="${MARGIN.left}" y="42" fill="#555">${escapeXml(subtitle)}</text>`);

  for (let decade = yMin; decade <= yMax; decade *= 10) {
    out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(decade)}" y2="${y(decade)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${y(decade) + 4}" text-anchor="end">${decade >= 1 ? decade : decade.toFixed(1)} ms</text>`);
  }
  const xStep = xMax <= 1000 ? 100 : xMax <= 3000 ? 500 : 1000;
  for (let rate = 0; rate <= xMax; rate += xStep) {
    out.push(`<line x1="${x(rate)}" x2="${x(rate)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#f3f4f6"/>`);
    out.push(`<text x="${x(rate)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">${rate}</text>`);
  }
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af"/>`);
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 14}" text-anchor="middle">send rate (messages/s, each delivered to 100 sockets)</text>`);
  out.push(`<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">send → delivery latency (log scale)</text>`);
  out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${y(limitMs)}" y2="${y(limitMs)}" stroke="#dc2626" stroke-dasharray="2 4"/>`);
  out.push(`<text x="${MARGIN.left + 6}" y="${y(limitMs) - 6}" fill="#dc2626">p99 limit ${limitMs} ms</text>`);

  series.forEach((s, index) => {
    const valid = s.points.filter((p) => Number.isFinite(p.p50) && Number.isFinite(p.p99)).sort((a, b) => a.rate - b.rate);
    for (const [key, dash] of [["p50", ""], ["p99", ` stroke-dasharray="6 4"`]] as const) {
      const path = valid.map((p, i) => `${i ? "L" : "M"}${x(p.rate).toFixed(1)} ${y(p[key]).toFixed(1)}`).join(" ");
      if (path) out.push(`<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="2"${dash}/>`);
      for (const p of valid) {
        const fill = p.good ? s.colour : "#ffffff";
        out.push(`<circle cx="${x(p.rate).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="3.5" fill="${fill}" stroke="${s.colour}" stroke-width="1.5"><title>${escapeXml(s.label)} ${key} at ${p.rate}/s: ${p[key].toFixed(1)} ms</title></circle>`);
      }
    }
    const ly = MARGIN.top + 12 + index * 44;
    const lx = MARGIN.left + plotW + 16;
    out.push(`<text x="${lx}" y="${ly}" font-weight="600" fill="${s.colour}">${escapeXml(s.label)}</text>`);
    out.push(`<line x1="${lx}" x2="${lx + 28}" y1="${ly + 14}" y2="${ly + 14}" stroke="${s.colour}" stroke-width="2"/><text x="${lx + 34}" y="${ly + 18}">p50</text>`);
    out.push(`<line x1="${lx + 70}" x2="${lx + 98}" y1="${ly + 14}" y2="${ly + 14}" stroke="${s.colour}" stroke-width="2" stroke-dasharray="6 4"/><text x="${lx + 104}" y="${ly + 18}">p99</text>`);
  });
  const noteY = MARGIN.top + 12 + series.length * 44 + 8;
  out.push(`<text x="${MARGIN.left + plotW + 16}" y="${noteY}" fill="#555">hollow marker: step failed</text>`);
  out.push(`<text x="${MARGIN.left + plotW + 16}" y="${noteY + 16}" fill="#555">(reach &lt; 0.999 or p99 &gt; ${limitMs} ms)</text>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

export interface SaturationStep {
  target: TargetName;
  rate: number;
  reach: number;
  p50: number;
  p99: number;
}

/** The servers scenario 2 climbs the ladder with (scenario 7's setups never do). */
type LadderTarget = Exclude<TargetName, ClusterSetupName>;

/** Scenario 2's chart: the median over rounds of each step's p50 and p99, per server. */
export function saturationChart(steps: SaturationStep[], settings: { users: number; channelMembers: number }, cpuModel: string): string {
  const colours: Record<LadderTarget, string> = { app: "#7c3aed", "bare-sqlite": "#0284c7", "bare-pg": "#0284c7", "bare-relay": "#16a34a" };
  const labels: Record<LadderTarget, string> = {
    app: "app (HTTP send)",
    "bare-sqlite": "bare SQLite (b, HTTP)",
    "bare-pg": "bare PostgreSQL (b, HTTP)",
    "bare-relay": "bare relay (a, socket)",
  };
  const series: ChartSeries[] = (["app", "bare-sqlite", "bare-pg", "bare-relay"] as const)
    .map((name) => {
      const mine = steps.filter((s) => s.target === name);
      const rates = [...new Set(mine.map((s) => s.rate))].sort((a, b) => a - b);
      const points = rates.map((rate) => {
        const at = mine.filter((s) => s.rate === rate);
        const p50 = median(at.map((s) => s.p50));
        const p99 = median(at.map((s) => s.p99));
        const reach = median(at.map((s) => s.reach));
        return { rate, p50, p99, good: reach >= REACH_LIMIT && p99 <= P99_LIMIT_MS };
      });
      return { label: labels[name], colour: colours[name], points };
    })
    .filter((s) => s.points.length > 0);
  return latencyChart(
    "Send → deliver latency vs send rate (scenario 2)",
    `${settings.users} sockets, channels of ${settings.channelMembers}, 200-byte messages; median of the rounds at each step; ${cpuModel}, server and load generator on a core each`,
    series,
    P99_LIMIT_MS,
  );
}
