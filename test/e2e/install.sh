#!/usr/bin/env bash
# Installs what the end-to-end test needs: a real VS Code workbench (code-server 4.100.3 = VS Code
# 1.100.3, the last line that runs on Node 20), Debian's headless Chromium and playwright-core.
# Adapted from ../shared/e2e/install.sh. Needs only Debian's apt and the npm registry; runs as root
# (apt). Idempotent: a second run takes a few seconds.
# Usage: bash test/e2e/install.sh            (tools go to .vscode-e2e/ at the repo root, git-ignored)
#        DEST=/some/dir bash test/e2e/install.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CS_VERSION=${CS_VERSION:-4.100.3}
PW_VERSION=${PW_VERSION:-1.65.1}
DEST=${DEST:-$ROOT/.vscode-e2e}
step() { echo "== $(date +%T) e2e install: $*"; }
T0=$(date +%s)

node -e 'if (process.versions.node.split(".")[0] !== "20") { console.error("code-server 4.100.x needs Node 20, this is " + process.version); process.exit(1) }'

# 1. Debian: the browser, ripgrep (instead of @vscode/ripgrep's GitHub download), a toolchain for
#    code-server's native modules, and a font for readable screenshots.
APT_PKGS=(chromium ripgrep libkrb5-dev pkg-config build-essential python3 fonts-dejavu-core)
missing=()
for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${APT_PKGS[@]}"
fi
T1=$(date +%s)

VS="$DEST/node_modules/code-server/lib/vscode"
if [ -f "$DEST/.installed-$CS_VERSION-$PW_VERSION" ]; then
  step "tools already in $DEST"
else
  # 2. npm packages WITHOUT install scripts: code-server's postinstall refuses to run as root and
  #    downloads ripgrep. Its steps are redone by hand below.
  step "npm install code-server@$CS_VERSION playwright-core@$PW_VERSION"
  mkdir -p "$DEST"
  cd "$DEST"
  [ -f package.json ] || echo '{ "private": true }' > package.json
  npm install --ignore-scripts --no-audit --no-fund --save-exact "code-server@$CS_VERSION" "playwright-core@$PW_VERSION"
  # argon2 (loaded by code-server even with --auth none): its prebuilt download fails fast offline
  # and it builds from source.
  npm rebuild argon2

  # 3. node_modules/code-server/postinstall.sh, by hand.
  step "code-server's VS Code dependencies and native modules"
  cd "$VS"
  npm install --omit=dev --ignore-scripts --no-audit --no-fund
  # @vscode/ripgrep's postinstall downloads from GitHub unless bin/rg already exists.
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp -f "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # node-pty's postinstall runs `npx node-gyp`: npm_config_yes lets npx run without a prompt.
  npm_config_yes=true npm rebuild
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  cd "$VS/extensions"
  npm install --omit=dev --no-audit --no-fund   # the built-in extensions' TypeScript
  touch "$DEST/.installed-$CS_VERSION-$PW_VERSION"
fi
T2=$(date +%s)

# Smoke test, with code-server's config and data kept out of $HOME.
SMOKE=$(mktemp -d)
XDG_CONFIG_HOME=$SMOKE XDG_DATA_HOME=$SMOKE node "$DEST/node_modules/code-server/out/node/entry.js" --version
rm -rf "$SMOKE"
echo "e2e install: apt $((T1 - T0))s, tools $((T2 - T1))s, total $((T2 - T0))s; $(du -sh "$DEST" | cut -f1) in $DEST"
