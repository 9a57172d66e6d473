// Fitted linear models as model documents (models/persist): a JSON header with the parameters,
// feature names, fit report and statistics, and a payload with the coefficient arrays. Loading
// checks every field; a document is data and nothing in it is executed.

import { InvalidInput, resolveParams, type ParamSpecs } from "../../core/index.js";
import type { ClassLabel } from "../inputs.js";
import {
  PayloadReader,
  PayloadWriter,
  arrayAt,
  booleanOf,
  checkEnvelope,
  fieldError,
  integerAt,
  numberOf,
  objectAt,
  sectionOf,
  stringOf,
  type ModelCodec,
  type ModelDocument,
} from "../persist/index.js";
import { ElasticNetModel, LassoModel } from "./elastic-net.js";
import type { LinearInfo, LinearModelInit, LinearRegressorModel } from "./linear-model.js";
import { LinearRegressionModel, type RegressionStatistics } from "./linear-regression.js";
import { LogisticRegressionModel, type LogisticStatistics } from "./logistic-regression.js";
import { ELASTIC_NET_PARAMS, LASSO_PARAMS, LINEAR_REGRESSION_PARAMS, LOGISTIC_REGRESSION_PARAMS, RIDGE_PARAMS } from "./params.js";
import { RidgeModel } from "./ridge.js";
import type { StandardErrors } from "./summary.js";

const VERSION = 1;

/** Every fitted linear model kind. */
export type LinearModelOfAnyKind = LinearRegressionModel | RidgeModel | LassoModel | ElasticNetModel | LogisticRegressionModel;

type Header = Record<string, unknown>;

function regressorCodec<M extends LinearRegressorModel>(
  kind: string,
  type: abstract new (...args: never[]) => M,
  specs: ParamSpecs,
  build: (init: LinearModelInit, header: Header, reader: PayloadReader) => M,
  extra: (model: M, writer: PayloadWriter) => Header = () => ({}),
): ModelCodec<M> {
  return {
    kind,
    type,
    toDocument(model) {
      const writer = new PayloadWriter();
      const coef = writer.add("float64", model.coef);
      const header = { ...common(kind, model), coef, intercept: model.intercept, ...extra(model, writer) };
      return document(header, writer);
    },
    fromDocument(doc) {
      const raw = checkEnvelope(doc, kind, VERSION);
      const reader = new PayloadReader(doc.payload);
      const featureNames = arrayAt(raw, "featureNames", stringOf);
      const coef = reader.read("float64", sectionOf(raw.coef, "coef"), "coef");
      if (coef.length !== featureNames.length) throw new InvalidInput(`Model payload: coef has ${coef.length} values for ${featureNames.length} features`);
      const init = { coef, intercept: numberOf(raw.intercept, "intercept"), featureNames, params: checkedParams(raw, specs, kind), info: infoOf(raw) };
      return build(init, raw, reader);
    },
  };
}

function common(kind: string, model: { featureNames: readonly string[]; params: Readonly<Record<string, unknown>>; info: LinearInfo }): Header {
  return { format: "orchard-model", version: VERSION, kind, params: { ...model.params }, featureNames: [...model.featureNames], info: { ...model.info, warnings: [...model.info.warnings] } };
}

function document(header: Header, writer: PayloadWriter): ModelDocument {
  return { header: { ...header, payloadBytes: writer.byteLength } as unknown as ModelDocument["header"], payload: writer.finish() };
}

function checkedParams(raw: Header, specs: ParamSpecs, kind: string): Record<string, unknown> {
  const given = objectAt(raw, "params");
  try {
    return { ...resolveParams(specs, given, kind) };
  } catch (error) {
    throw new InvalidInput(`Model header field "params" is not valid for ${kind}: ${(error as Error).message}`, { cause: error });
  }
}

function infoOf(raw: Header): LinearInfo {
  const info = objectAt(raw, "info");
  return {
    solver: stringOf(info.solver, "info.solver"),
    nIterations: integerAt(info, "nIterations", 0, Number.MAX_SAFE_INTEGER, "info."),
    converged: booleanOf(info.converged, "info.converged"),
    finalGap: info.finalGap === null ? null : numberOf(info.finalGap, "info.finalGap"),
    rank: info.rank === null ? null : integerAt(info, "rank", 0, Number.MAX_SAFE_INTEGER, "info."),
    objective: numberOf(info.objective, "info.objective"),
    warnings: arrayAt(info, "warnings", stringOf),
  };
}

function writeErrors(se: StandardErrors, writer: PayloadWriter): Header {
  return { coef: se.coef ? writer.add("float64", se.coef) : null, intercept: se.intercept, note: se.note };
}

function readErrors(raw: Record<string, unknown>, reader: PayloadReader, length: number): StandardErrors {
  const coef = raw.coef === null ? null : reader.read("float64", sectionOf(raw.coef, "standardErrors.coef"), "standardErrors.coef");
  if (coef && coef.length !== length) throw new InvalidInput(`Model payload: standardErrors.coef has ${coef.length} values for ${length} features`);
  const intercept = raw.intercept === null ? null : numberOf(raw.intercept, "standardErrors.intercept");
  const note = raw.note === null ? null : stringOf(raw.note, "standardErrors.note");
  return { coef, intercept, note };
}

const linearRegressionCodec = regressorCodec(
  "linear-regression",
  LinearRegressionModel,
  LINEAR_REGRESSION_PARAMS,
  (init, raw, reader) => {
    const s = objectAt(raw, "statistics");
    const statistics: RegressionStatistics = {
      nObservations: integerAt(s, "nObservations", 1, Number.MAX_SAFE_INTEGER, "statistics."),
      dfResidual: integerAt(s, "dfResidual", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, "statistics."),
      rss: numberOf(s.rss, "statistics.rss"),
      tss: numberOf(s.tss, "statistics.tss"),
      standardErrors: readErrors(objectAt(s, "standardErrors"), reader, init.coef.length),
    };
    return new LinearRegressionModel(init, statistics);
  },
  (model, writer) => {
    const { standardErrors, ...rest } = model.statistics;
    return { statistics: { ...rest, standardErrors: writeErrors(standardErrors, writer) } };
  },
);

const logisticCodec: ModelCodec<LogisticRegressionModel> = {
  kind: "logistic-regression",
  type: LogisticRegressionModel,
  toDocument(model) {
    const writer = new PayloadWriter();
    const coef = writer.add("float64", model.coef);
    const intercept = writer.add("float64", model.intercept);
    const { standardErrors, ...rest } = model.statistics;
    for (const c of model.classes) if (typeof c === "number" && !Number.isFinite(c)) throw new InvalidInput(`Class label ${c} cannot be stored in a model document`);
    const statistics = { ...rest, standardErrors: writeErrors(standardErrors, writer) };
    return document({ ...common("logistic-regression", model), classes: [...model.classes], coef, intercept, statistics }, writer);
  },
  fromDocument(doc) {
    const raw = checkEnvelope(doc, "logistic-regression", VERSION);
    const reader = new PayloadReader(doc.payload);
    const featureNames = arrayAt(raw, "featureNames", stringOf);
    const classes = arrayAt(raw, "classes", labelOf);
    if (classes.length < 2) throw fieldError("classes", "two labels or more", raw.classes);
    const nScores = classes.length === 2 ? 1 : classes.length;
    const coef = reader.read("float64", sectionOf(raw.coef, "coef"), "coef");
    const intercept = reader.read("float64", sectionOf(raw.intercept, "intercept"), "intercept");
    if (coef.length !== nScores * featureNames.length || intercept.length !== nScores) {
      throw new InvalidInput(`Model payload: coef and intercept have ${coef.length} and ${intercept.length} values for ${classes.length} classes and ${featureNames.length} features`);
    }
    const s = objectAt(raw, "statistics");
    const statistics: LogisticStatistics = {
      nObservations: integerAt(s, "nObservations", 1, Number.MAX_SAFE_INTEGER, "statistics."),
      logLikelihood: numberOf(s.logLikelihood, "statistics.logLikelihood"),
      standardErrors: readErrors(objectAt(s, "standardErrors"), reader, featureNames.length),
    };
    const params = checkedParams(raw, LOGISTIC_REGRESSION_PARAMS, "logistic-regression");
    return new LogisticRegressionModel({ coef, intercept, classes, featureNames, params, info: infoOf(raw), statistics });
  },
};

function labelOf(value: unknown, where: string): ClassLabel {
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return value;
  throw fieldError(where, "a string, finite number or boolean", value);
}

/** The codecs of the linear kinds, for the model format (models/codecs.ts). */
export const LINEAR_CODECS: readonly ModelCodec<LinearModelOfAnyKind>[] = [
  linearRegressionCodec,
  regressorCodec("ridge", RidgeModel, RIDGE_PARAMS, (init) => new RidgeModel(init)),
  regressorCodec("lasso", LassoModel, LASSO_PARAMS, (init) => new LassoModel(init)),
  regressorCodec("elastic-net", ElasticNetModel, ELASTIC_NET_PARAMS, (init) => new ElasticNetModel(init)),
  logisticCodec,
] as readonly ModelCodec<any>[];
