// The summary table printed at the end of a run (Markdown, so it can be pasted into the README).
import type { OrmQueryResult } from "../orm";
import { BARE_BASELINE, ENGINE_NAME, ENGINE_SCENARIOS, type BenchEngine } from "./engine";
import type { TargetName } from "./protocol";
import { median, P99_LIMIT_MS, REACH_LIMIT } from "./stats";

interface SendSummary {
  reach: number;
  p50: number;
  p99: number;
  ackP99: number;
  deliveredPerSec: number;
  failed: number;
  serverCpuShare: number;
  /** PostgreSQL runs (absent in runs before it was recorded). */
  databaseCpuShare?: number;
  clientCpuShare: number;
}

type PerTarget<T> = Partial<Record<TargetName, T>>;

export interface ReportForTable {
  /** Absent in runs from before PostgreSQL: those ran on SQLite. */
  engine?: BenchEngine;
  postgres?: { version: string };
  quick: boolean;
  wallS: number;
  settings: { rate: number; sendMs: number; rounds: number; users: number; channelMembers: number; holdSockets: number; historyMessages: number };
  machine: { cpuModel: string; cores: number; node: string; coreAvailabilityAtStart: number[]; coreAvailabilityAtEnd: number[] };
  s1?: { summary: PerTarget<SendSummary> };
  s2?: {
    summary: PerTarget<{ lastGoodRate: number }>;
    steps: { target: TargetName; round: number; rate: number; reach: number; p99: number; serverCpuShare: number; clientCpuShare: number }[];
  };
  s3?: { summary: PerTarget<SendSummary> };
  s4?: { summary: PerTarget<{ reqPerSec: number; p50: number; p99: number; serverCpuShare: number; databaseCpuShare?: number; floorReqPerSec?: number }> };
  s5?: {
    target: number;
    holds: PerTarget<{ held: number; kibPerSocket: number; heapKibPerSocket: number; rssAfterMiB: number; serverCpuMsPerHandshake: number; stoppedBy: string }>;
    limits: { openFiles: number };
  };
  s6?: { queries: OrmQueryResult[] };
}

type Cell = string;
type Row = [scenario: Cell, metric: Cell, app: Cell, bare: Cell, bareRelay: Cell, ratio: Cell, target: Cell, verdict: Cell];

const num = (value: number | undefined, digits = 0) =>
  value === undefined || !Number.isFinite(value) ? "—" : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (share: number | undefined) => (share === undefined || !Number.isFinite(share) ? "—" : `${Math.round(share * 100)}%`);
const times = (ratio: number) =>
  Number.isFinite(ratio) ? `${ratio >= 10 ? ratio.toFixed(0) : ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×` : "—";
const verdict = (ok: boolean | undefined) => (ok === undefined ? "" : ok ? "met" : "MISSED");

/** The CPU of the PostgreSQL backends serving the app's and (b)'s databases, when the run measured it. */
function databaseCpuRow(app: { databaseCpuShare?: number } | undefined, b: { databaseCpuShare?: number } | undefined): Row[] {
  if (![app?.databaseCpuShare, b?.databaseCpuShare].some((share) => share !== undefined && Number.isFinite(share))) return [];
  return [["", "its PostgreSQL backends' CPU (unpinned)", pct(app?.databaseCpuShare), pct(b?.databaseCpuShare), "", "", "", ""]];
}

function sendRows(label: string, summary: PerTarget<SendSummary>, baseline: TargetName): Row[] {
  const app = summary.app;
  const b = summary[baseline];
  const a = summary["bare-relay"];
  const p99Ratio = app && b ? app.p99 / b.p99 : NaN;
  return [
    [label, "reach (received ÷ expected)", num(app?.reach, 4), num(b?.reach, 4), num(a?.reach, 4), "", "= 1.0", verdict(app ? app.reach >= 1 - 1e-9 : undefined)],
    ["", "latency p50 (ms)", num(app?.p50, 1), num(b?.p50, 1), num(a?.p50, 1), app && b ? times(app.p50 / b.p50) : "", "", ""],
    ["", "latency p99 (ms)", num(app?.p99, 1), num(b?.p99, 1), num(a?.p99, 1), times(p99Ratio), "≤ 1.5×", verdict(Number.isFinite(p99Ratio) ? p99Ratio <= 1.5 : undefined)],
    ["", "response/ack p99 (ms)", num(app?.ackP99, 1), num(b?.ackP99, 1), num(a?.ackP99, 1), app && b ? times(app.ackP99 / b.ackP99) : "", "", ""],
    ["", "delivered/s", num(app?.deliveredPerSec), num(b?.deliveredPerSec), num(a?.deliveredPerSec), "", "", ""],
    ["", "server CPU (share of its core)", pct(app?.serverCpuShare), pct(b?.serverCpuShare), pct(a?.serverCpuShare), app && b ? times(app.serverCpuShare / b.serverCpuShare) : "", "", ""],
    ...databaseCpuRow(app, b),
    ["", "load generator CPU", pct(app?.clientCpuShare), pct(b?.clientCpuShare), pct(a?.clientCpuShare), "", "", ""],
  ];
}

export function renderTable(report: ReportForTable): string {
  const { settings: s } = report;
  const engine = report.engine ?? "sqlite";
  const baseline = BARE_BASELINE[engine];
  const rows: Row[] = [];
  if (report.s1) rows.push(...sendRows(`1 send→deliver, POST /api/messages/send, ${s.rate} msg/s × ${s.sendMs / 1000} s`, report.s1.summary, baseline));
  if (report.s2) {
    const { app, [baseline]: b, "bare-relay": a } = report.s2.summary;
    const ratio = app && b ? app.lastGoodRate / b.lastGoodRate : NaN;
    rows.push(["2 saturation (HTTP send; relay: socket)", "last good rate (msg/s)", num(app?.lastGoodRate), num(b?.lastGoodRate), num(a?.lastGoodRate), times(ratio), "≥ 0.6×", verdict(Number.isFinite(ratio) ? ratio >= 0.6 : undefined)]);
    // Who ran out of CPU at the step that failed: a client near 100 % means the rate is the load
    // generator's limit, not the server's.
    const atFailure = (name: TargetName) => {
      const steps = report.s2!.steps.filter((step) => step.target === name);
      const failed = [...new Set(steps.map((step) => step.round))]
        .map((round) => steps.filter((step) => step.round === round).at(-1)!)
        .filter((step) => step.reach < REACH_LIMIT || step.p99 > P99_LIMIT_MS);
      if (failed.length === 0) return "";
      const cpu = (pick: (step: (typeof failed)[number]) => number) => pct(median(failed.map(pick)));
      return `server ${cpu((step) => step.serverCpuShare)}, client ${cpu((step) => step.clientCpuShare)}`;
    };
    rows.push(["", "CPU at the first failing step", atFailure("app"), atFailure(baseline), atFailure("bare-relay"), "", "", ""]);
  }
  if (report.s3) rows.push(...sendRows(`3 send→deliver, socket send_message + ack, ${s.rate} msg/s`, report.s3.summary, baseline));
  if (report.s4) {
    const { app, [baseline]: b } = report.s4.summary;
    const ratio = app && b ? app.reqPerSec / b.reqPerSec : NaN;
    rows.push([`4 history page, limit=50 of ${num(s.historyMessages)}, -c 50`, "requests/s", num(app?.reqPerSec), num(b?.reqPerSec), "", times(ratio), "≥ 0.4×", verdict(Number.isFinite(ratio) ? ratio >= 0.4 : undefined)]);
    rows.push(["", "latency p99 (ms)", num(app?.p99, 1), num(b?.p99, 1), "", app && b ? times(app.p99 / b.p99) : "", "", ""]);
    rows.push(["", "server CPU", pct(app?.serverCpuShare), pct(b?.serverCpuShare), "", "", "", ""]);
    rows.push(...databaseCpuRow(app, b));
    if (app?.floorReqPerSec !== undefined && b?.floorReqPerSec !== undefined) {
      // What the framework alone allows: the ceiling of any route, before auth or database work.
      rows.push(["", "floor: unknown path → JSON 404, requests/s", num(app.floorReqPerSec), num(b.floorReqPerSec), "", times(app.floorReqPerSec / b.floorReqPerSec), "", ""]);
    }
  }
  if (report.s5) {
    const { app, "bare-relay": a } = report.s5.holds;
    const ratio = app && a ? app.kibPerSocket / a.kibPerSocket : NaN;
    rows.push([`5 idle authenticated sockets (goal ${num(report.s5.target)})`, "sockets held", num(app?.held), "", num(a?.held), "", `${num(report.s5.target)}`, verdict(app ? app.held >= report.s5.target : undefined)]);
    rows.push(["", "stopped by", app?.stoppedBy ?? "", "", a?.stoppedBy ?? "", "", "", ""]);
    rows.push(["", "memory per socket (KiB RSS after GC), app ÷ (a)", num(app?.kibPerSocket, 1), "", num(a?.kibPerSocket, 1), times(ratio), "≤ 1.3×", verdict(Number.isFinite(ratio) ? ratio <= 1.3 : undefined)]);
    rows.push(["", "JS heap per socket (KiB after GC)", num(app?.heapKibPerSocket, 1), "", num(a?.heapKibPerSocket, 1), app && a ? times(app.heapKibPerSocket / a.heapKibPerSocket) : "", "", ""]);
    rows.push(["", "server RSS while holding (MiB)", num(app?.rssAfterMiB), "", num(a?.rssAfterMiB), "", "", ""]);
    rows.push(["", "server CPU per handshake (ms)", num(app?.serverCpuMsPerHandshake, 2), "", num(a?.serverCpuMsPerHandshake, 2), app && a ? times(app.serverCpuMsPerHandshake / a.serverCpuMsPerHandshake) : "", "", ""]);
  }
  if (report.s6) {
    report.s6.queries.forEach((q, i) => {
      rows.push([
        i === 0 ? "6 ORM cost, ops/s (Prisma call vs the same SQL on better-sqlite3)" : "",
        `${q.name}: Prisma (${q.prismaStatements} SQL)`,
        num(q.prismaOpsPerSec),
        num(q.bareOpsPerSec),
        "",
        times(q.prismaOpsPerSec / q.bareOpsPerSec),
        "",
        "",
      ]);
      if (q.appOpsPerSec !== undefined) {
        rows.push(["", `${q.name}: the app now (prepared statement)`, num(q.appOpsPerSec), num(q.bareOpsPerSec), "", times(q.appOpsPerSec / q.bareOpsPerSec), "", ""]);
      }
    });
  }
  if (!ENGINE_SCENARIOS[engine].includes(6)) rows.push(["6 ORM cost (Prisma vs better-sqlite3)", `SQLite-specific: not run on ${ENGINE_NAME[engine]}`, "", "", "", "", "", ""]);

  const header: Row = ["scenario", "metric", "app", `bare ${ENGINE_NAME[engine]} (b)`, "bare relay (a)", "app ÷ baseline", "target", "verdict"];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)));
  const line = (row: Row) => `| ${row.map((cell, col) => (col >= 2 && col <= 5 ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join(" | ")} |`;
  const m = report.machine;
  return [
    `Auraflow bench on ${report.postgres ? `PostgreSQL ${report.postgres.version} (its server processes not pinned)` : ENGINE_NAME[engine]}` +
      `${report.quick ? " (QUICK smoke mode: short runs, 1 round, not for claims)" : ""} — ${m.cpuModel}, ${m.cores} cores, node ${m.node}; ` +
      `${s.users} sockets in channels of ${s.channelMembers}; medians of ${s.rounds} alternating round(s); wall ${Math.round(report.wallS)} s; ` +
      `a pinned busy loop got ${m.coreAvailabilityAtStart.map((v) => `${Math.round(v * 100)}%`).join("/")} of cores 0/1 at the start, ` +
      `${m.coreAvailabilityAtEnd.map((v) => `${Math.round(v * 100)}%`).join("/")} at the end`,
    "",
    line(header),
    `|${widths.map((w, col) => (col >= 2 && col <= 5 ? ` ${"-".repeat(w - 1)}: ` : ` ${"-".repeat(w)} `)).join("|")}|`,
    ...rows.map(line),
  ].join("\n");
}
