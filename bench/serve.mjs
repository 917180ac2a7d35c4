// Each app served by workerd on loopback, loaded with autocannon in interleaved rounds
// (create-edge-app, Hono and itty-router in turn), and its startup as `wrangler check startup`
// profiles it.
//
// Usage: node serve.mjs --tool <create-edge-app binary> --work <folder> [--rounds 3] [--seconds 3]
import { execFileSync, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  APPS,
  IMPLEMENTATIONS,
  MODULES,
  prepareApps,
} from "./apps/prepare.mjs";
import { API_ROUTES, requestMix } from "./router/table.mjs";

const { values } = parseArgs({
  options: {
    tool: { type: "string" },
    work: { type: "string" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "3" },
  },
});
if (!values.tool || !values.work) {
  console.error(
    "usage: node serve.mjs --tool <create-edge-app> --work <folder>",
  );
  process.exit(2);
}
const work = resolve(values.work);
const require = createRequire(join(MODULES, "..", "package.json"));
const autocannon = require("autocannon");
const workerd = join(MODULES, "workerd", "bin", "workerd");

const SECRET = "bench-secret-of-at-least-32-bytes!!";

/** An HS256 token the policy apps accept. */
function token() {
  const part = (value) =>
    Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: "https://auth.example.com",
    aud: "notes",
    sub: "bench",
    iat: now,
    exp: now + 3600,
  };
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}`;
  const signature = createHmac("sha256", SECRET)
    .update(unsigned)
    .digest("base64url");
  return `${unsigned}.${signature}`;
}

/** The requests each app is loaded with: autocannon cycles through them. */
function requestsFor(app) {
  if (app === "hello") return [{ method: "GET", path: "/" }];
  if (app === "api") {
    return requestMix(API_ROUTES, 200, 7, true).map(([method, url]) => {
      const { pathname, search } = new URL(url);
      return { method, path: pathname + search };
    });
  }
  return [
    {
      method: "POST",
      path: "/notes",
      headers: {
        authorization: `Bearer ${token()}`,
        "content-type": "application/json",
        origin: "https://app.example.com",
      },
      body: JSON.stringify({ title: "hello", tags: ["a", "b"] }),
    },
  ];
}

/** Builds `dir` as wrangler deploys it and returns the bundle's path. */
function bundle(dir) {
  execFileSync(
    "wrangler",
    ["deploy", "--dry-run", "--outdir", join(dir, "dist")],
    {
      cwd: dir,
      stdio: "pipe",
    },
  );
  const file = readdirSync(join(dir, "dist")).find((f) => f.endsWith(".js"));
  return join(dir, "dist", file);
}

/** Starts workerd serving `script` on `port`; resolves once it answers. */
async function serve(script, port) {
  const config = join(script, "..", "workerd.capnp");
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "${script.split("/").pop()}")],
  compatibilityDate = "2026-11-01",
  bindings = [(name = "JWT_SECRET", text = "${SECRET}")],
);
`,
  );
  const child = spawn(workerd, ["serve", config], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return child;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  child.kill();
  throw new Error(`workerd did not start for ${script}`);
}

/** Every request of the mix answered with a 2xx, or the benchmark would measure errors. */
async function check(port, requests, name) {
  for (const request of requests) {
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    if (response.status >= 300) {
      throw new Error(
        `${name}: ${request.method} ${request.path} answered ${response.status}`,
      );
    }
  }
}

/** wrk when it is installed (a C load generator, lighter on a small machine), else autocannon. */
const WRK = (() => {
  try {
    execFileSync("wrk", ["--version"], { stdio: "pipe" });
    return true;
  } catch (error) {
    // wrk prints its version and exits 1; only a missing program is a failure here.
    return error.code !== "ENOENT";
  }
})();

/** Loads the server on `port` with `requests` in turn; resolves to requests per second. */
function load(port, requests) {
  return WRK ? loadWithWrk(port, requests) : loadWithAutocannon(port, requests);
}

function loadWithWrk(port, requests) {
  const lua = join(work, "requests.lua");
  // Formatted on first use, once wrk knows the host each request needs.
  const table = requests
    .map(
      (r) =>
        `  { ${JSON.stringify(r.method)}, ${JSON.stringify(r.path)}, ${luaTable(r.headers ?? {})}, ${r.body === undefined ? "nil" : JSON.stringify(r.body)} },`,
    )
    .join("\n");
  const script = [
    `local requests = {\n${table}\n}`,
    "local formatted = {}",
    "local i = 0",
    "request = function()",
    "  i = i % #requests + 1",
    "  if formatted[i] == nil then",
    "    local r = requests[i]",
    "    formatted[i] = wrk.format(r[1], r[2], r[3], r[4])",
    "  end",
    "  return formatted[i]",
    "end",
  ];
  writeFileSync(lua, `${script.join("\n")}\n`);
  const output = execFileSync(
    "wrk",
    [
      "-t1",
      "-c8",
      `-d${values.seconds}s`,
      "-s",
      lua,
      `http://127.0.0.1:${port}`,
    ],
    { encoding: "utf8" },
  );
  if (/Non-2xx/.test(output) || /Socket errors/.test(output)) {
    throw new Error(`errors under load:\n${output}`);
  }
  return Number(output.match(/Requests\/sec:\s+([\d.]+)/)[1]);
}

function luaTable(headers) {
  const fields = Object.entries(headers).map(
    ([k, v]) => `[${JSON.stringify(k)}] = ${JSON.stringify(v)}`,
  );
  return `{ ${fields.join(", ")} }`;
}

function loadWithAutocannon(port, requests) {
  return new Promise((done, fail) => {
    autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: 8,
        duration: Number(values.seconds),
        requests,
      },
      (error, result) => {
        if (error) return fail(error);
        if (result.non2xx > 0 || result.errors > 0) {
          return fail(
            new Error(
              `${result.non2xx} non-2xx answers, ${result.errors} errors`,
            ),
          );
        }
        done(result.requests.average);
      },
    );
  });
}

/** Startup CPU time in ms: the non-idle samples of `wrangler check startup`'s profile. */
function startup(dir) {
  execFileSync("wrangler", ["check", "startup"], { cwd: dir, stdio: "pipe" });
  const profile = JSON.parse(
    readFileSync(join(dir, "worker-startup.cpuprofile"), "utf8"),
  );
  const idle = new Set(
    profile.nodes
      .filter((n) => n.callFrame.functionName === "(idle)")
      .map((n) => n.id),
  );
  let micros = 0;
  profile.samples.forEach((id, i) => {
    if (!idle.has(id)) micros += profile.timeDeltas[i];
  });
  return micros / 1000;
}

/**
 * Milliseconds to load and evaluate the bundle in a fresh V8 (a new Node process each time):
 * what a Worker's startup does, at a finer grain than the startup profile's samples.
 */
function evaluation(script) {
  const code = `const t = performance.now(); await import(${JSON.stringify(`file://${script}`)}); console.log(performance.now() - t);`;
  const times = [];
  for (let i = 0; i < 15; i++) {
    const output = execFileSync(
      process.execPath,
      ["--input-type=module", "-e", code],
      { encoding: "utf8" },
    );
    times.push(Number(output.trim()));
  }
  return median(times);
}

const median = (list) =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const projects = prepareApps(values.tool, work);
const servers = [];
const results = {};
try {
  let port = 18700;
  for (const project of projects) {
    project.port = port++;
    project.requests = requestsFor(project.app);
    project.script = bundle(project.dir);
    servers.push(await serve(project.script, project.port));
    await check(
      project.port,
      project.requests,
      `${project.app}/${project.implementation}`,
    );
  }
  for (const project of projects) {
    results[`${project.app}/${project.implementation}`] = {
      rps: [],
      startup: [],
      evaluation: [evaluation(project.script)],
    };
  }
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const app of APPS) {
      const group = projects.filter((p) => p.app === app);
      for (let k = 0; k < group.length; k++) {
        const project = group[(round + k) % group.length];
        const key = `${app}/${project.implementation}`;
        results[key].rps.push(await load(project.port, project.requests));
        results[key].startup.push(startup(project.dir));
      }
    }
  }
} finally {
  for (const server of servers) server.kill();
}

for (const [metric, title, digits] of [
  ["rps", "Requests per second (median of rounds)", 0],
  [
    "evaluation",
    "Startup: ms to load and evaluate the bundle in a fresh V8 (median of 15)",
    2,
  ],
  [
    "startup",
    "Startup CPU ms in `wrangler check startup`'s profile (median of rounds; the profiler samples every few ms)",
    1,
  ],
]) {
  const loader = WRK
    ? "wrk, 1 thread, 8 connections"
    : "autocannon, 8 connections";
  console.log(
    `\n${title}${metric === "rps" ? `, ${loader}, ${values.seconds} s a run` : ""}:\n`,
  );
  const ratios = IMPLEMENTATIONS.slice(1).map((peer) => `ours vs ${peer}`);
  console.log(
    `| app | ${IMPLEMENTATIONS.join(" | ")} | ${ratios.join(" | ")} |`,
  );
  console.log(
    `| --- |${" --- |".repeat(IMPLEMENTATIONS.length + ratios.length)}`,
  );
  for (const app of APPS) {
    const row = IMPLEMENTATIONS.map((i) =>
      median(results[`${app}/${i}`][metric]),
    );
    const cells = row.map((v) => v.toFixed(digits));
    // Higher is better for requests per second, lower for startup: each ratio says how many
    // times better ours is.
    const better = (peer) => (metric === "rps" ? row[0] / peer : peer / row[0]);
    const peerRatios = row
      .slice(1)
      .map((v) => (v > 0 && row[0] > 0 ? `${better(v).toFixed(2)}x` : "n/a"));
    console.log(
      `| ${app} | ${cells.join(" | ")} | ${peerRatios.join(" | ")} |`,
    );
  }
}
