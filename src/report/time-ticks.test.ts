import { test } from "node:test";
import assert from "node:assert/strict";
import { niceMax, niceTicks } from "./nice-ticks.js";
import { timeTicks } from "./time-ticks.js";

test("niceTicks picks round steps inside the domain", () => {
  assert.deepEqual(niceTicks(0, 250_000, 6), [0, 50_000, 100_000, 150_000, 200_000, 250_000]);
  assert.deepEqual(niceTicks(18, 90, 6), [20, 40, 60, 80]);
  assert.deepEqual(niceTicks(0, 0.3, 3), [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(niceTicks(5, 5), [5]);
  assert.deepEqual(niceTicks(NaN, 1), []);
  assert.equal(niceMax(191), 200);
  assert.equal(niceMax(0), 1);
});

test("timeTicks lands on years, months, days or hours", () => {
  const years = timeTicks(Date.UTC(2019, 0, 1), Date.UTC(2024, 5, 30)).map((t) => t.label);
  assert.deepEqual(years, ["2019", "2020", "2021", "2022", "2023", "2024"]);
  const months = timeTicks(Date.UTC(2024, 0, 15), Date.UTC(2024, 8, 1)).map((t) => t.label);
  assert.deepEqual(months, ["2024-03", "2024-05", "2024-07", "2024-09"]);
  const days = timeTicks(Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 11)).map((t) => t.label);
  assert.deepEqual(days, ["2024-03-01", "2024-03-03", "2024-03-05", "2024-03-07", "2024-03-09", "2024-03-11"]);
  const hours = timeTicks(Date.UTC(2024, 2, 1, 8), Date.UTC(2024, 2, 2, 20)).map((t) => t.label);
  assert.deepEqual(hours, ["03-01 12:00", "18:00", "03-02 00:00", "06:00", "12:00", "18:00"]);
});
