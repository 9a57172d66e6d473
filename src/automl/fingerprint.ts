// A fingerprint of a table's contents and of its schema: two chained 32-bit FNV-1a lanes (64 bits
// of output) over every column's values, names and kinds, as hex. Not cryptographic: it names data,
// it does not guard it. The same data gives the same fingerprint on any machine, so a
// bundle's lineage says exactly which data trained it.

import type { Frame } from "../data/index.js";


/** Two 32-bit FNV-1a lanes (distinct offsets) over bytes: fast in JavaScript, 64 bits of output. */
class Hasher {
  #a = 0x811c9dc5;
  #b = 0x050c5d1f;

  bytes(data: Uint8Array): void {
    let a = this.#a;
    let b = this.#b;
    for (let i = 0; i < data.length; i++) {
      a = Math.imul(a ^ data[i], 0x01000193);
      b = Math.imul(b ^ data[i], 0x01000193) ^ (a >>> 7);
    }
    this.#a = a;
    this.#b = b;
  }

  text(value: string): void {
    this.bytes(new TextEncoder().encode(value));
    this.bytes(Uint8Array.of(0xff));
  }

  hex(): string {
    return (this.#a >>> 0).toString(16).padStart(8, "0") + (this.#b >>> 0).toString(16).padStart(8, "0");
  }
}


export function dataFingerprint(frame: Frame): string {
  const h = new Hasher();
  h.text(String(frame.nRows));
  for (const name of frame.names) {
    const column = frame.column(name);
    h.text(name);
    h.text(column.kind);
    if (column.kind === "text") {
      for (const v of column.values) h.text(v ?? "\u0000");
    } else if (column.kind === "categorical") {
      for (const c of column.categories) h.text(c);
      h.bytes(new Uint8Array(column.codes.buffer, column.codes.byteOffset, column.codes.byteLength));
    } else {
      h.bytes(new Uint8Array(column.values.buffer, column.values.byteOffset, column.values.byteLength));
    }
  }
  return h.hex();
}

export function schemaFingerprint(columns: readonly { name: string; kind: string }[]): string {
  const h = new Hasher();
  for (const c of columns) {
    h.text(c.name);
    h.text(c.kind);
  }
  return h.hex();
}
