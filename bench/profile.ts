// node --import tsx bench/profile.ts FILE.cpuprofile [TOP]: self time per function and per package.
import { summariseProfile } from "./lib/profile";

const [file, top] = process.argv.slice(2);
if (!file) {
  console.error("usage: node --import tsx bench/profile.ts FILE.cpuprofile [TOP]");
  process.exit(2);
}
console.log(summariseProfile(file, Number(top ?? 30)));
