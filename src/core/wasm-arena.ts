// The memory a WebAssembly kernel module works in: one instance over one shared linear memory,
// carved into regions by a bump allocator, and (on first use) a team of threads that run the same
// exports on the same memory. Arrays live here so the kernels read them without copies; JavaScript
// sees them through typed-array views made fresh on each use (the memory may grow and detach old
// views). Each kernel family (gradient boosting, dense linear algebra) subclasses it with its module.

import { WorkerTeam } from "./worker-team.js";

const PAGE = 65536;

/** The most memory an arena may use: wasm32's 4 GiB. */
const MAX_PAGES = 65536;

/** Compiles base64-encoded WebAssembly bytes (kernels embedded by scripts/build-wasm.mjs). */
export function compileWasm(base64: string): WebAssembly.Module {
  return new WebAssembly.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

export class WasmArena<Exports> {
  readonly kernels: Exports;
  readonly memory: WebAssembly.Memory;
  readonly nThreads: number;
  readonly #module: WebAssembly.Module;
  readonly #instance: WebAssembly.Instance;
  #team: WorkerTeam | undefined;
  #top: number;

  /**
   * `bytes` sizes the memory up front when known (it grows on demand anyway). `maxBytes`: the
   * most this arena will ever hold, when known — a shared memory reserves its whole maximum of
   * address space up front, so a server holding many small models gives each only what it can
   * use instead of wasm32's 4 GiB.
   */
  constructor(module: WebAssembly.Module, nThreads = 1, bytes = 0, maxBytes?: number) {
    this.nThreads = Math.max(1, Math.trunc(nThreads));
    this.#module = module;
    const maximum = maxBytes === undefined ? MAX_PAGES : Math.min(MAX_PAGES, Math.ceil(Math.max(bytes, maxBytes) / PAGE) + 2);
    const initial = Math.min(maximum, 1 + Math.ceil(bytes / PAGE));
    this.memory = new WebAssembly.Memory({ initial, maximum, shared: true });
    this.#instance = new WebAssembly.Instance(module, { env: { memory: this.memory, abort: () => { throw new Error("WebAssembly kernel aborted"); } } });
    this.kernels = this.#instance.exports as unknown as Exports;
    // Leave the first page to the module's own data.
    this.#top = PAGE;
  }

  /** Threads that share the kernels' work, started on first use (thread 0 is the caller). */
  get team(): WorkerTeam {
    this.#team ??= new WorkerTeam(this.#module, this.memory, this.#instance, this.nThreads);
    return this.#team;
  }

  /** Whether the team's threads are running (a kernel run on them costs no start-up). */
  get teamStarted(): boolean {
    return this.#team !== undefined;
  }

  /** Reserves `bytes` (16-byte aligned) and returns its offset; grows the memory when needed. */
  alloc(bytes: number): number {
    const start = (this.#top + 15) & ~15;
    const end = start + Math.max(16, bytes);
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
    this.#top = end;
    return start;
  }

  /** Frees every region at once (the memory keeps its size); earlier offsets must not be used. */
  reset(): void {
    this.#top = PAGE;
  }

  /** Ends the worker threads; the arena must not be used afterwards. */
  close(): void {
    this.#team?.close();
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  u32(ptr: number, length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, ptr, length);
  }

  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }
}
