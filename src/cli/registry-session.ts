// Opens the registry a command names (--store, else ORCHARD_STORE, else ./.orchard), runs the
// command against it, and always closes it.

import { InvalidInput } from "../core/index.js";
import { openRegistry, type Registry } from "../registry/index.js";

export async function withRegistry<T>(store: string | undefined, work: (registry: Registry) => Promise<T>): Promise<T> {
  const registry = await openRegistry({ store });
  try {
    return await work(registry);
  } finally {
    await registry.close();
  }
}

/** "30d", "12h", "90m", "45s", "2w", "0": seconds (≥ 0). */
export function parseAge(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d|w)?$/.exec(text.trim().toLowerCase());
  if (!match) throw new InvalidInput(`"${text}" is not an age: use e.g. 30d, 12h, 90m, 45s or 2w`);
  const unit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 }[(match[2] ?? "s") as "s" | "m" | "h" | "d" | "w"];
  return Number(match[1]) * unit;
}
