// Runs every test file under src/ and test/ with Node's test runner (through tsx), and fails when
// it finds none: Node 20 neither expands globs in --test nor finds .ts files in a folder.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const filter = process.argv.slice(2);

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const files = ["src", "test"]
  .flatMap((d) => {
    try {
      return find(join(root, d));
    } catch {
      return [];
    }
  })
  .map((f) => relative(root, f))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));

if (files.length === 0) {
  console.error("No test files found (looked for *.test.ts under src/ and test/)");
  process.exit(1);
}

const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...files], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
