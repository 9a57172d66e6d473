// How much of the machine other processes used while a timing ran: the whole machine's busy CPU
// (from /proc/stat) minus this process's own, over the wall time. The benchmark shares its cores
// with whatever else runs on the machine, so a timing taken while others were busy is flagged
// rather than trusted, and run once more. gbdt_reference.py measures its fits the same way.

import { readFileSync } from "node:fs";

/** A fit during which other processes kept this many cores busy is suspect: it is run once more. */
export const BUSY_CORES = 0.25;
/** Shorter fits are not judged: /proc/stat counts in 10 ms ticks. */
const BUSY_MIN_SECONDS = 0.3;

export function isDisturbed(run: { fitSeconds: number; othersCores: number }): boolean {
  return run.othersCores >= BUSY_CORES && run.fitSeconds >= BUSY_MIN_SECONDS;
}

/** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

function machineBusySeconds(): number {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return (user + nice + system + irq + softirq + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Starts a window; the function it returns gives the cores other processes kept busy since. */
export function loadWindow(): () => number {
  const busy = machineBusySeconds();
  const own = ownCpuSeconds();
  const start = performance.now();
  return () => {
    const wall = (performance.now() - start) / 1000;
    const others = machineBusySeconds() - busy - (ownCpuSeconds() - own);
    return Math.max(0, others / wall);
  };
}
