// A team of threads that run exports of one WebAssembly module on one shared memory. The caller
// is thread 0; the others are worker threads that wait on a shared control word. `run` hands every
// thread its arguments, does thread 0's part itself and returns when all are done — synchronously,
// with Atomics.wait, so that callers (a tree grower) stay plain loops.

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { OrchardError } from "./errors.js";

/** The machine's threads, the default for nThreads. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

// Control words per worker: [state, export index, argument count]; arguments in a Float64Array.
const IDLE = 0;
const WORK = 1;
const EXIT = 2;
const FAILED = 3;
/** A worker has taken its job (runClaiming may no longer withdraw it). */
const RUNNING = 4;
const MAX_ARGS = 32;
/** Polls of a control word before a thread sleeps on it (a few tens of microseconds). */
const SPIN = 20000;
/** A kernel that has not finished after this long means a dead worker: fail instead of hanging. */
const WAIT_MS = 120_000;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, args, names } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error("kernel aborted"); } } });
const ctl = new Int32Array(control);
const a = new Float64Array(args);
for (;;) {
  // Poll a little before sleeping: kernels come in quick succession while a tree grows, and waking
  // from Atomics.wait costs tens of microseconds each time.
  for (let spin = 0; spin < ${SPIN} && Atomics.load(ctl, 0) === ${IDLE}; spin++);
  Atomics.wait(ctl, 0, ${IDLE});
  const state = Atomics.load(ctl, 0);
  if (state === ${EXIT}) break;
  // Take the job, unless the caller withdrew it meanwhile (runClaiming).
  if (state !== ${WORK} || Atomics.compareExchange(ctl, 0, ${WORK}, ${RUNNING}) !== ${WORK}) continue;
  try {
    instance.exports[names[ctl[1]]](...a.subarray(0, ctl[2]));
    Atomics.store(ctl, 0, ${IDLE});
  } catch (error) {
    Atomics.store(ctl, 0, ${FAILED});
  }
  Atomics.notify(ctl, 0);
}
`;

interface Member {
  readonly worker: Worker;
  readonly control: Int32Array;
  readonly args: Float64Array;
}

export class WorkerTeam {
  readonly nThreads: number;
  readonly #names: readonly string[];
  readonly #self: Record<string, (...args: number[]) => unknown>;
  readonly #members: Member[];
  /** The kernel begun by start() and not yet finished: no other may run on the team meanwhile. */
  #serving: string | null = null;

  /** `instance` is thread 0's instance of `module` over `memory` (which must be shared). */
  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, instance: WebAssembly.Instance, nThreads: number) {
    this.nThreads = Math.max(1, Math.trunc(nThreads));
    this.#self = instance.exports as Record<string, (...args: number[]) => unknown>;
    this.#names = Object.keys(this.#self).filter((k) => typeof this.#self[k] === "function");
    this.#members = [];
    for (let t = 1; t < this.nThreads; t++) {
      const control = new SharedArrayBuffer(4 * 4);
      const args = new SharedArrayBuffer(8 * MAX_ARGS);
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, control, args, names: this.#names } });
      worker.unref();
      this.#members.push({ worker, control: new Int32Array(control), args: new Float64Array(args) });
    }
  }

  /** Runs export `name` on every thread with `argsOf(thread)`; thread 0 is the caller. */
  run(name: string, argsOf: (thread: number) => readonly number[]): void {
    this.#start(name, argsOf);
    this.#self[name](...argsOf(0));
    for (const member of this.#members) this.#await(name, member);
  }

  /**
   * Runs export `name` on every thread for a kernel whose threads claim their pieces of work from
   * a shared counter (so any thread may do any piece, and the caller alone may do all of them):
   * once the caller's call returns, every piece is claimed, and a worker that has not yet woken is
   * not waited for — its job is withdrawn. On a busy machine a late worker then costs nothing.
   */
  runClaiming(name: string, argsOf: (thread: number) => readonly number[]): void {
    this.#start(name, argsOf);
    this.#self[name](...argsOf(0));
    for (const member of this.#members) {
      if (Atomics.compareExchange(member.control, 0, WORK, IDLE) === WORK) continue;
      this.#await(name, member);
    }
  }

  /**
   * Starts export `name` on the worker threads alone (thread 0's arguments are never asked for) and
   * returns at once, for a kernel that serves the caller until told to stop through the shared
   * memory; `finish` then waits for it. The caller must not run other kernels on the team meanwhile.
   */
  start(name: string, argsOf: (thread: number) => readonly number[]): void {
    this.#start(name, argsOf);
    this.#serving = name;
  }

  /** Waits until the workers' kernel begun by start() has returned. */
  finish(name: string): void {
    this.#serving = null;
    for (const member of this.#members) this.#await(name, member);
  }

  /** Whether a worker's kernel has failed (thrown or trapped) and not yet been reported by a wait. */
  failed(): boolean {
    return this.#members.some((member) => Atomics.load(member.control, 0) === FAILED);
  }

  #start(name: string, argsOf: (thread: number) => readonly number[]): void {
    // Starting a kernel on workers still in start()'s would overwrite their state: the new kernel
    // would seem to have run.
    if (this.#serving !== null) throw new OrchardError("internal", `Kernel "${name}" was started while the workers still serve "${this.#serving}"`);
    const index = this.#names.indexOf(name);
    if (index < 0) throw new OrchardError("internal", `Kernel "${name}" is not an export of the module`);
    this.#members.forEach((member, m) => {
      const args = argsOf(m + 1);
      if (args.length > MAX_ARGS) throw new OrchardError("internal", `Kernel "${name}" takes ${args.length} arguments; a team passes at most ${MAX_ARGS}`);
      member.args.set(args);
      member.control[1] = index;
      member.control[2] = args.length;
      Atomics.store(member.control, 0, WORK);
      Atomics.notify(member.control, 0);
    });
  }

  /** Waits until `member` has finished its job. */
  #await(name: string, member: Member): void {
    const started = Date.now();
    const busy = (): boolean => {
      const state = Atomics.load(member.control, 0);
      return state === WORK || state === RUNNING;
    };
    for (let spin = 0; spin < SPIN && busy(); spin++);
    while (busy()) {
      Atomics.wait(member.control, 0, Atomics.load(member.control, 0), 1000);
      if (Date.now() - started > WAIT_MS) throw new OrchardError("internal", `A worker thread did not finish kernel "${name}" in ${WAIT_MS / 1000} s`);
    }
    if (Atomics.load(member.control, 0) === FAILED) {
      Atomics.store(member.control, 0, IDLE);
      throw new OrchardError("internal", `Kernel "${name}" failed in a worker thread`);
    }
  }

  /** Stops the worker threads. */
  close(): void {
    for (const member of this.#members) {
      Atomics.store(member.control, 0, EXIT);
      Atomics.notify(member.control, 0);
      void member.worker.terminate();
    }
    this.#members.length = 0;
  }
}
