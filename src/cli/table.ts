// Plain-text tables and numbers for the registry commands' terminal output.

export function table(header: readonly string[], rows: readonly (readonly string[])[], indent = ""): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string => indent + cells.map((c, i) => (c ?? "").padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(1) : a >= 1 ? v.toFixed(3) : v.toFixed(4);
}


export function print(text: string): void {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}
