// DatetimeEncoder: calendar parts of a datetime column (epoch milliseconds), read in UTC: year,
// month (1-12), day (1-31), dayOfWeek (Monday = 0 … Sunday = 6, as pandas), hour (0-23),
// dayOfYear (1-366), and optionally each periodic part as a sin/cos pair on its circle
// (month: (m − 1) / 12, dayOfWeek: d / 7, hour: h / 24, dayOfYear: (d − 1) / days in that year)
// so that December sits next to January. Parts constant over the training rows (the hour of a
// date column) are dropped at fit when dropConstant is set. Missing → NaN in every output.

import { InvalidInput, resolveParams, type ParamSpecs, type ParamValues } from "../core/index.js";
import type { Column, ColumnKind } from "../data/index.js";
import { recordOf, stringsFromJson } from "./state-json.js";
import type { BlockSink, ColumnTransformer, FitContext, FittedBlock, StepState, TransformContext } from "./transformer.js";

export const DATETIME_ENCODER_PARAMS = {
  year: { type: "boolean", default: true, doc: "Output the year" },
  month: { type: "boolean", default: true, doc: "Output the month, 1-12" },
  day: { type: "boolean", default: true, doc: "Output the day of the month, 1-31" },
  dayOfWeek: { type: "boolean", default: true, doc: "Output the day of the week, Monday = 0" },
  hour: { type: "boolean", default: true, doc: "Output the hour, 0-23 (UTC)" },
  dayOfYear: { type: "boolean", default: true, doc: "Output the day of the year, 1-366" },
  cyclical: { type: "boolean", default: false, doc: "Add sin/cos of month, dayOfWeek, hour and dayOfYear" },
  dropConstant: { type: "boolean", default: true, doc: "Drop outputs that are constant over the training rows" },
} as const satisfies ParamSpecs;

export type DatetimeEncoderParams = ParamValues<typeof DATETIME_ENCODER_PARAMS>;

const PARTS = ["year", "month", "day", "dayOfWeek", "hour", "dayOfYear"] as const;
const PERIODIC = new Set(["month", "dayOfWeek", "hour", "dayOfYear"]);
const DAY_MS = 86_400_000;

export class DatetimeEncoder implements ColumnTransformer {
  readonly kind = "datetime-encoder";
  readonly role = "block";
  readonly accepts: readonly ColumnKind[] = ["datetime"];
  readonly params: DatetimeEncoderParams;

  constructor(params: Partial<DatetimeEncoderParams> = {}) {
    this.params = resolveParams(DATETIME_ENCODER_PARAMS, params, "DatetimeEncoder");
  }

  fit(column: Column, context: FitContext): FittedDatetimeEncoder {
    if (column.kind !== "datetime") throw new InvalidInput(`DatetimeEncoder needs a datetime column but "${context.name}" is ${column.kind}`);
    const outputs: string[] = [];
    for (const part of PARTS) {
      if (!this.params[part]) continue;
      outputs.push(part);
      if (this.params.cyclical && PERIODIC.has(part)) outputs.push(`${part}_sin`, `${part}_cos`);
    }
    let kept = outputs;
    if (this.params.dropConstant) {
      const all = new FittedDatetimeEncoder(this.params, outputs);
      const n = column.values.length;
      const block = new Float64Array(n * outputs.length);
      all.write(column, { data: block, stride: outputs.length, offset: 0 }, context);
      kept = outputs.filter((_, j) => !isConstant(block, j, outputs.length, n));
    }
    return new FittedDatetimeEncoder(this.params, kept);
  }
}

export class FittedDatetimeEncoder implements FittedBlock {
  readonly kind = "datetime-encoder";
  readonly role = "block";
  readonly params: DatetimeEncoderParams;
  /** Output names without the column: "year", "month_sin", … */
  readonly outputs: readonly string[];
  readonly outputSuffixes: readonly string[];

  constructor(params: DatetimeEncoderParams, outputs: readonly string[]) {
    this.params = params;
    this.outputs = outputs;
    this.outputSuffixes = outputs.map((o) => `.${o}`);
  }

  write(column: Column, sink: BlockSink, context: TransformContext): void {
    if (column.kind !== "datetime") throw new InvalidInput(`Column "${context.name}" is ${column.kind} but its DatetimeEncoder was fitted on a datetime column`);
    const { data, stride, offset } = sink;
    const codes = this.outputs.map(outputCode);
    const parts = new Float64Array(OUTPUT_CODES.length);
    for (let i = 0; i < column.values.length; i++) {
      calendarParts(column.values[i], parts);
      for (let j = 0; j < codes.length; j++) data[i * stride + offset + j] = parts[codes[j]];
    }
  }

  toJSON(): StepState {
    return { kind: this.kind, params: this.params, outputs: [...this.outputs] };
  }

  static fromJSON(state: Record<string, unknown>): FittedDatetimeEncoder {
    const params = new DatetimeEncoder(recordOf(state.params, "datetime-encoder params")).params;
    const outputs = stringsFromJson(state.outputs, "datetime-encoder outputs");
    outputs.forEach(outputCode);
    return new FittedDatetimeEncoder(params, outputs);
  }
}

const OUTPUT_CODES = ["year", "month", "day", "dayOfWeek", "hour", "dayOfYear", "month_sin", "month_cos", "dayOfWeek_sin", "dayOfWeek_cos", "hour_sin", "hour_cos", "dayOfYear_sin", "dayOfYear_cos"];

function outputCode(name: string): number {
  const code = OUTPUT_CODES.indexOf(name);
  if (code < 0) throw new InvalidInput(`Feature pipeline state: unknown datetime part "${name}"`);
  return code;
}

/**
 * Fills out[0..13] (OUTPUT_CODES.length values) with the parts of an epoch-ms instant in UTC, in OUTPUT_CODES order (NaN when
 * missing). Civil date from day number by Howard Hinnant's days_from_civil inverse: no Date object
 * per row.
 */
export function calendarParts(ms: number, out: Float64Array): void {
  if (!Number.isFinite(ms)) {
    out.fill(NaN);
    return;
  }
  const days = Math.floor(ms / DAY_MS);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doyFromMarch = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyFromMarch + 2) / 153);
  const day = doyFromMarch - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dayOfYear = month <= 2 ? doyFromMarch - 305 : doyFromMarch + 60 + (isLeap ? 1 : 0);
  const dayOfWeek = (((days + 3) % 7) + 7) % 7;
  const hour = Math.floor((ms - days * DAY_MS) / 3_600_000);
  out[0] = year;
  out[1] = month;
  out[2] = day;
  out[3] = dayOfWeek;
  out[4] = hour;
  out[5] = dayOfYear;
  const angle = (k: number, fraction: number): void => {
    out[k] = Math.sin(2 * Math.PI * fraction);
    out[k + 1] = Math.cos(2 * Math.PI * fraction);
  };
  angle(6, (month - 1) / 12);
  angle(8, dayOfWeek / 7);
  angle(10, hour / 24);
  angle(12, (dayOfYear - 1) / (isLeap ? 366 : 365));
}

function isConstant(block: Float64Array, j: number, stride: number, n: number): boolean {
  let first = NaN;
  for (let i = 0; i < n; i++) {
    const v = block[i * stride + j];
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}
