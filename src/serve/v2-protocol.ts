// The Open Inference Protocol (KServe v2): model metadata and `infer` with named input tensors,
// one per column (or one [rows, columns] tensor in signature order), answered with a
// "predictions" tensor and, for classifiers, a [rows, classes] "probabilities" tensor.

import type { SignatureColumn } from "../automl/index.js";
import { InvalidRequest, shown, type InputIssue } from "./input-issues.js";
import { columnsTable, splitTable, type RequestTable } from "./request-table.js";
import type { Prediction, ServedModel } from "./served-model.js";

export interface TensorMetadata {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly number[];
}

export function datatypeOf(column: SignatureColumn): string {
  switch (column.kind) {
    case "numeric":
    case "datetime":
      return "FP64";
    case "integer":
      return "INT64";
    case "boolean":
      return "BOOL";
    default:
      return "BYTES";
  }
}

export function modelMetadata(model: ServedModel): Record<string, unknown> {
  const outputs: TensorMetadata[] = [{ name: "predictions", datatype: labelDatatype(model), shape: [-1] }];
  if (model.task === "classification") outputs.push({ name: "probabilities", datatype: "FP64", shape: [-1, model.bundle.predictor.classes.length] });
  return {
    name: model.name,
    versions: [model.version],
    platform: "orchard",
    inputs: model.bundle.signature.map((c) => ({ name: c.name, datatype: datatypeOf(c), shape: [-1] })),
    outputs,
    parameters: { task: model.task, target: model.bundle.predictor.target, digest: model.digest, uri: model.resolved.uri, ...(model.task === "classification" ? { classes: model.bundle.predictor.classes } : {}) },
  };
}

function labelDatatype(model: ServedModel): string {
  if (model.task === "regression") return "FP64";
  const first = model.bundle.predictor.classes[0];
  return typeof first === "number" ? "FP64" : typeof first === "boolean" ? "BOOL" : "BYTES";
}

/** `{"inputs": [{"name", "shape", "datatype", "data"}, ...]}` as a table. */
export function tableFromInfer(body: unknown, model: ServedModel): RequestTable {
  const inputs = (body as { inputs?: unknown } | null)?.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) throw new InvalidRequest([{ expected: '{"inputs": [{"name", "shape", "datatype", "data"}, ...]}', received: shown(body) }]);
  const issues: InputIssue[] = [];
  const columns: Record<string, unknown[]> = {};
  const names = model.encoder.names;
  for (const [t, tensor] of inputs.entries()) {
    const { name, shape, data } = (tensor ?? {}) as { name?: unknown; shape?: unknown; data?: unknown };
    if (typeof name !== "string" || !Array.isArray(data) || !Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
      issues.push({ column: typeof name === "string" ? name : `inputs[${t}]`, expected: "a tensor with a name, a shape of non-negative integers and data", received: shown(tensor) });
      continue;
    }
    const flat = data.flat(Infinity);
    const size = (shape as number[]).reduce((a, b) => a * b, 1);
    if (flat.length !== size) {
      issues.push({ column: name, expected: `${size} values for shape [${shape.join(", ")}]`, received: `${flat.length} values` });
      continue;
    }
    // One [rows, columns] tensor holding every column in signature order.
    if (inputs.length === 1 && shape.length === 2 && shape[1] === names.length && !names.includes(name)) {
      const rows = Array.from({ length: shape[0] as number }, (_, i) => flat.slice(i * names.length, (i + 1) * names.length));
      return splitTable({ columns: names, data: rows });
    }
    if (shape.length > 2 || (shape.length === 2 && shape[1] !== 1)) {
      issues.push({ column: name, expected: "a column tensor of shape [rows] or [rows, 1]", received: `shape [${shape.join(", ")}]` });
      continue;
    }
    columns[name] = flat;
  }
  if (issues.length > 0) throw new InvalidRequest(issues);
  return columnsTable(columns);
}

export function inferAnswer(model: ServedModel, prediction: Prediction, id: unknown): Record<string, unknown> {
  const n = prediction.nRows;
  const outputs: Record<string, unknown>[] = [{ name: "predictions", datatype: labelDatatype(model), shape: [n], data: Array.from(prediction.predictions as ArrayLike<unknown>) }];
  if (prediction.probabilities && prediction.classes) {
    outputs.push({ name: "probabilities", datatype: "FP64", shape: [n, prediction.classes.length], data: Array.from(prediction.probabilities), parameters: { classes: prediction.classes } });
  }
  return {
    model_name: model.name,
    model_version: model.version,
    ...(typeof id === "string" ? { id } : {}),
    outputs,
    ...(prediction.warnings.length > 0 ? { parameters: { warnings: prediction.warnings } } : {}),
  };
}
