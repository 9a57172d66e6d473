// Which served slot a request names: "/models/churn@champion", "/models/churn/3", "/models/churn"
// (the first slot of that registered name), or a bundle file's base name. The first slot given to
// the server answers the bare /invocations.

import { InvalidInput, NotFound } from "../core/index.js";
import type { ModelSlot } from "./model-slot.js";

export class ModelDirectory {
  readonly slots: readonly ModelSlot[];

  constructor(slots: readonly ModelSlot[]) {
    if (slots.length === 0) throw new InvalidInput("A model server needs at least one model", { hint: "pass a bundle file or a models:/ URI" });
    const names = slots.map((s) => s.current.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new InvalidInput(`Two served models would both be named "${twice}"`, { hint: "serve each model once, or rename one of the bundle files" });
    this.slots = slots;
  }

  get default(): ModelSlot {
    return this.slots[0];
  }

  /** The slot for a name as written in a URL, with an optional version; NotFound otherwise. */
  find(name: string, version?: string): ModelSlot {
    const slot = version === undefined ? this.#byName(name) : this.#byVersion(name, version);
    if (slot) return slot;
    const asked = version === undefined ? name : `${name}/${version}`;
    throw new NotFound(`No model named "${asked}" is served here`, { hint: `served: ${this.slots.map((s) => s.current.name).join(", ")}` });
  }

  #byName(name: string): ModelSlot | undefined {
    return this.slots.find((s) => s.current.name === name) ?? this.slots.find((s) => s.current.resolved.name === name);
  }

  #byVersion(name: string, version: string): ModelSlot | undefined {
    return this.slots.find((s) => s.current.name === `${name}/${version}`) ?? this.slots.find((s) => (s.current.resolved.name === name || s.current.name === name) && s.current.version === version);
  }
}
