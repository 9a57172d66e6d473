// The metrics of src/models/gbdt/metrics.ts against scikit-learn's values on the same random
// inputs, unweighted and weighted. test/fixtures/metrics/make_metrics_fixture.py made the fixture;
// rerun it with /usr/bin/python3 to regenerate. Agreement is to 1e-9 relative.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { METRIC_NAMES, createMetric, type MetricOptions } from "../../../src/models/gbdt/metrics.js";

interface Input {
  readonly y: number[];
  readonly pred: number[];
  readonly weight: number[];
  readonly nOutputs: number;
}

interface Case {
  readonly metric: string;
  readonly input: string;
  readonly weighted: boolean;
  readonly options: MetricOptions;
  readonly expected: number;
}

interface Fixture {
  readonly sklearn: string;
  readonly inputs: Record<string, Input>;
  readonly cases: Case[];
}

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/metrics/metrics.json", import.meta.url), "utf8")) as Fixture;

describe(`metrics agree with scikit-learn ${fixture.sklearn}`, () => {
  test("the fixture covers every metric scikit-learn has, weighted and not", () => {
    const covered = new Set(fixture.cases.map((c) => `${c.metric} ${c.weighted}`));
    for (const name of METRIC_NAMES) {
      if (name === "huber") continue; // no Huber loss among sklearn's metrics; hand-checked in metrics.test.ts
      assert.ok(covered.has(`${name} false`) && covered.has(`${name} true`), name);
    }
  });

  for (const c of fixture.cases) {
    const label = `${c.metric} on ${c.input}${c.weighted ? ", weighted" : ""}${Object.keys(c.options).length > 0 ? ` ${JSON.stringify(c.options)}` : ""}`;
    test(label, () => {
      const input = fixture.inputs[c.input];
      assert.equal(input.pred.length, input.y.length * input.nOutputs);
      const weight = c.weighted ? Float64Array.from(input.weight) : null;
      const actual = createMetric(c.metric, c.options).evaluate(Float64Array.from(input.y), Float64Array.from(input.pred), weight, input.nOutputs);
      const error = Math.abs(actual - c.expected) / Math.abs(c.expected);
      assert.ok(error <= 1e-9, `${actual} vs scikit-learn's ${c.expected} (relative error ${error})`);
    });
  }
});
