// Which columns become features, and why the others do not: the target, what the user excluded,
// identifiers, free text, constants. Leakage suspects stay in but are named in the warnings, with
// the profile's reason, so a reviewer sees them first.

import { InvalidInput } from "../core/index.js";
import type { Frame, Profile } from "../data/index.js";

export interface DroppedColumn {
  readonly column: string;
  readonly reason: string;
}

export interface ColumnChoice {
  readonly features: string[];
  readonly dropped: DroppedColumn[];
  readonly warnings: string[];
}

export function chooseColumns(frame: Frame, profiled: Profile, options: { target: string; exclude: readonly string[] }): ColumnChoice {
  const unknown = options.exclude.filter((name) => !frame.has(name));
  if (unknown.length > 0) throw new InvalidInput(`--exclude names columns that are not in the data: ${unknown.join(", ")}`);
  const excluded = new Set(options.exclude);
  const byName = new Map(profiled.columns.map((c) => [c.name, c]));
  const features: string[] = [];
  const dropped: DroppedColumn[] = [];
  for (const field of frame.schema) {
    const name = field.name;
    if (name === options.target) continue;
    const stats = byName.get(name);
    const reason = excluded.has(name)
      ? "excluded by request"
      : field.isIdentifier
        ? "identifier-like (a key, not a feature)"
        : field.kind === "text"
          ? "free text"
          : stats && stats.nMissing === profiled.nRows
            ? "always missing"
            : stats && stats.nDistinct <= 1 && stats.nMissing === 0
              ? "constant"
              : null;
    if (reason) dropped.push({ column: name, reason });
    else features.push(name);
  }
  const warnings = profiled.alerts
    .filter((a) => a.kind === "leakage" && a.column !== undefined && features.includes(a.column))
    .map((a) => `possible leakage: ${a.message}`);
  return { features, dropped, warnings };
}
