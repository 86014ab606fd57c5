#!/usr/bin/env bash
# The end-to-end test of the packaged extension in the real VS Code workbench (code-server), driven
# in headless Chromium. Each run: a fresh profile, extensions dir and workspace; the .vsix installed
# with code-server --install-extension; code-server on a free loopback port; drive.mjs; shutdown.
# Adapted from ../shared/e2e/run-e2e.sh.
#
# Usage: bash test/e2e/run-e2e.sh                  (after `npm run package` and test/e2e/install.sh)
#   VSIX=path.vsix    the package under test (default: faasguard.vsix at the repo root)
#   TOOLS=dir         where install.sh put code-server and playwright-core (default: .vscode-e2e)
#   SHOTS=dir         screenshots (default: test/e2e/shots, git-ignored)
#   RUNS=n            n consecutive runs, each from scratch (default 1), to check for flakiness
#   KEEP=1            keep each run's folder (profile, logs, workspace) even when it passes
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TOOLS=${TOOLS:-$ROOT/.vscode-e2e}
VSIX=${VSIX:-$ROOT/faasguard.vsix}
FIXTURE=${FIXTURE:-$ROOT/examples/vulnerable-app}
SHOTS=${SHOTS:-$HERE/shots}
RUNS=${RUNS:-1}
ENTRY="$TOOLS/node_modules/code-server/out/node/entry.js"
[ -f "$VSIX" ] || { echo "e2e: $VSIX not found: run npm run package first" >&2; exit 2; }
[ -f "$ENTRY" ] || { echo "e2e: code-server not found in $TOOLS: run test/e2e/install.sh first" >&2; exit 2; }
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || { echo "e2e: no Chromium: run test/e2e/install.sh first" >&2; exit 2; }

CS_PGID=
RUN=
cleanup() {
  # code-server was started in its own process group (setsid): end that group, and only it.
  if [ -n "$CS_PGID" ]; then kill -- "-$CS_PGID" 2>/dev/null || true; wait "$CS_PGID" 2>/dev/null || true; fi
  CS_PGID=
}
trap cleanup EXIT

one_run() { # $1: run number; sets run_rc, prints the driver's output
  local T0 PORT cs
  T0=$(date +%s.%N)
  RUN=$(mktemp -d -t faasguard-e2e.XXXXXX)
  # XDG_*: code-server would otherwise write ~/.config/code-server and ~/.local/share/code-server.
  cs=(env XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" node "$ENTRY" --config "$RUN/config.yaml"
      --user-data-dir "$RUN/ud" --extensions-dir "$RUN/ext")
  mkdir -p "$RUN/ud/User" "$RUN/ext"
  node "$HERE/workspace.mjs" "$FIXTURE" "$RUN/ws" "${E2E_GENERATED:-600}"
  # No welcome page, trust prompt, tips or animations: a stable UI and stable screenshots. No
  # automatic type acquisition: the TypeScript service would run npm (the network) for @types of the
  # opened .js files, in the background of the steps.
  cat > "$RUN/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "workbench.tips.enabled": false,
  "workbench.reduceMotion": "on",
  "extensions.ignoreRecommendations": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "workbench.enableExperiments": false,
  "chat.disableAIFeatures": true,
  "typescript.disableAutomaticTypeAcquisition": true
}
JSON
  printf 'auth: none\ncert: false\n' > "$RUN/config.yaml"

  # The packaged artifact, installed the way a user installs it.
  if ! "${cs[@]}" --install-extension "$VSIX" > "$RUN/install.log" 2>&1; then
    cat "$RUN/install.log"; run_rc=1; run_time=0; steps_failed=$((steps_failed + 1)); return
  fi
  PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  setsid "${cs[@]}" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
    --disable-workspace-trust > "$RUN/code-server.log" 2>&1 &
  CS_PGID=$!
  node -e '
    const end = Date.now() + 30000;
    (async () => { for (;;) {
      try { if ((await fetch(process.argv[1])).ok) return; } catch {}
      if (Date.now() > end) { console.error("e2e: code-server did not answer " + process.argv[1]); process.exit(1); }
      await new Promise((r) => setTimeout(r, 100));
    } })();' "http://127.0.0.1:$PORT/healthz"
  echo "e2e run $1: code-server (pgid $CS_PGID) on 127.0.0.1:$PORT, run folder $RUN"

  run_rc=0
  CS_URL="http://127.0.0.1:$PORT" WS="$RUN/ws" RUN_DIR="$RUN" SHOTS="$SHOTS" E2E_TOOLS="$TOOLS" \
    node "$HERE/drive.mjs" || run_rc=$?
  cleanup
  if [ -f "$RUN/result.txt" ]; then read -r sp sf ss < "$RUN/result.txt"; else sp=0; sf=1; ss=0; fi
  steps_passed=$((steps_passed + sp)); steps_failed=$((steps_failed + sf)); steps_skipped=$((steps_skipped + ss))
  run_time=$(node -e "console.log((Date.now()/1000 - $T0).toFixed(1))")
  if [ $run_rc -ne 0 ]; then
    echo "--- e2e run $1 failed; code-server log ($RUN kept):"; tail -n 40 "$RUN/code-server.log"
  elif [ -z "${KEEP:-}" ]; then
    rm -rf "$RUN"
  fi
}

mkdir -p "$SHOTS" && rm -f "$SHOTS"/*.png   # no stale screenshots from an earlier run
node "$HERE/check-vsix.mjs" "$VSIX" > /dev/null || { node "$HERE/check-vsix.mjs" "$VSIX"; exit 1; }
passed=0; failed=0; times=(); steps_passed=0; steps_failed=0; steps_skipped=0
for i in $(seq 1 "$RUNS"); do
  one_run "$i"
  times+=("$run_time")
  if [ $run_rc -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  echo "e2e run $i: $([ $run_rc -eq 0 ] && echo passed || echo FAILED) in ${run_time}s (install, start, drive, stop)"
done
[ "$RUNS" -gt 1 ] && echo "e2e: $RUNS runs, $passed passed, $failed failed; run times ${times[*]} (s)"
# The closing line: the checks of every run (a skipped check follows a failed one).
echo "e2e: $steps_passed passed, $steps_failed failed, $steps_skipped skipped"
[ $failed -eq 0 ]
