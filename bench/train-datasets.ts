// The datasets of bench/train.ts: every directory of /work/shared/datasets with the target its
// SOURCE.md documents, the columns that leak it or only identify a row left out, and the tokens
// that mean missing there. train_reference.py turns each into a fixed train/test pair of CSV files
// that Orchard and the Python contenders all read.
//
// Data credits (all from /work/shared/datasets; see each SOURCE.md): UCI Adult (Becker & Kohavi
// 1996), US DOT airline on-time sample "allyears2k" (H2O), UCI Bank Marketing (Moro et al. 2014),
// UCI Beijing PM2.5 (Liang et al. 2015), UCI Bike Sharing (Fanaee-T & Gama 2013), California
// Housing (Pace & Barry 1997, Géron's variant), UCI Covertype first 20k rows (Blackard 1998), UCI
// Default of Credit Card Clients (Yeh & Lien 2009), UCI Diabetes 130-US hospitals (Strack et al.
// 2014), UCI Dry Bean (Koklu & Ozkan 2020), UCI HIGGS sample (Baldi et al. 2014). CC BY 4.0 unless
// SOURCE.md says public domain.

export type BenchTask = "binary" | "multiclass" | "regression";

export interface TrainDataset {
  readonly name: string;
  /** Data file under the datasets directory (gzip CSV). */
  readonly file: string;
  /** The official test file, when the dataset has one; otherwise a seeded 80/20 split is made. */
  readonly testFile?: string;
  readonly target: string;
  readonly task: BenchTask;
  readonly delimiter?: string;
  /** Column names for a file without a header line. */
  readonly names?: readonly string[];
  /** Columns left out: they leak the target or only identify a row. */
  readonly drop?: readonly string[];
  /** Only these columns (and the target) are kept: for files where most columns leak. */
  readonly keep?: readonly string[];
  /** Tokens SOURCE.md documents as missing (the empty string always is). */
  readonly missing: readonly string[];
  /** Strip spaces around values (adult keeps the space after each comma). */
  readonly strip?: boolean;
  /** Why the columns were dropped, for the report. */
  readonly note: string;
}

const COVERTYPE_NAMES = [...Array.from({ length: 54 }, (_, j) => `c${j}`), "Cover_Type"];

export const TRAIN_DATASETS: readonly TrainDataset[] = [
  {
    name: "adult",
    file: "adult/adult_data.csv.gz",
    testFile: "adult/adult_test.csv.gz",
    target: "income",
    task: "binary",
    missing: ["?"],
    strip: true,
    note: "official train/test files",
  },
  {
    name: "airlines",
    file: "airlines-allyears2k/allyears2k_headers.csv.gz",
    target: "IsDepDelayed",
    task: "binary",
    // SOURCE.md's typical feature set: what is known before the flight leaves.
    keep: ["Year", "Month", "DayofMonth", "DayOfWeek", "CRSDepTime", "CRSArrTime", "UniqueCarrier", "FlightNum", "Origin", "Dest", "Distance"],
    missing: ["NA"],
    note: "schedule columns only (delays, actual times, taxi, cancellation leak)",
  },
  {
    name: "bank-marketing",
    file: "bank-marketing/bank-full.csv.gz",
    target: "y",
    task: "binary",
    delimiter: ";",
    drop: ["duration"],
    missing: [],
    note: "duration dropped (known only after the call)",
  },
  {
    name: "beijing-pm25",
    file: "beijing-pm25/PRSA_data_2010.1.1-2014.12.31.csv.gz",
    target: "pm2.5",
    task: "regression",
    drop: ["No"],
    missing: ["NA"],
    note: "rows without pm2.5 dropped; No (row id) dropped; random split of an hourly series",
  },
  {
    name: "bike-sharing",
    file: "bike-sharing/hour.csv.gz",
    target: "cnt",
    task: "regression",
    drop: ["casual", "registered", "instant", "dteday"],
    missing: [],
    note: "casual + registered = cnt dropped; instant (id) and dteday (date, in yr/mnth/weekday) dropped",
  },
  {
    name: "california-housing",
    file: "california-housing/housing.csv.gz",
    target: "median_house_value",
    task: "regression",
    missing: [],
    note: "",
  },
  {
    name: "covertype-20k",
    file: "covertype-20k/covtype.20k.data.gz",
    target: "Cover_Type",
    task: "multiclass",
    names: COVERTYPE_NAMES,
    missing: [],
    note: "no header: c0..c53 + Cover_Type",
  },
  {
    name: "credit-default",
    file: "credit-default/UCI_Credit_Card.csv.gz",
    target: "Y",
    task: "binary",
    drop: ["ID"],
    missing: [],
    note: "ID dropped",
  },
  {
    name: "diabetes-130",
    file: "diabetes-130-hospitals/diabetic_data.csv.gz",
    target: "readmitted",
    task: "multiclass",
    drop: ["encounter_id", "patient_nbr"],
    missing: ["?"],
    note: "encounter_id, patient_nbr dropped; row split (patients repeat across it)",
  },
  {
    name: "dry-bean",
    file: "dry-bean/Dry_Bean_Dataset.csv.gz",
    target: "Class",
    task: "multiclass",
    delimiter: ";",
    missing: [],
    note: "",
  },
  {
    name: "higgs-sample",
    file: "higgs-sample/higgs.csv.gz",
    target: "label",
    task: "binary",
    missing: [],
    note: "",
  },
];

/** The metric every contender is scored by: the one Orchard picks by default for the task. */
export function metricOf(task: BenchTask): { name: "auc" | "logloss" | "rmse"; higherIsBetter: boolean } {
  if (task === "binary") return { name: "auc", higherIsBetter: true };
  if (task === "multiclass") return { name: "logloss", higherIsBetter: false };
  return { name: "rmse", higherIsBetter: false };
}
