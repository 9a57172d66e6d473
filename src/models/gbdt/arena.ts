// The memory a training run works in: one WebAssembly instance of the kernels (assembly/kernels.ts)
// and its linear memory, carved into regions by a bump allocator. Binned data, row indices,
// gradients and histograms all live here, so the kernels read them without copies; JavaScript sees
// them through typed-array views, renewed whenever the memory grows.

import { KERNELS_WASM } from "./wasm/kernels-wasm.generated.js";

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  histogram(binned: number, nFeatures: number, offsets: number, rows: number, start: number, end: number, grad: number, hess: number, hist: number): void;
  counts(binned: number, nFeatures: number, offsets: number, rows: number, start: number, end: number, out: number): void;
  subtract(dst: number, src: number, n: number): void;
  add(dst: number, src: number, n: number): void;
  partition(binned: number, nFeatures: number, feature: number, goesLeft: number, rows: number, start: number, end: number, scratch: number): number;
}

let compiled: WebAssembly.Module | undefined;

function kernelModule(): WebAssembly.Module {
  // Compiled once per process; the module is immutable, each Arena gets its own instance and memory.
  compiled ??= new WebAssembly.Module(Uint8Array.from(atob(KERNELS_WASM), (c) => c.charCodeAt(0)));
  return compiled;
}

const PAGE = 65536;

export class Arena {
  readonly kernels: KernelExports;
  #top: number;

  constructor() {
    const instance = new WebAssembly.Instance(kernelModule(), { env: { abort: () => { throw new Error("WebAssembly kernel aborted"); } } });
    this.kernels = instance.exports as unknown as KernelExports;
    // Leave the module's own data (if any) below the first region.
    this.#top = this.kernels.memory.buffer.byteLength;
  }

  /** Reserves `bytes` (16-byte aligned) and returns its offset; grows the memory when needed. */
  alloc(bytes: number): number {
    const start = (this.#top + 15) & ~15;
    const end = start + Math.max(16, bytes);
    const have = this.kernels.memory.buffer.byteLength;
    if (end > have) this.kernels.memory.grow(Math.ceil((end - have) / PAGE));
    this.#top = end;
    return start;
  }

  get buffer(): ArrayBuffer {
    return this.kernels.memory.buffer;
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.kernels.memory.buffer, ptr, length);
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.kernels.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.kernels.memory.buffer, ptr, length);
  }

  u32(ptr: number, length: number): Uint32Array {
    return new Uint32Array(this.kernels.memory.buffer, ptr, length);
  }

  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.kernels.memory.buffer, ptr, length);
  }
}
