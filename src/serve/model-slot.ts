// One served URI and the model currently behind it. A timer re-resolves the URI; when the digest
// changes the new bundle is read and decoded between requests, warmed up, and only then put in
// place by swapping one reference. A request takes the reference once when it starts, so it
// finishes on the model it began with; no request ever waits for a load or sees half of one.

import { readFile } from "node:fs/promises";
import type { ModelResolver, ResolvedModel } from "./resolved-model.js";
import { ServedModel } from "./served-model.js";

export interface SwapEvent {
  readonly uri: string;
  readonly from: ServedModel;
  readonly to: ServedModel;
}

export interface SlotEvents {
  readonly onSwap?: (event: SwapEvent) => void;
  /** A poll or load failed: the slot keeps serving what it has and tries again next poll. */
  readonly onError?: (uri: string, error: unknown) => void;
}

export class ModelSlot {
  readonly uri: string;
  #current: ServedModel;
  #polling = false;
  #timer: NodeJS.Timeout | undefined;
  /** Digest of a bundle that failed to load: not retried until the digest changes again. */
  #failedDigest: string | null = null;

  private constructor(uri: string, model: ServedModel) {
    this.uri = uri;
    this.#current = model;
  }

  static async open(uri: string, resolver: ModelResolver): Promise<ModelSlot> {
    return new ModelSlot(uri, await load(await resolver(uri)));
  }

  get current(): ServedModel {
    return this.#current;
  }

  /** Polls every `intervalMs` until stop(); the timer does not keep the process alive. */
  start(resolver: ModelResolver, intervalMs: number, events: SlotEvents = {}): void {
    this.stop();
    this.#timer = setInterval(() => void this.poll(resolver, events), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Re-resolves once; loads and swaps when the digest changed. True when it swapped. */
  async poll(resolver: ModelResolver, events: SlotEvents = {}): Promise<boolean> {
    if (this.#polling) return false;
    this.#polling = true;
    let digest: string | null = null;
    try {
      const resolved = await resolver(this.uri);
      digest = resolved.digest;
      if (digest === this.#current.digest || digest === this.#failedDigest) return false;
      const next = await load(resolved);
      if (next.digest === this.#current.digest) return false;
      const from = this.#current;
      this.#current = next;
      this.#failedDigest = null;
      events.onSwap?.({ uri: this.uri, from, to: next });
      return true;
    } catch (error) {
      // A bundle that does not load is not read again until it changes; a failed resolve is retried.
      if (digest !== null) this.#failedDigest = digest;
      events.onError?.(this.uri, error);
      return false;
    } finally {
      this.#polling = false;
    }
  }
}

/** Reads the bundle without blocking the event loop, then decodes and warms it up. */
async function load(resolved: ResolvedModel): Promise<ServedModel> {
  const bytes = await readFile(resolved.bundlePath);
  return ServedModel.fromBytes(resolved, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
