// Where a store lives, from what the user gave: `--store` (or ORCHARD_STORE) as sqlite:///file.db
// or postgres://…, else a SQLite file under ORCHARD_HOME (default ./.orchard). Artifacts always go
// to the filesystem: beside the SQLite file, or under ORCHARD_HOME for Postgres.

import { basename, dirname, extname, join, resolve } from "node:path";
import { InvalidInput } from "../core/index.js";
import type { Dialect } from "./metadata-store.js";

export interface StoreOptions {
  /** "sqlite:///relative.db", "sqlite:////absolute.db", "postgres://user@host/db"; default ORCHARD_STORE. */
  readonly store?: string;
  /** Default ORCHARD_HOME, else ./.orchard. */
  readonly home?: string;
  /** Folder for artifacts; default beside the SQLite file, or <home>/artifacts. */
  readonly artifacts?: string;
}

export interface StoreLocation {
  readonly dialect: Dialect;
  /** The SQLite file, or the Postgres URL. */
  readonly target: string;
  readonly artifacts: string;
}

export function storeLocation(options: StoreOptions = {}, env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const home = resolve(options.home ?? (env.ORCHARD_HOME || ".orchard"));
  const store = options.store ?? (env.ORCHARD_STORE || undefined);
  if (store === undefined) return { dialect: "sqlite", target: join(home, "orchard.db"), artifacts: options.artifacts ?? join(home, "artifacts") };
  if (/^postgres(ql)?:\/\//.test(store)) return { dialect: "postgres", target: store, artifacts: options.artifacts ?? join(home, "artifacts") };
  if (store.startsWith("sqlite:///")) {
    // As SQLAlchemy and MLflow read it: three slashes then a relative path, four for an absolute one.
    const rest = store.slice("sqlite:///".length);
    if (rest === "" || rest.endsWith("/")) throw new InvalidInput(`Store "${store}" names no database file`, { hint: "use sqlite:///orchard.db (relative) or sqlite:////abs/path/orchard.db" });
    const file = resolve(rest);
    return { dialect: "sqlite", target: file, artifacts: options.artifacts ?? join(dirname(file), `${basename(file, extname(file))}-artifacts`) };
  }
  throw new InvalidInput(`Store "${store}" is not a store URL`, { hint: "use sqlite:///path.db, sqlite:////absolute/path.db or postgres://user@host:5432/db (or leave it out for ./.orchard)" });
}
