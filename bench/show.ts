// node --import tsx bench/show.ts bench/results/<date>.json [--svg]: prints the table of a saved
// run again; with --svg, also rewrites its latency chart next to it.
import { readFileSync, writeFileSync } from "node:fs";
import { saturationChart, type SaturationStep } from "./lib/chart";
import { renderTable, type ReportForTable } from "./lib/table";

const [file, flag] = process.argv.slice(2);
if (!file) {
  console.error("usage: node --import tsx bench/show.ts bench/results/<date>.json [--svg]");
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, "utf8")) as ReportForTable & {
  settings: { users: number; channelMembers: number };
  machine: { cpuModel: string };
  s2?: { steps: SaturationStep[] };
};
console.log(renderTable(report));
if (flag === "--svg" && report.s2) {
  const svg = file.replace(/\.json$/, "-latency.svg");
  writeFileSync(svg, saturationChart(report.s2.steps, report.settings, report.machine.cpuModel));
  console.log(`wrote ${svg}`);
}
