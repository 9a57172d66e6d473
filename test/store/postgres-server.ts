// A throwaway Postgres for the tests: a real Debian server, never a mock. When ORCHARD_TEST_POSTGRES
// is set (.ci/run starts one), databases are created in that server; otherwise this starts its own
// cluster (initdb into a temporary folder, pg_ctl start on a free port), as the `postgres` user
// when running as root, because Postgres refuses to run as root. If Postgres cannot be started the
// tests fail with the reason; they are never skipped.

import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface PostgresServer {
  /** A fresh, empty database in the server; its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startPostgres(): Promise<PostgresServer> {
  const given = process.env.ORCHARD_TEST_POSTGRES;
  if (given) return server(given, async () => undefined);
  return startCluster();
}

function server(adminUrl: string, stop: () => Promise<void>): PostgresServer {
  return {
    async createDatabase() {
      const name = `orchard_test_${process.pid}_${Date.now()}_${counter++}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop,
  };
}

function binDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error("Postgres is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set ORCHARD_TEST_POSTGRES");
  return join(base, versions[0], "bin");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startCluster(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "orchard-pg-"));
  const data = join(dir, "data");
  const isRoot = userInfo().uid === 0;
  // As root, run the server as the postgres user, which must own the folder.
  const as = (command: string, args: string[]): void => {
    const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  };
  if (isRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), Number(execFileSync("id", ["-g", "postgres"]).toString().trim()));
  const port = await freePort();
  try {
    as(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
    as(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-w", "-t", "30", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, "start"]);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a test Postgres in ${dir}: ${(error as Error).message}\n${stderr}`);
  }
  return server(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
    try {
      as(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
