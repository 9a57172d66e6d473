// Splitting leaves ahead of time, on threads that would otherwise wait. Best-first growth splits
// one leaf at a time, and most leaves of a big tree are too small to share out by features; but
// the leaves next in line can be split meanwhile, each whole by one thread: its rows partitioned,
// its smaller child's histogram built, the larger one's by subtraction, and its children's plain
// numeric features scanned (assembly/prepare.ts). The grower posts such jobs and goes on with its
// own leaf; the workers, in a loop of their own for the tree's whole growth, claim and do them.
// The grower takes each back when its leaf's turn comes, so the tree is the one grown a leaf at a
// time, whatever the thread count: every sum is made by one thread in row order, as it would be.
//
// A leaf split ahead may never be split (the leaf limit comes first): its rows' order from before
// the partition stays in the scratch region at the leaf's own positions, and is put back.

import { OrchardError } from "../../core/index.js";
import { HISTOGRAM_BUFFER_BYTES, type HistogramInputs, type HistogramPool, type HistogramSlot } from "./histogram.js";
import type { PartitionInputs } from "./partition.js";

export interface PrepareInputs extends HistogramInputs, PartitionInputs {
  /** i32 per feature: its value bins. */
  readonly scanNValueBins: number;
  /** i32 per feature: 1 for the plain numeric features the scan kernel judges (the same for a whole tree). */
  readonly scanFlags: number;
  /** PREPARE_BYTES for SplitsAhead. */
  readonly prepareJobs: number;
}

/** A leaf to split ahead. */
export interface PrepareJob {
  readonly feature: number;
  /** 1 for each bin of the feature that goes left (missing bin last). */
  readonly goesLeft: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** The leaf's histogram, or null when its children get none (they will never be split). */
  readonly parent: HistogramSlot | null;
  /** The children's totals and the scan's rules, when their plain numeric features are to be scanned. */
  readonly scan: { readonly left: Totals; readonly right: Totals; readonly l2: number; readonly minHess: number } | null;
}

interface Totals {
  readonly grad: number;
  readonly hess: number;
}

/** A leaf split ahead: what the grower needs to finish the split when the leaf's turn comes. */
export interface PreparedSplit {
  readonly goesLeft: Uint8Array;
  readonly nLeft: number;
  /** The smaller child's histogram (the leaf's own slot now holds the larger child's), or null. */
  readonly small: HistogramSlot | null;
  readonly leftIsSmaller: boolean;
  /** Where the children's scans are (scanNumeric's results, the left child's first), or -1. */
  readonly scans: number;
}

/** Job slots: at most this many leaves posted and not yet taken back. */
const SLOTS = 32;
/** A job claimed and not done after this long means a dead worker (as WorkerTeam's own limit). */
const TAKE_WAIT_MS = 120_000;

// The arena region SplitsAhead works in: control words (the posted count, then the stop flag),
// a state word per slot, a 96-byte job record per slot, a goesLeft table per slot.
const STATES = 16;
const RECORDS = STATES + 4 * SLOTS;
const TABLES = RECORDS + 96 * SLOTS;
export const PREPARE_BYTES = TABLES + 257 * SLOTS;

// A job's state word (assembly/prepare.ts): its slot free, posted, claimed by a thread, done.
const FREE = 0;
const POSTED = 1;
const CLAIMED = 2;
const DONE = 3;

/** A leaf posted to be split ahead: `prepared` once done, `withdrawn` when no thread took it. */
export class Ticket {
  prepared: PreparedSplit | null = null;
  withdrawn = false;
  constructor(readonly slot: number, readonly job: PrepareJob, readonly small: HistogramSlot | null, readonly scans: number) {}
}

/**
 * Leaves split ahead on the worker threads while a tree grows: the grower posts jobs, the workers
 * (in a loop of their own, prepareLoop) claim and do them in order, and the grower takes each back
 * when its leaf's turn comes — doing it itself when no worker has claimed it yet. The grower thus
 * never waits for a worker to wake, only for a job a worker is in the middle of.
 */
export class SplitsAhead {
  readonly #inputs: PrepareInputs;
  readonly #gh: number;
  readonly #pool: HistogramPool;
  readonly #outstanding: Ticket[] = [];
  #running = false;
  #posted = 0;

  constructor(inputs: PrepareInputs, gh: number, pool: HistogramPool) {
    this.#inputs = inputs;
    this.#gh = gh;
    this.#pool = pool;
  }

  /** Whether another job can be posted now (a slot is free). */
  get canPost(): boolean {
    this.#harvest();
    return this.#outstanding.length < SLOTS;
  }

  /**
   * Whether another leaf can be posted ahead of its turn: one slot always stays free for the
   * grower's own next leaf, which splitAhead posts whatever the workers hold.
   */
  get roomAhead(): boolean {
    this.#harvest();
    return this.#outstanding.length < SLOTS - 1;
  }

  /** Jobs posted and not yet done: the workers' queue. */
  get queued(): number {
    this.#harvest();
    return this.#outstanding.length;
  }

  post(job: PrepareJob): Ticket {
    const { arena, nFeatures } = this.#inputs;
    if (!this.canPost) throw new OrchardError("internal", `Posted ${SLOTS} leaves to split ahead and took none back`);
    const at = this.#inputs.prepareJobs;
    const states = arena.i32(at + STATES, SLOTS);
    const slot = states.indexOf(FREE);
    const ticket = new Ticket(slot, job, job.parent ? this.#pool.take() : null, job.scan ? this.#pool.takeScans() : -1);
    const record = at + RECORDS + 96 * slot;
    const table = at + TABLES + 257 * slot;
    const { parent, scan } = job;
    const small = ticket.small;
    arena.u8(table, job.goesLeft.length).set(job.goesLeft);
    arena.i32(record, 12).set([
      this.#inputs.binned + job.feature * this.#inputs.nRows, table, job.start, job.end,
      small ? small.sums : 0, small && small.counts >= 0 ? small.counts : 0, parent ? parent.sums : 0, parent && parent.counts >= 0 ? parent.counts : 0,
      scan ? ticket.scans : 0, scan ? ticket.scans + 24 * nFeatures : 0, -1, this.#posted,
    ]);
    if (scan) arena.f64(record + 48, 6).set([scan.l2, scan.minHess, scan.left.grad, scan.left.hess, scan.right.grad, scan.right.hess]);
    if (!this.#running) this.#begin();
    Atomics.store(states, slot, POSTED);
    const control = arena.i32(at, 2);
    Atomics.store(control, 0, ++this.#posted);
    Atomics.notify(control, 0);
    this.#outstanding.push(ticket);
    return ticket;
  }

  /** The split of a posted leaf, done now by the caller when no worker has claimed it. */
  take(ticket: Ticket): PreparedSplit {
    if (ticket.prepared) return ticket.prepared;
    const { arena } = this.#inputs;
    const states = arena.i32(this.#inputs.prepareJobs + STATES, SLOTS);
    if (Atomics.compareExchange(states, ticket.slot, POSTED, CLAIMED) === POSTED) {
      this.#run(ticket.slot, 0);
      Atomics.store(states, ticket.slot, DONE);
    }
    const started = Date.now();
    for (let spin = 0; Atomics.load(states, ticket.slot) !== DONE; spin++) {
      if (spin <= 20000) continue;
      Atomics.wait(states, ticket.slot, CLAIMED, 1);
      // A worker that died with the job claimed never marks it done: fail rather than wait forever.
      if (arena.team.failed() || Date.now() - started > TAKE_WAIT_MS) {
        throw new OrchardError("internal", `A worker thread did not finish splitting a leaf ahead (${arena.team.failed() ? "it failed" : `${TAKE_WAIT_MS / 1000} s`})`);
      }
    }
    this.#harvest();
    return ticket.prepared!;
  }

  /** Stops the workers; jobs none of them took are withdrawn. */
  stop(): void {
    if (!this.#running) return;
    const { arena } = this.#inputs;
    const at = this.#inputs.prepareJobs;
    const states = arena.i32(at + STATES, SLOTS);
    for (const ticket of this.#outstanding) {
      if (Atomics.compareExchange(states, ticket.slot, POSTED, FREE) !== POSTED) continue;
      ticket.withdrawn = true;
      if (ticket.small) this.#pool.give(ticket.small);
      if (ticket.scans >= 0) this.#pool.giveScans(ticket.scans);
    }
    const control = arena.i32(at, 2);
    Atomics.store(control, 1, 1);
    // The posted count moves too: a worker about to sleep on the count it last saw wakes at once.
    Atomics.store(control, 0, ++this.#posted);
    Atomics.notify(control, 0);
    arena.team.finish("prepareLoop");
    this.#running = false;
    this.#harvest();
    this.#outstanding.length = 0;
  }

  #begin(): void {
    const { arena } = this.#inputs;
    const at = this.#inputs.prepareJobs;
    const control = arena.i32(at, 2);
    control[1] = 0;
    this.#running = true;
    arena.team.start("prepareLoop", (t) => {
      const i = this.#inputs;
      return [at, at + STATES, at + RECORDS, SLOTS, i.binned, i.nRows, i.offsets, i.rows, i.scratch, this.#gh, i.nFeatures, i.totalBins, i.buffers + t * HISTOGRAM_BUFFER_BYTES, i.scanNValueBins, i.scanFlags];
    });
  }

  #run(slot: number, thread: number): void {
    const i = this.#inputs;
    const record = i.prepareJobs + RECORDS + 96 * slot;
    i.arena.kernels.prepareJob(record, i.binned, i.nRows, i.offsets, i.rows, i.scratch, this.#gh, i.nFeatures, i.totalBins, i.buffers + thread * HISTOGRAM_BUFFER_BYTES, i.scanNValueBins, i.scanFlags);
  }

  /** Takes back the jobs that are done, freeing their slots. */
  #harvest(): void {
    const { arena } = this.#inputs;
    const at = this.#inputs.prepareJobs;
    const states = arena.i32(at + STATES, SLOTS);
    let kept = 0;
    for (const ticket of this.#outstanding) {
      if (ticket.withdrawn) continue;
      if (Atomics.load(states, ticket.slot) !== DONE) {
        this.#outstanding[kept++] = ticket;
        continue;
      }
      const nLeft = arena.i32(at + RECORDS + 96 * ticket.slot + 40, 1)[0];
      const { job } = ticket;
      ticket.prepared = { goesLeft: job.goesLeft, nLeft, small: ticket.small, leftIsSmaller: nLeft <= job.end - job.start - nLeft, scans: ticket.scans };
      Atomics.store(states, ticket.slot, FREE);
    }
    this.#outstanding.length = kept;
  }
}

/** Puts back the rows of a leaf split ahead that was never split, and frees what it held. */
export function discardPrepared(inputs: PrepareInputs, prepared: PreparedSplit, start: number, end: number, pool: HistogramPool): void {
  inputs.arena.kernels.copy32(inputs.rows + 4 * start, inputs.scratch + 4 * start, end - start);
  if (prepared.small) pool.give(prepared.small);
  if (prepared.scans >= 0) pool.giveScans(prepared.scans);
}
