// The summary table printed at the end of a run (Markdown, so it can be pasted into the README).
import type { OrmQueryResult } from "../orm";
import { BARE_BASELINE, ENGINE_NAME, ENGINE_SCENARIOS, type BenchEngine } from "./engine";
import type { ClusterSetupName, TargetName } from "./protocol";
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

/** Scenario 7, per setup: the send figures, and the CPU of every process it involves (medians). */
export interface ClusterSummary extends SendSummary {
  /** Each node's share of a core. */
  nodeCpuShares: number[];
  /** Each node's CPU per delivery (µs), over all deliveries of the run. */
  nodeCpuUsPerDelivery: number[];
  /** All nodes together. */
  cpuUsPerDelivery: number;
  /** NaN when Redis ran on another machine. */
  redisCpuShare: number;
  redisCpuUsPerDelivery: number;
  /** Two nodes only. */
  nginxCpuShare?: number;
  nginxCpuUsPerDelivery?: number;
  databaseCpuUsPerDelivery: number;
  /** Deliveries ÷ sends: the sockets a message reached. */
  deliveriesPerMessage: number;
}

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
  s7?: { summary: Partial<Record<ClusterSetupName, ClusterSummary>>; nodesOnCore?: number };
  s8?: { messages: number; connections: number; seedS: number; summary: { name: string; total: number; reqPerSec: number; p50: number; p99: number; serverCpuShare: number }[] };
  /** Scenarios this machine could not run, and why. */
  scenariosLeftOut?: Record<string, string>;
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
  if (report.s8) {
    const { s8 } = report;
    rows.push([`8 search over ${num(s8.messages)} messages (seeded in ${num(s8.seedS)} s), -c ${s8.connections}`, "", "", "", "", "", "", ""]);
    for (const q of s8.summary) {
      rows.push(["", `${q.name}: ${num(q.total)} found; requests/s`, num(q.reqPerSec), "", "", "", "", ""]);
      rows.push(["", "latency p50 / p99 (ms); server CPU", `${num(q.p50, 1)} / ${num(q.p99, 1)}; ${pct(q.serverCpuShare)}`, "", "", "", "", ""]);
    }
  }
  const measured = rows.length;
  if (!ENGINE_SCENARIOS[engine].includes(6)) rows.push(["6 ORM cost (Prisma vs better-sqlite3)", `SQLite-specific: not run on ${ENGINE_NAME[engine]}`, "", "", "", "", "", ""]);
  if (!ENGINE_SCENARIOS[engine].includes(7)) rows.push(["7 cluster mode (Redis, nginx)", `needs PostgreSQL: not run on ${ENGINE_NAME[engine]}`, "", "", "", "", "", ""]);
  if (report.scenariosLeftOut?.[7]) rows.push(["7 cluster mode (Redis, nginx)", `left out: ${report.scenariosLeftOut[7]}`, "", "", "", "", "", ""]);

  const header: Row = ["scenario", "metric", "app", `bare ${ENGINE_NAME[engine]} (b)`, "bare relay (a)", "app ÷ baseline", "target", "verdict"];
  const m = report.machine;
  return [
    `Auraflow bench on ${report.postgres ? `PostgreSQL ${report.postgres.version} (its server processes not pinned)` : ENGINE_NAME[engine]}` +
      `${report.quick ? " (QUICK smoke mode: short runs, 1 round, not for claims)" : ""} — ${m.cpuModel}, ${m.cores} cores, node ${m.node}; ` +
      `${s.users} sockets in channels of ${s.channelMembers}; medians of ${s.rounds} alternating round(s); wall ${Math.round(report.wallS)} s; ` +
      `a pinned busy loop got ${m.coreAvailabilityAtStart.map((v) => `${Math.round(v * 100)}%`).join("/")} of cores 0/1 at the start, ` +
      `${m.coreAvailabilityAtEnd.map((v) => `${Math.round(v * 100)}%`).join("/")} at the end`,
    ...(measured || !report.s7 ? ["", ...markdownTable(header, rows, [2, 3, 4, 5])] : []),
    ...(report.s7 ? ["", ...clusterTable(report.s7, s)] : []),
  ].join("\n");
}

/** A Markdown table, its `numeric` columns right-aligned. */
function markdownTable(header: string[], rows: string[][], numeric: number[]): string[] {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)));
  const line = (row: string[]) => `| ${row.map((cell, col) => (numeric.includes(col) ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, col) => (numeric.includes(col) ? ` ${"-".repeat(w - 1)}: ` : ` ${"-".repeat(w)} `)).join("|")}|`, ...rows.map(line)];
}

/** "+1.2 µs", "−0.3 ms", "+31%". */
const signed = (value: number, digits: number, unit: string) =>
  Number.isFinite(value) ? `${value >= 0 ? "+" : "−"}${num(Math.abs(value), digits)}${unit === "%" ? "" : " "}${unit}` : "—";

/**
 * Scenario 7 in a table of its own (its columns are the three setups): each metric for the app as
 * one process without Redis, as one cluster node and as two cluster nodes behind nginx; what cluster
 * mode adds (one node − one process) and what the second node changes (two nodes ÷ one node); then
 * what the figures show.
 */
function clusterTable(s7: NonNullable<ReportForTable["s7"]>, s: ReportForTable["settings"]): string[] {
  const { "one-process": alone, "one-node": one, "two-nodes": two } = s7.summary;
  const setups = [alone, one, two];
  const core = s7.nodesOnCore === undefined ? "unpinned" : `all on core ${s7.nodesOnCore}`;
  type Pick = (x: ClusterSummary) => number | undefined;
  const cells = (pick: Pick, format: (value: number | undefined) => string) => setups.map((x) => (x ? format(pick(x)) : "—"));
  /** One node − one process; `relative` adds the change in per cent of the reference. */
  const cost = (pick: Pick, digits: number, unit: string, relative = false) => {
    if (!alone || !one) return "";
    const [a, b] = [pick(alone) ?? NaN, pick(one) ?? NaN];
    return `${signed(b - a, digits, unit)}${relative && a > 0 ? ` (${signed(((b - a) / a) * 100, 0, "%")})` : ""}`;
  };
  const ratio = (pick: Pick) => (one && two ? times((pick(two) ?? NaN) / (pick(one) ?? NaN)) : "");
  const us = (value: number | undefined) => num(value, 1);
  /** "35.2 (17.1 + 18.1)" for two nodes. */
  const withEachNode = (total: number, each: number[]) => `${us(total)}${each.length > 1 ? ` (${each.map(us).join(" + ")})` : ""}`;
  /** The deliveries/s the busiest node's core would carry if it had one to itself: CPU alone, an estimate. */
  const ceiling = (x: ClusterSummary) => 1e6 / Math.max(...x.nodeCpuUsPerDelivery);
  const rows: string[][] = [
    ["reach (received ÷ expected)", ...cells((x) => x.reach, (v) => num(v, 4)), "", ""],
    ["latency p50 (ms)", ...cells((x) => x.p50, (v) => num(v, 1)), cost((x) => x.p50, 1, "ms"), ratio((x) => x.p50)],
    ["latency p99 (ms)", ...cells((x) => x.p99, (v) => num(v, 1)), cost((x) => x.p99, 1, "ms"), ratio((x) => x.p99)],
    ["ack p99 (ms)", ...cells((x) => x.ackP99, (v) => num(v, 1)), cost((x) => x.ackP99, 1, "ms"), ratio((x) => x.ackP99)],
    ["delivered/s", ...cells((x) => x.deliveredPerSec, (v) => num(v)), "", ""],
    [`node CPU, share of a core (each node; ${core})`, ...setups.map((x) => (x ? x.nodeCpuShares.map(pct).join(" + ") : "—")), "", ratio((x) => x.serverCpuShare)],
    [
      "CPU per delivery (µs): the nodes",
      ...setups.map((x) => (x ? withEachNode(x.cpuUsPerDelivery, x.nodeCpuUsPerDelivery) : "—")),
      cost((x) => x.cpuUsPerDelivery, 1, "µs", true),
      ratio((x) => x.cpuUsPerDelivery),
    ],
    ["CPU per delivery (µs): Redis", ...cells((x) => x.redisCpuUsPerDelivery, us), cost((x) => x.redisCpuUsPerDelivery, 1, "µs"), ratio((x) => x.redisCpuUsPerDelivery)],
    ["CPU per delivery (µs): nginx", ...cells((x) => x.nginxCpuUsPerDelivery, us), "", ""],
    ["CPU per delivery (µs): PostgreSQL backends", ...cells((x) => x.databaseCpuUsPerDelivery, us), cost((x) => x.databaseCpuUsPerDelivery, 1, "µs", true), ratio((x) => x.databaseCpuUsPerDelivery)],
    ["CPU per delivery (µs): all of them", ...cells(totalCpuUs, us), cost(totalCpuUs, 1, "µs", true), ratio(totalCpuUs)],
    ["Redis CPU (share of a core)", ...cells((x) => x.redisCpuShare, pct), "", ""],
    ["nginx CPU (share of a core)", ...cells((x) => x.nginxCpuShare, pct), "", ""],
    ["load generator CPU", ...cells((x) => x.clientCpuShare, pct), "", ""],
    ["deliveries/s with a core per node (estimate, see below)", ...cells(ceiling, (v) => num(v)), "", ratio(ceiling)],
  ];
  const header = ["7 cluster mode: metric", "one process, no Redis", "one cluster node", "two cluster nodes + nginx", "cluster mode's cost (one node − one process)", "two nodes ÷ one node"];
  return [
    `7 cluster mode: socket send_message at ${s.rate} msg/s × ${s.sendMs / 1000} s to channels of ${s.channelMembers}, the same load on three setups ` +
      `in alternating rounds; the nodes ${core}; Redis, nginx and PostgreSQL unpinned`,
    "",
    ...markdownTable(header, rows, [1, 2, 3, 4, 5]),
    "",
    clusterFindings(alone, one, two),
  ];
}

/** Every process's CPU per delivery: the nodes, Redis, nginx and the PostgreSQL backends. */
const totalCpuUs = (x: ClusterSummary) =>
  x.cpuUsPerDelivery + (Number.isFinite(x.redisCpuUsPerDelivery) ? x.redisCpuUsPerDelivery : 0) + (x.nginxCpuUsPerDelivery ?? 0) + (Number.isFinite(x.databaseCpuUsPerDelivery) ? x.databaseCpuUsPerDelivery : 0);

/** The note under scenario 7's table, from its figures. */
function clusterFindings(alone?: ClusterSummary, one?: ClusterSummary, two?: ClusterSummary): string {
  if (!alone || !one || !two) return "What it shows: incomplete (a setup has no figures).";
  const nodeCost = one.cpuUsPerDelivery - alone.cpuUsPerDelivery;
  const perMessageMs = ((nodeCost + one.redisCpuUsPerDelivery) * one.deliveriesPerMessage) / 1000;
  const pairRatio = two.cpuUsPerDelivery / one.cpuUsPerDelivery;
  return (
    `What it shows: cluster mode on one node costs ${signed(nodeCost, 1, "µs")} of node CPU and ${num(one.redisCpuUsPerDelivery, 1)} µs of Redis CPU per delivery ` +
    `(${num(perMessageMs, 2)} ms per message of ${num(one.deliveriesPerMessage)} deliveries) and ${signed(one.p50 - alone.p50, 1, "ms")} at the p50. ` +
    `Two nodes reach ${num(two.reach, 4)} of the deliveries, half of them across nodes, and split the work (${two.nodeCpuShares.map(pct).join(" + ")} of a core), ` +
    `using together ${times(pairRatio)} one node's CPU per delivery${pairRatio > 1.05 ? " (both nodes read and decode every event of the stream)" : ""}, plus nginx's ` +
    `${num(two.nginxCpuUsPerDelivery, 1)} µs. On 2 cores, shared by the nodes, the load generator, PostgreSQL, Redis and nginx, a second node brings no CPU: ` +
    `this cannot show throughput growing with nodes, only what cluster mode and a second node cost per delivery. The last row is an estimate from that ` +
    `cost alone (1 s ÷ the busiest node's CPU per delivery), not a measurement: what each node's core would carry were it its own, Redis, PostgreSQL and nginx not counted.`
  );
}
