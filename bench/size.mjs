// Bundle size of each app in each implementation, as `wrangler deploy --dry-run` reports it:
// with each project's own config (the generated ones minify), and with `--minify` for all.
//
// Usage: node size.mjs --tool <create-edge-app binary> --work <folder>
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { APPS, IMPLEMENTATIONS, prepareApps } from "./apps/prepare.mjs";

const { values } = parseArgs({
  options: { tool: { type: "string" }, work: { type: "string" } },
});
if (!values.tool || !values.work) {
  console.error(
    "usage: node size.mjs --tool <create-edge-app> --work <folder>",
  );
  process.exit(2);
}
const work = resolve(values.work);

/** The gzip size in KiB wrangler reports for a dry-run deploy of `dir`. */
function gzipKiB(dir, extra) {
  const output = execFileSync(
    "wrangler",
    ["deploy", "--dry-run", "--outdir", join(dir, "dist"), ...extra],
    { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const found = output.match(/gzip: ([\d.]+) KiB/);
  if (found === null)
    throw new Error(`no size in wrangler's output for ${dir}:\n${output}`);
  return Number(found[1]);
}

const projects = prepareApps(values.tool, work);
const sizes = {};
for (const { app, implementation, dir } of projects) {
  sizes[`${app}/${implementation}`] = {
    configured: gzipKiB(dir, []),
    minified: gzipKiB(dir, ["--minify"]),
  };
}

for (const [kind, title] of [
  ["configured", "each project's own config"],
  ["minified", "`--minify` for every project"],
]) {
  console.log(`\nGzip KiB, ${title}:\n`);
  const ratios = IMPLEMENTATIONS.slice(1).map((peer) => `${peer} / ours`);
  console.log(
    `| app | ${IMPLEMENTATIONS.join(" | ")} | ${ratios.join(" | ")} |`,
  );
  console.log(
    `| --- |${" --- |".repeat(IMPLEMENTATIONS.length + ratios.length)}`,
  );
  for (const app of APPS) {
    const row = IMPLEMENTATIONS.map((i) => sizes[`${app}/${i}`][kind]);
    const ours = row[0];
    const cells = row.map((kib) => kib.toFixed(2));
    const peerRatios = row.slice(1).map((kib) => `${(kib / ours).toFixed(2)}x`);
    console.log(
      `| ${app} | ${cells.join(" | ")} | ${peerRatios.join(" | ")} |`,
    );
  }
}
