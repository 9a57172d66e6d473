// JSON for machines: non-finite numbers become null (JSON has no NaN), key order is kept.

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2);
}
