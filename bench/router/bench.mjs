// Router matching in one Node process: create-edge-app's generated matcher against Hono's
// routers and itty-router, on the same route table and request mix, in interleaved rounds.
//
// Usage: node bench.mjs --tool <create-edge-app binary> --work <folder> [--check]
//   --check   only check that every router agrees on every request, for every table size
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { normalize, routers } from "./peers.mjs";
import { specFor } from "./spec.mjs";
import { requestMix, routeTable } from "./table.mjs";

const { values } = parseArgs({
  options: {
    tool: { type: "string" },
    work: { type: "string" },
    check: { type: "boolean", default: false },
    rounds: { type: "string", default: "40" },
  },
});
if (!values.tool || !values.work) {
  console.error(
    "usage: node bench.mjs --tool <create-edge-app> --work <folder> [--check]",
  );
  process.exit(2);
}

/** The tables: the 32-route API, the same with overlapping routes, and grown to 200 routes. */
const TABLES = [
  [32, false],
  [34, true],
  [200, false],
];
const REQUESTS = 2000;

/** Generates the Worker for `routes` and imports its matcher. */
async function generatedMatcher(routes) {
  const dir = resolve(values.work, `router-${routes.length}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(values.work, { recursive: true });
  const spec = join(values.work, `router-${routes.length}.toml`);
  writeFileSync(spec, specFor(`router-${routes.length}`, routes));
  execFileSync(values.tool, ["new", dir, "--spec", spec], { stdio: "pipe" });
  const module = await import(
    pathToFileURL(join(dir, "src/generated/router.ts")).href
  );
  return module.matchRoute;
}

/** Every request's match from every router, compared with create-edge-app's. */
function disagreements(table, requests, routes) {
  const wildcards = new Set(
    routes.flatMap(([, path]) => path.match(/\*(\w+)$/)?.[1] ?? []),
  );
  const plain = (found) => {
    const match = normalize(found);
    if (match !== null) for (const name of wildcards) delete match.params[name];
    return JSON.stringify(match);
  };
  const problems = [];
  for (const [method, url] of requests) {
    const expected = plain(table["create-edge-app"](method, url));
    for (const [name, match] of Object.entries(table)) {
      const got = plain(match(method, url));
      if (got !== expected)
        problems.push(`${name}: ${method} ${url} -> ${got}, ours ${expected}`);
    }
  }
  return problems;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median ns per request of each router over interleaved rounds, in a rotating order. */
function measure(table, requests, rounds) {
  const names = Object.keys(table);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const methods = requests.map(([m]) => m);
  const urls = requests.map(([, u]) => u);
  let sink = 0;
  for (let round = -5; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + 5 + k) % names.length];
      const match = table[name];
      const start = process.hrtime.bigint();
      for (let i = 0; i < urls.length; i++) {
        if (match(methods[i], urls[i]) !== null) sink++;
      }
      const ns = Number(process.hrtime.bigint() - start) / urls.length;
      if (round >= 0) samples[name].push(ns);
    }
  }
  if (sink === 0) throw new Error("no router matched anything");
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

let failed = false;
for (const [size, overlapping] of TABLES) {
  const routes = routeTable(size, overlapping);
  const all = routers(routes, await generatedMatcher(routes));
  const table = Object.fromEntries(
    Object.entries(all).filter(([, m]) => typeof m === "function"),
  );
  const requests = requestMix(routes, REQUESTS, size);
  const problems = disagreements(table, requests, routes);
  const hits = requests.filter(
    ([m, u]) => table["create-edge-app"](m, u) !== null,
  ).length;
  console.log(
    `${size} routes${overlapping ? " (overlapping)" : ""}, ${requests.length} requests (${hits} matched): ${problems.length} disagreements`,
  );
  for (const problem of problems.slice(0, 20)) console.log(`  ${problem}`);
  if (problems.length > 0 || hits === 0 || hits === requests.length) {
    failed = true;
    continue;
  }
  if (values.check) continue;
  const results = measure(table, requests, Number(values.rounds));
  const ours = results["create-edge-app"];
  console.log(
    `| router (${size} routes${overlapping ? ", overlapping" : ""}) | median ns/request | that router / create-edge-app |`,
  );
  console.log("| --- | --- | --- |");
  for (const [name, match] of Object.entries(all)) {
    const ns = results[name];
    if (ns === undefined) console.log(`| ${name} | ${match} | |`);
    else
      console.log(
        `| ${name} | ${ns.toFixed(1)} | ${(ns / ours).toFixed(2)}x |`,
      );
  }
}
process.exit(failed ? 1 : 0);
