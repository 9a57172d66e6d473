// Counts of what a transform repaired instead of refusing, per column: data for the caller
// (the library never logs), e.g. { column: "workclass", repair: "unseen category → other", count: 3 }.

export interface Repair {
  readonly column: string;
  readonly repair: string;
  readonly count: number;
}

export class RepairLog {
  readonly #counts = new Map<string, Map<string, number>>();

  add(column: string, repair: string, count: number): void {
    if (count <= 0) return;
    let byRepair = this.#counts.get(column);
    if (!byRepair) {
      byRepair = new Map();
      this.#counts.set(column, byRepair);
    }
    byRepair.set(repair, (byRepair.get(repair) ?? 0) + count);
  }

  list(): Repair[] {
    const out: Repair[] = [];
    for (const [column, byRepair] of this.#counts) for (const [repair, count] of byRepair) out.push({ column, repair, count });
    return out;
  }
}
