#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) from the npm registry into
# a project-local folder (default .e2e/code-server, git-ignored). Idempotent: does nothing when it is already there.
# Works on a machine that reaches only the npm registry and Debian apt; see shared spec vscode-e2e.md §1.
# Usage: scripts/install-code-server.sh [dest-dir]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-$ROOT/.e2e/code-server}
VERSION=4.100.3
BIN=$DEST/node_modules/.bin/code-server

if [ -x "$BIN" ] && [ -f "$DEST/.installed-$VERSION" ]; then
  echo "code-server $VERSION already installed: $BIN"
  exit 0
fi

# The native module 'kerberos' (a VS Code dependency) is built from source and needs the gssapi headers.
if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libkrb5-dev
  else
    echo "libkrb5-dev is missing: run 'sudo apt-get install -y libkrb5-dev' first" >&2
    exit 1
  fi
fi

rm -rf "$DEST"
mkdir -p "$DEST"
cd "$DEST"

# npm 11 runs no dependency install script unless package.json approves it (allowScripts). Approve code-server's
# postinstall and argon2's native build here. code-server's postinstall then runs a nested `npm install` in
# lib/vscode whose package.json approves nothing, so VS Code's native modules are skipped there; they are approved
# and built afterwards with `npm rebuild` (below). (npm rejects --allow-scripts and its env form in project installs,
# and npm passes its own config on to nested installs as env, so a user npmrc does not work either.)
cat > package.json <<'JSON'
{
  "name": "code-server-host",
  "private": true,
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
export npm_config_unsafe_perm=true   # code-server's postinstall.sh refuses to run as root without it
export npm_config_yes=true           # node-pty's build runs `npx node-gyp`; this machine's npm config has yes=false

# @vscode/ripgrep@1.15.11's postinstall downloads rg from GitHub, which is unreachable here. Pre-seed its download
# cache with the rg binary that the npm package @vscode/ripgrep-linux-x64 ships; it then unpacks the cached file.
RG_TMP=$(mktemp -d)
trap 'rm -rf "$RG_TMP"' EXIT
(cd "$RG_TMP" && npm pack -s @vscode/ripgrep-linux-x64@1.18.0 >/dev/null && tar xzf vscode-ripgrep-linux-x64-1.18.0.tgz)
RG_CACHE=$(node -p "require('os').tmpdir()")/vscode-ripgrep-cache-1.15.11
mkdir -p "$RG_CACHE"
tar czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RG_TMP/package/bin" rg

echo "installing code-server $VERSION into $DEST (about 1-2 minutes; log: $DEST/install.log)"
if ! npm install --no-audit --no-fund --foreground-scripts "code-server@$VERSION" > install.log 2>&1; then
  tail -40 install.log >&2
  echo "code-server install failed (full log: $DEST/install.log)" >&2
  exit 1
fi
# Build VS Code's native modules (node-pty, spdlog, kerberos, watcher, ripgrep download from the seeded cache, ...).
VSCODE_DIR=node_modules/code-server/lib/vscode
(cd "$VSCODE_DIR" && npm install-scripts approve --all >> "$DEST/install.log" 2>&1 \
  && npm rebuild --foreground-scripts >> "$DEST/install.log" 2>&1) || {
  tail -40 install.log >&2
  echo "building VS Code's native modules failed (full log: $DEST/install.log)" >&2
  exit 1
}
# A native module that was silently skipped would only show up later as a broken workbench: check the key ones.
for f in lib/vscode/node_modules/node-pty/build/Release/pty.node \
         lib/vscode/node_modules/@vscode/ripgrep/bin/rg \
         lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node; do
  if [ ! -e "node_modules/code-server/$f" ]; then
    echo "code-server install is incomplete: node_modules/code-server/$f is missing (see $DEST/install.log)" >&2
    exit 1
  fi
done
touch ".installed-$VERSION"
# XDG_* point into the install folder: code-server writes a config file even for --version.
VERSION_LINE=$(XDG_CONFIG_HOME="$DEST/.xdg/config" XDG_DATA_HOME="$DEST/.xdg/data" "$BIN" --version 2>/dev/null | grep -v ' info ' | head -1)
echo "code-server: $BIN ($VERSION_LINE)"
