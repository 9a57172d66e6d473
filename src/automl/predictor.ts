// The trained model a user keeps: the winning model or weighted ensemble, refitted on all training
// rows, with the columns it reads. It predicts from a Frame read later (columns matched by name,
// categories by name) exactly as it did in training.

import { InvalidInput, matrix, type Matrix } from "../core/index.js";
import type { ColumnKind, Frame } from "../data/index.js";
import type { FittedFeaturePipeline } from "../features/index.js";
import type { ClassLabel, Model } from "../models/index.js";
import { applyCalibration, type Calibrator } from "./calibration.js";
import { ConstantModel, toClassOrder } from "./candidates.js";
import type { Task } from "./task.js";

export interface InputColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Categorical inputs: the training categories (to read a yes/no column back as categories). */
  readonly categories?: readonly string[];
}

export interface PredictorMember {
  readonly family: string;
  readonly weight: number;
  readonly model: Model | ConstantModel;
  /** Turns the input Frame into the model's matrix; null when the model reads Frames itself. */
  readonly pipeline: FittedFeaturePipeline | null;
  /** The hyperparameters it was trained with, and its boosting rounds: what a refit reuses. */
  readonly config: Readonly<Record<string, string | number | boolean | null>>;
  readonly iterations: number | null;
}

export interface PredictorInit {
  readonly task: Task;
  readonly target: string;
  readonly classes: readonly ClassLabel[];
  readonly inputs: readonly InputColumn[];
  readonly members: readonly PredictorMember[];
  /** Binary tasks: the probability of the second class above which it is predicted. */
  readonly threshold: number | null;
  /** Binary tasks: maps the blended probability of the second class to a calibrated one. */
  readonly calibrator?: Calibrator | null;
}

export class TrainedPredictor {
  readonly task: Task;
  readonly target: string;
  readonly classes: readonly ClassLabel[];
  readonly inputs: readonly InputColumn[];
  readonly members: readonly PredictorMember[];
  readonly threshold: number | null;
  readonly calibrator: Calibrator | null;

  constructor(init: PredictorInit) {
    this.task = init.task;
    this.target = init.target;
    this.classes = [...init.classes];
    this.inputs = init.inputs.map((c) => ({ ...c }));
    this.members = [...init.members];
    this.threshold = init.threshold;
    this.calibrator = init.calibrator ?? null;
  }

  /** Rows × classes probabilities (classification), in `classes` order. */
  predictProba(frame: Frame): Matrix {
    if (this.task !== "classification") throw new InvalidInput(`predictProba is for classification; this model predicts ${this.target} values: use predict`);
    const K = this.classes.length;
    return matrix(this.#blend(frame, K), { rows: frame.nRows, cols: K });
  }

  /** Labels (classification) or values (regression), one per row. */
  predict(frame: Frame): ClassLabel[] | Float64Array {
    if (this.task === "regression") return this.#blend(frame, 1);
    return this.labelsOf(this.predictProba(frame).data, frame.nRows);
  }

  /** Labels from rows × classes probabilities: the threshold for binary tasks, else the most probable class. */
  labelsOf(proba: ArrayLike<number>, nRows: number): ClassLabel[] {
    const K = this.classes.length;
    const out: ClassLabel[] = new Array(nRows);
    for (let i = 0; i < nRows; i++) {
      if (K === 2 && this.threshold !== null) {
        out[i] = this.classes[proba[2 * i + 1] > this.threshold ? 1 : 0];
        continue;
      }
      let best = 0;
      for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
      out[i] = this.classes[best];
    }
    return out;
  }

  /**
   * The members' outputs (each in predictMember's shape, `length` values) summed with their
   * weights, in member order: what predict blends. For callers that compute a member's output
   * another way (a server's row path) and must agree with predict to the last bit.
   */
  blend(outputOf: (member: PredictorMember, index: number) => Float64Array, length: number): Float64Array {
    const out = new Float64Array(length);
    this.members.forEach((member, m) => {
      const pred = outputOf(member, m);
      for (let j = 0; j < length; j++) out[j] += member.weight * pred[j];
    });
    // Binary tasks: the blended probability of the second class through the calibrator, if any.
    if (this.calibrator && this.task === "classification" && this.classes.length === 2) {
      const n = length / 2;
      const p1 = applyCalibration(this.calibrator, Float64Array.from({ length: n }, (_, i) => out[2 * i + 1]));
      for (let i = 0; i < n; i++) {
        out[2 * i] = 1 - p1[i];
        out[2 * i + 1] = p1[i];
      }
    }
    // Probabilities leave in [0, 1]: weights such as 9/28 + 18/28 + 1/28 sum to 1 only up to
    // rounding, and a member's own 1 − p can be an ulp off, so a blend can land just past 1 (seen:
    // 1.0000000000000007), which every probability metric rightly refuses.
    if (this.task === "classification") for (let j = 0; j < length; j++) out[j] = Math.min(1, Math.max(0, out[j]));
    return out;
  }

  /** The frame's columns this model reads, checked by name and kind. */
  features(frame: Frame): Frame {
    const missing = this.inputs.filter((c) => !frame.has(c.name)).map((c) => c.name);
    if (missing.length > 0) {
      throw new InvalidInput(`The data lacks ${missing.length} column${missing.length > 1 ? "s" : ""} the model reads: ${missing.join(", ")}`, {
        hint: `the model was trained on ${this.inputs.map((c) => c.name).join(", ")}`,
      });
    }
    frame = alignBooleans(frame, this.inputs);
    const wrong = this.inputs.filter((c) => !compatible(c.kind, frame.column(c.name).kind));
    if (wrong.length > 0) {
      throw new InvalidInput(`Columns of another kind than in training: ${wrong.map((c) => `${c.name} is ${frame.column(c.name).kind}, expected ${c.kind}`).join("; ")}`, {
        hint: `read the data with the training kinds, e.g. --kind ${wrong.map((c) => `${c.name}=${c.kind}`).join(",")}`,
      });
    }
    return frame.select(this.inputs.map((c) => c.name));
  }

  #blend(frame: Frame, K: number): Float64Array {
    const X = this.features(frame);
    return this.blend((member) => predictMember(member, X, this.task, this.classes), frame.nRows * K);
  }
}

/** A member's predictions in the common shape: n × K probabilities in class order, or n values. */
export function predictMember(member: Pick<PredictorMember, "model" | "pipeline">, frame: Frame, task: Task, classes: readonly ClassLabel[]): Float64Array {
  const { model, pipeline } = member;
  if (model instanceof ConstantModel) return model.predict(frame.nRows);
  const X: Frame | Matrix = pipeline ? pipeline.transform(frame) : frame;
  if (task === "regression") return Float64Array.from((model as unknown as { predict(X: Frame | Matrix): ArrayLike<number> }).predict(X));
  const m = model as unknown as { classes: readonly ClassLabel[]; predictProba(X: Frame | Matrix): Matrix };
  return toClassOrder(m.predictProba(X).data, m.classes.map((c) => classes.indexOf(c)), classes.length);
}

/**
 * A yes/no column is read as boolean or as categorical depending on the values a file happens to
 * hold (a test file with only "No" in it reads as boolean). Such a column is turned back into the
 * kind the model was trained on: booleans to the training categories that spell them, categories
 * to true/false by the same words (others become missing).
 */
function alignBooleans(frame: Frame, inputs: readonly InputColumn[]): Frame {
  let out = frame;
  for (const input of inputs) {
    if (!frame.has(input.name)) continue;
    const column = frame.column(input.name);
    if (input.kind === "categorical" && column.kind === "boolean") {
      const categories = [input.categories ?? [], ["no", "yes"]].find((c) => c.length > 0)!;
      const falseCode = categories.findIndex((c) => FALSE_WORDS.has(c.toLowerCase()));
      const trueCode = categories.findIndex((c) => TRUE_WORDS.has(c.toLowerCase()));
      const names = [...categories];
      const codeOf = (word: string, found: number): number => (found >= 0 ? found : names.push(word) - 1);
      const f = codeOf("no", falseCode);
      const t = codeOf("yes", trueCode);
      const codes = Int32Array.from(column.values, (v) => (v < 0 ? -1 : v === 1 ? t : f));
      out = out.with(input.name, { kind: "categorical", codes, categories: names });
    } else if (input.kind === "boolean" && column.kind === "categorical") {
      const valueOf = column.categories.map((c) => (TRUE_WORDS.has(c.toLowerCase()) ? 1 : FALSE_WORDS.has(c.toLowerCase()) ? 0 : -1));
      out = out.with(input.name, { kind: "boolean", values: Int8Array.from(column.codes, (c) => (c < 0 ? -1 : valueOf[c])) });
    }
  }
  return out;
}

const TRUE_WORDS = new Set(["yes", "true", "y", "t", "1"]);
const FALSE_WORDS = new Set(["no", "false", "n", "f", "0"]);

/** Integers read as numbers later (and the reverse) are the same column. */
function compatible(trained: ColumnKind, given: ColumnKind): boolean {
  if (trained === given) return true;
  const numeric = (k: ColumnKind): boolean => k === "numeric" || k === "integer";
  return numeric(trained) && numeric(given);
}
