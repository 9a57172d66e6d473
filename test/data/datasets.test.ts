// Reads every public dataset in ../shared/datasets/ and checks what a data scientist would check
// first: the shape SOURCE.md gives, the kind of each column, the missing counts and the classes.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";
import { isMissingAt, read, type Column, type ColumnKind, type Frame, type ReadOptions } from "../../src/index.js";

const ROOT = fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));

/** Files in the dataset folders that describe the data rather than hold it. */
const DOCUMENTATION = new Set(["SOURCE.md", "README.md", "bank-marketing/bank-names.txt", "bike-sharing/Readme.txt"]);

const DATA_FILES = [
  "adult/adult_data.csv.gz",
  "adult/adult_test.csv.gz",
  "airlines-allyears2k/allyears2k_headers.csv.gz",
  "bank-marketing/bank-full.csv.gz",
  "beijing-pm25/PRSA_data_2010.1.1-2014.12.31.csv.gz",
  "bike-sharing/day.csv.gz",
  "bike-sharing/hour.csv.gz",
  "california-housing/housing.csv.gz",
  "covertype-20k/covtype.20k.data.gz",
  "credit-default/UCI_Credit_Card.csv.gz",
  "diabetes-130-hospitals/IDs_mapping.csv.gz",
  "diabetes-130-hospitals/diabetic_data.csv.gz",
  "dry-bean/Dry_Bean_Dataset.csv.gz",
  "higgs-sample/higgs.csv.gz",
];

// Each file is read once with default options and shared by the tests about it.
const cache = new Map<string, Promise<Frame>>();
function load(file: string): Promise<Frame> {
  let frame = cache.get(file);
  if (!frame) {
    frame = read(ROOT + file);
    cache.set(file, frame);
  }
  return frame;
}

function missingCount(column: Column): number {
  const n = column.kind === "categorical" ? column.codes.length : column.values.length;
  let missing = 0;
  for (let r = 0; r < n; r++) if (isMissingAt(column, r)) missing++;
  return missing;
}

function assertKinds(frame: Frame, expected: Partial<Record<ColumnKind, readonly string[]>>): void {
  for (const [kind, names] of Object.entries(expected)) {
    for (const name of names) assert.equal(frame.field(name).kind, kind, `column "${name}" should be ${kind}`);
  }
}

function assertMissing(frame: Frame, expected: Record<string, number>): void {
  for (const [name, count] of Object.entries(expected)) {
    assert.equal(missingCount(frame.column(name)), count, `missing values in "${name}"`);
  }
}

function assertNoMissingElsewhere(frame: Frame, withMissing: readonly string[]): void {
  for (const name of frame.names) {
    if (!withMissing.includes(name)) assert.equal(missingCount(frame.column(name)), 0, `"${name}" should have no missing values`);
  }
}

function categoriesOf(frame: Frame, name: string): readonly string[] {
  const column = frame.column(name);
  assert.equal(column.kind, "categorical", `column "${name}" should be categorical`);
  return column.kind === "categorical" ? column.categories : [];
}

/** Rows per value of a categorical, boolean or integer column, keyed by the value as text. */
function valueCounts(frame: Frame, name: string): Record<string, number> {
  const column = frame.column(name);
  const counts: Record<string, number> = {};
  const add = (key: string): void => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  if (column.kind === "categorical") for (const code of column.codes) add(code < 0 ? "<missing>" : column.categories[code]);
  else if (column.kind === "text") for (const v of column.values) add(v ?? "<missing>");
  else for (const v of column.values) add(Number.isNaN(v) || (column.kind === "boolean" && v < 0) ? "<missing>" : String(v));
  return counts;
}

function numbers(frame: Frame, name: string): Float64Array {
  const column = frame.column(name);
  assert.ok(column.kind === "numeric" || column.kind === "integer" || column.kind === "datetime", `"${name}" should hold numbers`);
  return column.values;
}

describe("shared datasets", () => {
  test("every data file in the datasets folder is covered here", () => {
    const found: string[] = [];
    for (const dir of readdirSync(ROOT, { withFileTypes: true })) {
      if (!dir.isDirectory()) {
        assert.ok(DOCUMENTATION.has(dir.name), `unexpected file ${dir.name} at the top of the datasets folder`);
        continue;
      }
      for (const file of readdirSync(ROOT + dir.name)) {
        const path = `${dir.name}/${file}`;
        if (!DOCUMENTATION.has(file) && !DOCUMENTATION.has(path)) found.push(path);
      }
    }
    assert.deepEqual(found.sort(), [...DATA_FILES].sort());
  });

  describe("adult", () => {
    const header = [
      "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
      "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];
    const integers = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];
    const categoricals = header.filter((n) => !integers.includes(n));

    for (const [file, nRows, missing, incomes] of [
      ["adult/adult_data.csv.gz", 32_561, { workclass: 1_836, occupation: 1_843, "native-country": 583 }, { "<=50K": 24_720, ">50K": 7_841 }],
      ["adult/adult_test.csv.gz", 16_281, { workclass: 963, occupation: 966, "native-country": 274 }, { "<=50K": 12_435, ">50K": 3_846 }],
    ] as const) {
      test(`${file}: shape, header and kinds`, async () => {
        const frame = await load(file);
        assert.equal(frame.nRows, nRows);
        assert.equal(frame.nCols, 15);
        // The header has spaces after its commas: names come out trimmed.
        assert.deepEqual(frame.names, header);
        assert.equal(categoricals.length, 9);
        assertKinds(frame, { integer: integers, categorical: categoricals });
        assert.deepEqual(frame.origin?.notes, []);
      });

      test(`${file}: missing values and target`, async () => {
        const frame = await load(file);
        assertMissing(frame, missing);
        assertNoMissingElsewhere(frame, Object.keys(missing));
        const total = Object.values(missing).reduce((a, b) => a + b, 0);
        assert.equal(Object.values(frame.origin?.missingTokens ?? {}).reduce((a, b) => a + b, 0), total);
        assert.deepEqual(categoriesOf(frame, "income"), ["<=50K", ">50K"]);
        assert.deepEqual(valueCounts(frame, "income"), incomes);
      });

      test(`${file}: no value keeps its leading space`, async () => {
        const frame = await load(file);
        for (const name of categoricals) {
          for (const category of categoriesOf(frame, name)) {
            assert.equal(category, category.trim(), `category ${JSON.stringify(category)} of "${name}"`);
            assert.notEqual(category, "?", `"?" should be missing in "${name}"`);
          }
        }
        assert.deepEqual(frame.row(0), {
          age: 39, workclass: "State-gov", fnlwgt: 77_516, education: "Bachelors", "education-num": 13,
          "marital-status": "Never-married", occupation: "Adm-clerical", relationship: "Not-in-family", race: "White",
          sex: "Male", "capital-gain": 2_174, "capital-loss": 0, "hours-per-week": 40, "native-country": "United-States",
          income: "<=50K",
          ...(file.includes("test") ? {
            age: 25, workclass: "Private", fnlwgt: 226_802, education: "11th", "education-num": 7,
            occupation: "Machine-op-inspct", relationship: "Own-child", race: "Black", "capital-gain": 0,
          } : {}),
        });
      });
    }
  });

  test("bank-marketing: ';'-separated, yes/no as booleans, \"unknown\" as missing", async () => {
    const frame = await load("bank-marketing/bank-full.csv.gz");
    assert.equal(frame.nRows, 45_211);
    assert.equal(frame.nCols, 17);
    assert.equal(frame.origin?.delimiter, ";");
    assert.equal(frame.origin?.header, true);
    assertKinds(frame, {
      boolean: ["y", "default", "housing", "loan"],
      categorical: ["job", "marital", "education", "contact", "month", "poutcome"],
      integer: ["age", "balance", "day", "duration", "campaign", "pdays", "previous"],
    });
    // SOURCE.md: no empty cells, but "unknown" stands for missing in job, education, contact, poutcome.
    const unknown = { job: 288, education: 1_857, contact: 13_020, poutcome: 36_959 };
    assertMissing(frame, unknown);
    assertNoMissingElsewhere(frame, Object.keys(unknown));
    assert.equal(frame.origin?.missingTokens.unknown, 288 + 1_857 + 13_020 + 36_959);
    for (const name of Object.keys(unknown)) assert.ok(!categoriesOf(frame, name).includes("unknown"), name);
    assert.equal(categoriesOf(frame, "month").length, 12);
    assert.deepEqual(valueCounts(frame, "y"), { 0: 39_922, 1: 5_289 });
    assert.equal(frame.row(0).duration, 261);
    assert.equal(frame.row(0).y, false);
  });

  test("california-housing: 207 empty total_bedrooms, ocean_proximity with 5 categories", async () => {
    const frame = await load("california-housing/housing.csv.gz");
    assert.equal(frame.nRows, 20_640);
    assert.equal(frame.nCols, 10);
    assertKinds(frame, {
      numeric: ["longitude", "latitude", "median_income"],
      integer: ["housing_median_age", "total_rooms", "total_bedrooms", "population", "households", "median_house_value"],
      categorical: ["ocean_proximity"],
    });
    assertMissing(frame, { total_bedrooms: 207 });
    assertNoMissingElsewhere(frame, ["total_bedrooms"]);
    assert.deepEqual(categoriesOf(frame, "ocean_proximity"), ["<1H OCEAN", "INLAND", "ISLAND", "NEAR BAY", "NEAR OCEAN"]);
    assert.equal(valueCounts(frame, "ocean_proximity").ISLAND, 5);
    assert.equal(Math.max(...numbers(frame, "median_house_value")), 500_001);
    assert.equal(Math.max(...numbers(frame, "housing_median_age")), 52);
    assert.equal(frame.row(0).longitude, -122.23);
  });

  test("covertype-20k: no header, 55 integer columns c0..c54, c54 is a class 1..7", async () => {
    const frame = await load("covertype-20k/covtype.20k.data.gz");
    assert.equal(frame.nRows, 20_000);
    assert.equal(frame.nCols, 55);
    assert.equal(frame.origin?.header, false);
    assert.deepEqual(frame.names, Array.from({ length: 55 }, (_, i) => `c${i}`));
    for (const field of frame.schema) assert.equal(field.kind, "integer", field.name);
    assertNoMissingElsewhere(frame, []);
    assert.deepEqual(valueCounts(frame, "c54"), { 1: 2_942, 2: 6_022, 3: 2_160, 4: 2_160, 5: 2_396, 6: 2_160, 7: 2_160 });
    assert.equal(frame.field("c54").isPossiblyCategorical, true);
    assert.equal(frame.field("c0").isPossiblyCategorical, false);
    assert.equal(frame.row(0).c0, 2_596);
  });

  test("credit-default: ID is an identifier, Y is 0/1", async () => {
    const frame = await load("credit-default/UCI_Credit_Card.csv.gz");
    assert.equal(frame.nRows, 30_000);
    assert.equal(frame.nCols, 25);
    for (const field of frame.schema) assert.equal(field.kind, "integer", field.name);
    assert.equal(frame.field("ID").isIdentifier, true);
    assert.equal(frame.field("X1").isIdentifier, false);
    assert.equal(frame.field("Y").isIdentifier, false);
    assert.deepEqual(valueCounts(frame, "Y"), { 0: 23_364, 1: 6_636 });
    assertNoMissingElsewhere(frame, []);
  });

  test("bike-sharing hour.csv: instant is an identifier, dteday a date", async () => {
    const frame = await load("bike-sharing/hour.csv.gz");
    assert.equal(frame.nRows, 17_379);
    assert.equal(frame.nCols, 17);
    assert.equal(frame.field("instant").kind, "integer");
    assert.equal(frame.field("instant").isIdentifier, true);
    assertKinds(frame, {
      datetime: ["dteday"],
      numeric: ["temp", "atemp", "hum", "windspeed"],
      integer: ["season", "yr", "mnth", "hr", "holiday", "weekday", "workingday", "weathersit", "casual", "registered", "cnt"],
    });
    const days = numbers(frame, "dteday");
    assert.equal(days[0], Date.UTC(2011, 0, 1));
    assert.equal(days[frame.nRows - 1], Date.UTC(2012, 11, 31));
    assert.equal(frame.row(0).dteday, "2011-01-01T00:00:00.000Z");
    assert.equal(frame.row(0).cnt, 16);
    assertNoMissingElsewhere(frame, []);
  });

  test("bike-sharing day.csv: 731 days", async () => {
    const frame = await load("bike-sharing/day.csv.gz");
    assert.equal(frame.nRows, 731);
    assert.equal(frame.nCols, 16);
    assert.equal(frame.field("dteday").kind, "datetime");
    assert.equal(frame.field("instant").isIdentifier, true);
    assert.equal(frame.field("cnt").kind, "integer");
    const days = numbers(frame, "dteday");
    for (let i = 1; i < days.length; i++) assert.equal(days[i] - days[i - 1], 86_400_000, `day ${i}`);
  });

  test("higgs-sample: 28 numeric features and an integer label", async () => {
    const frame = await load("higgs-sample/higgs.csv.gz");
    assert.equal(frame.nRows, 10_984);
    assert.equal(frame.nCols, 29);
    assert.equal(frame.names[28], "label");
    for (const field of frame.schema.slice(0, 28)) assert.equal(field.kind, "numeric", field.name);
    assert.equal(frame.field("label").kind, "integer");
    assert.deepEqual(valueCounts(frame, "label"), { 0: 5_163, 1: 5_821 });
    assertNoMissingElsewhere(frame, []);
  });

  test("airlines: 43,978 × 31, YES/NO as booleans, NA as missing", async () => {
    const frame = await load("airlines-allyears2k/allyears2k_headers.csv.gz");
    assert.equal(frame.nRows, 43_978);
    assert.equal(frame.nCols, 31);
    assertKinds(frame, {
      boolean: ["IsDepDelayed", "IsArrDelayed"],
      categorical: ["Origin", "Dest", "UniqueCarrier", "TailNum", "CancellationCode"],
      integer: ["Year", "Month", "DepTime", "DepDelay", "ArrDelay", "Distance", "CarrierDelay", "LateAircraftDelay", "FlightNum"],
    });
    const missing = {
      DepTime: 1_086, ArrTime: 1_195, TailNum: 16_024, ActualElapsedTime: 1_195, CRSElapsedTime: 13, AirTime: 16_649,
      ArrDelay: 1_195, DepDelay: 1_086, Distance: 35, TaxiIn: 16_026, TaxiOut: 16_024, CancellationCode: 43_757,
      CarrierDelay: 35_045, WeatherDelay: 35_045, NASDelay: 35_045, SecurityDelay: 35_045, LateAircraftDelay: 35_045,
    };
    assertMissing(frame, missing);
    assertNoMissingElsewhere(frame, Object.keys(missing));
    assert.deepEqual(valueCounts(frame, "IsDepDelayed"), { 0: 20_887, 1: 23_091 });
    assert.ok(categoriesOf(frame, "Origin").length > 100, "Origin has many airports");
    // TailNum holds bytes that are not UTF-8 far into the file: read anyway, and said so.
    assert.ok(frame.origin?.notes.some((n) => /latin-1/i.test(n) && n.includes("TailNum")), JSON.stringify(frame.origin?.notes));
  });

  test("dry-bean: ';'-separated, Class with 7 categories", async () => {
    const frame = await load("dry-bean/Dry_Bean_Dataset.csv.gz");
    assert.equal(frame.nRows, 13_611);
    assert.equal(frame.nCols, 17);
    assert.equal(frame.origin?.delimiter, ";");
    assert.deepEqual(categoriesOf(frame, "Class"), ["BARBUNYA", "BOMBAY", "CALI", "DERMASON", "HOROZ", "SEKER", "SIRA"]);
    assert.deepEqual(valueCounts(frame, "Class"), {
      DERMASON: 3_546, SIRA: 2_636, SEKER: 2_027, HOROZ: 1_928, CALI: 1_630, BARBUNYA: 1_322, BOMBAY: 522,
    });
    for (const field of frame.schema.slice(0, 16)) {
      assert.ok(field.kind === "numeric" || field.kind === "integer", `${field.name} is ${field.kind}`);
    }
    assert.equal(frame.field("Perimeter").kind, "numeric");
    assertNoMissingElsewhere(frame, []);
  });

  describe("diabetes-130-hospitals", () => {
    test("diabetic_data: 101,766 × 50, identifiers, ICD-9 codes as categories", async () => {
      const frame = await load("diabetes-130-hospitals/diabetic_data.csv.gz");
      assert.equal(frame.nRows, 101_766);
      assert.equal(frame.nCols, 50);
      assert.equal(frame.field("encounter_id").isIdentifier, true);
      assert.equal(frame.field("patient_nbr").isIdentifier, true);
      assert.equal(frame.field("num_lab_procedures").isIdentifier, false);
      assertKinds(frame, {
        categorical: ["race", "gender", "age", "weight", "payer_code", "medical_specialty", "diag_1", "diag_2", "diag_3", "readmitted"],
        integer: ["time_in_hospital", "num_lab_procedures", "num_medications", "number_inpatient"],
      });
      assert.deepEqual(categoriesOf(frame, "readmitted"), ["<30", ">30", "NO"]);
      assert.deepEqual(valueCounts(frame, "readmitted"), { NO: 54_864, ">30": 35_545, "<30": 11_357 });
      const codes = categoriesOf(frame, "diag_1");
      assert.ok(codes.length >= 500 && codes.length < 1_000, `diag_1 has ${codes.length} categories`);
      assert.ok(codes.includes("250.83") && codes.includes("V57") && codes.includes("E909"));
      assert.equal(frame.row(0).diag_1, "250.83");
    });

    test("diabetic_data: '?' as missing, with the counts of SOURCE.md", async () => {
      const frame = await load("diabetes-130-hospitals/diabetic_data.csv.gz");
      const missing = {
        race: 2_273, weight: 98_569, payer_code: 40_256, medical_specialty: 49_949, diag_1: 21, diag_2: 358, diag_3: 1_423,
      };
      assertMissing(frame, missing);
      assertNoMissingElsewhere(frame, Object.keys(missing));
      assert.ok(!categoriesOf(frame, "race").includes("?"));
      // "None" is a level of the lab results ("not measured"), not a missing value.
      assert.ok(categoriesOf(frame, "max_glu_serum").includes("None"));
    });

    test("IDs_mapping: 67 × 2, empty cells as SOURCE.md counts them", async () => {
      // Three small tables stacked in one file: their header lines and blank separators are rows.
      const exact: ReadOptions = { missing: [""], unknownAsMissing: false };
      const frame = await read(ROOT + "diabetes-130-hospitals/IDs_mapping.csv.gz", exact);
      assert.equal(frame.nRows, 67);
      assert.deepEqual(frame.names, ["admission_type_id", "description"]);
      assertMissing(frame, { admission_type_id: 2, description: 2 });
      assert.equal(frame.field("admission_type_id").kind, "categorical");
      assert.equal(frame.row(5).description, "NULL");
      // With the default tokens, "NULL" and "Not Available" descriptions are missing too.
      const defaults = await load("diabetes-130-hospitals/IDs_mapping.csv.gz");
      assert.equal(defaults.nRows, 67);
      let tokens = 0;
      for (let r = 0; r < frame.nRows; r++) if (["NULL", "Not Available"].includes(String(frame.row(r).description))) tokens++;
      assert.ok(tokens > 0);
      assertMissing(defaults, { admission_type_id: 2, description: 2 + tokens });
    });
  });

  test("beijing-pm25: pm2.5 with 2,067 NA, No is a row id", async () => {
    const frame = await load("beijing-pm25/PRSA_data_2010.1.1-2014.12.31.csv.gz");
    assert.equal(frame.nRows, 43_824);
    assert.equal(frame.nCols, 13);
    assertKinds(frame, {
      // TEMP and PRES hold decimals only after the first 20,000 rows (row 42,428: 14.66666667).
      integer: ["No", "year", "month", "day", "hour", "pm2.5", "DEWP"],
      numeric: ["TEMP", "PRES", "Iws"],
      categorical: ["cbwd"],
    });
    assert.equal(frame.field("No").isIdentifier, true);
    assert.deepEqual(categoriesOf(frame, "cbwd"), ["NE", "NW", "SE", "cv"]);
    assertMissing(frame, { "pm2.5": 2_067 });
    assertNoMissingElsewhere(frame, ["pm2.5"]);
    assert.equal(frame.row(0)["pm2.5"], null);
  });

  test("origin.missingTokens counts the NA cells SOURCE.md reports (beijing-pm25, airlines)", async () => {
    // FrameOrigin: "Tokens read as missing, with how many cells each replaced".
    const beijing = await load("beijing-pm25/PRSA_data_2010.1.1-2014.12.31.csv.gz");
    assert.equal(beijing.origin?.missingTokens.NA, 2_067);
    // airlines: 289,510 missing cells, 279,704 of them "NA" and 9,806 empty.
    const airlines = await load("airlines-allyears2k/allyears2k_headers.csv.gz");
    assert.equal(airlines.origin?.missingTokens.NA, 279_704);
    assert.equal(Object.values(airlines.origin?.missingTokens ?? {}).reduce((a, b) => a + b, 0), 289_510);
  });
});
