// Wall time of starting a project: `create-edge-app new` against create-cloudflare's hello-world
// Worker (git and deploy off; it has no switch to skip its npm install) and, when cargo-generate is
// installed and WORKERS_RS_TEMPLATE names a local copy of workers-rs's templates/hello-world,
// `cargo generate` (it fetches that template from GitHub otherwise). Runs alternate; the table has
// the median of each.
//
// Usage: node new.mjs --tool <create-edge-app> --work <folder> [--runs 7]
//   WORKERS_RS_TEMPLATE=<workers-rs/templates/hello-world> adds cargo generate.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { MODULES } from "./apps/prepare.mjs";

const { values } = parseArgs({
  options: {
    tool: { type: "string" },
    work: { type: "string" },
    runs: { type: "string", default: "7" },
  },
});
if (!values.tool || !values.work) {
  console.error("usage: node new.mjs --tool <create-edge-app> --work <folder>");
  process.exit(2);
}
const tool = resolve(values.tool);
const work = resolve(values.work, "new");
mkdirSync(work, { recursive: true });
const c3 = join(MODULES, "create-cloudflare", "dist", "cli.js");
const quiet = { stdio: "pipe", cwd: work };

/** Each way to start a project: a name and what it runs in `dir`. */
const CASES = [
  [
    "create-edge-app new, hello (TypeScript)",
    (dir) => run(tool, ["new", dir, "--template", "hello"]),
  ],
  [
    "create-edge-app new, secure-api (TypeScript)",
    (dir) => run(tool, ["new", dir, "--template", "secure-api"]),
  ],
  [
    "create-edge-app new, hello (Rust)",
    (dir) => run(tool, ["new", dir, "--template", "hello", "--lang", "rust"]),
  ],
  [
    "create-edge-app new + npm install, hello (TypeScript)",
    (dir) => {
      run(tool, ["new", dir, "--template", "hello"]);
      run(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline"],
        dir,
      );
    },
  ],
  [
    "create-cloudflare, hello-world (TypeScript; installs)",
    (dir) =>
      run(process.execPath, [
        c3,
        dir,
        "--type=hello-world",
        "--lang=ts",
        "--no-deploy",
        "--no-git",
        "--no-open",
        "--no-auto-update",
        "--no-agents",
        "--accept-defaults",
      ]),
  ],
];
if (process.env.WORKERS_RS_TEMPLATE) {
  CASES.push([
    "cargo generate, workers-rs hello-world (Rust)",
    (dir) =>
      run(
        "cargo",
        [
          "generate",
          "--path",
          process.env.WORKERS_RS_TEMPLATE,
          "--name",
          "bench-app",
          "--silent",
          "--vcs",
          "none",
        ],
        join(dir, ".."),
      ),
  ]);
}

function run(program, args, cwd = work) {
  execFileSync(program, args, { ...quiet, cwd });
}

const times = CASES.map(() => []);
for (let round = 0; round < Number(values.runs); round++) {
  for (let k = 0; k < CASES.length; k++) {
    const index = (round + k) % CASES.length;
    const dir = join(work, `case-${index}`, "bench-app");
    rmSync(join(work, `case-${index}`), { recursive: true, force: true });
    mkdirSync(join(dir, ".."), { recursive: true });
    const start = performance.now();
    CASES[index][1](dir);
    times[index].push(performance.now() - start);
  }
}

const median = (list) =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const ours = median(times[0]);
console.log(
  `\nWall time to start a project (median of ${values.runs} alternating runs):\n`,
);
console.log("| command | ms | that / create-edge-app new hello |");
console.log("| --- | --- | --- |");
CASES.forEach(([name], i) => {
  const ms = median(times[i]);
  console.log(`| ${name} | ${ms.toFixed(0)} | ${(ms / ours).toFixed(1)}x |`);
});
