// Test-only crash points. When ORCHARD_TEST_CRASH_AT names a point, the process kills itself with
// SIGKILL the moment it gets there, so tests can prove that a crash at exactly that step leaves
// the store consistent. Unset (always, outside those tests), this does nothing.

export type CrashPoint = "after-artifact" | "before-commit";

export function crashPoint(point: CrashPoint): void {
  if (process.env.ORCHARD_TEST_CRASH_AT === point) process.kill(process.pid, "SIGKILL");
}
