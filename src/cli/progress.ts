// Progress for long work: a bar with percentage and ETA on a terminal; on a pipe or in CI, one
// plain line for a step that has run a while (quick steps say nothing), so logs stay readable
// and an error stays the only line on stderr.

export interface ProgressOptions {
  readonly stream?: NodeJS.WriteStream;
  /** Force the interactive bar on or off (default: when the stream is a TTY and CI is not set). */
  readonly interactive?: boolean;
  /** Say nothing at all (e.g. with --json or --quiet). */
  readonly silent?: boolean;
}

/** A step on a pipe is announced once it has run this long. */
const QUIET_MS = 2000;

export class Progress {
  readonly #stream: NodeJS.WriteStream;
  readonly #interactive: boolean;
  readonly #silent: boolean;
  #step = "";
  #stepStarted = 0;
  #lastDraw = 0;
  #drawn = false;
  #announced = false;

  constructor(options: ProgressOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    this.#interactive = options.interactive ?? (Boolean(this.#stream.isTTY) && !process.env.CI);
    this.#silent = options.silent ?? false;
  }

  /** Reports progress of a step; `fraction` in 0..1 when known. */
  update(step: string, fraction?: number): void {
    if (this.#silent) return;
    const now = performance.now();
    if (step !== this.#step) {
      this.#step = step;
      this.#stepStarted = now;
      this.#announced = false;
    }
    if (!this.#interactive) {
      if (!this.#announced && now - this.#stepStarted >= QUIET_MS) {
        const percent = fraction === undefined ? "" : ` (${Math.round(fraction * 100)}%)`;
        this.#stream.write(`${step}…${percent}\n`);
        this.#announced = true;
      }
      return;
    }
    if (now - this.#lastDraw < 80) return;
    this.#lastDraw = now;
    this.#draw(step, fraction, now);
  }

  /** Clears the bar and prints a closing line. */
  done(message?: string): void {
    if (this.#silent) return;
    if (this.#interactive && this.#drawn) this.#stream.write("\r\x1b[2K");
    this.#drawn = false;
    if (message) this.#stream.write(`${message}\n`);
  }

  #draw(step: string, fraction: number | undefined, now: number): void {
    const width = Math.max(10, Math.min(30, (this.#stream.columns ?? 80) - step.length - 30));
    let bar: string;
    let tail = "";
    if (fraction === undefined || !Number.isFinite(fraction)) {
      const pos = Math.floor(now / 100) % width;
      bar = " ".repeat(pos) + "=" + " ".repeat(width - pos - 1);
    } else {
      const f = Math.max(0, Math.min(1, fraction));
      const filled = Math.round(f * width);
      bar = "#".repeat(filled) + "-".repeat(width - filled);
      const elapsed = (now - this.#stepStarted) / 1000;
      tail = ` ${(f * 100).toFixed(0).padStart(3)}%`;
      if (f > 0.02 && f < 1) tail += ` ETA ${formatSeconds((elapsed / f) * (1 - f))}`;
    }
    this.#stream.write(`\r\x1b[2K${step} [${bar}]${tail}`);
    this.#drawn = true;
  }
}

export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - 60 * m)} s`;
}
