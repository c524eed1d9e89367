// The two scripts Gradescope runs (autograder specification): setup.sh once, as root, when it
// builds the image (Ubuntu, with network); run_autograder for each submission, in /autograder.
// Both honour $MSGSLOT_AUTOGRADER_ROOT so a test can lay the tree out somewhere else.

import { CONFIG_FILE, INSTALL_MANIFEST, NODE_MAJOR } from "./config.js";

/** The variant is baked in for setup.sh's check; it comes from VARIANTS, so it needs no quoting. */
export function setupScript(variant: string): string {
  return `#!/usr/bin/env bash
# msgslot autograder, setup: Gradescope runs this once, as root, when it builds the image.
# 1. Node.js >= 20 and npm: kept when the image has them, else the official build of the latest
#    Node.js ${NODE_MAJOR} (or $MSGSLOT_NODE_MAJOR) from nodejs.org, checked against its SHA-256, in
#    /opt/nodejs, linked into /usr/local/bin.
# 2. msgslot from the tarball in this zip (the course's version, frozen with its dependencies'
#    versions) into $ROOT/msgslot.
# 3. A check: msgslot grades its own reference (it also fills the compile cache).
set -euo pipefail
ROOT="\${MSGSLOT_AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
APP="$ROOT/msgslot"
NODE_MAJOR="\${MSGSLOT_NODE_MAJOR:-${NODE_MAJOR}}"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
# Node >= 20 with its npm (a distribution's nodejs package may come without npm)
node_ok() { [ "$(node_major)" -ge 20 ] && command -v npm >/dev/null 2>&1; }

install_node() {
  local arch tmp file base="https://nodejs.org/dist/latest-v$NODE_MAJOR.x"
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "setup.sh: no official Node.js build for $(uname -m)" >&2; exit 1 ;;
  esac
  if ! command -v curl >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates
  fi
  tmp="$(mktemp -d)"
  curl -fsSL "$base/SHASUMS256.txt" -o "$tmp/SHASUMS256.txt"
  file="$(grep -o "node-v[0-9.]*-linux-$arch\\.tar\\.gz" "$tmp/SHASUMS256.txt" | head -n 1)"
  [ -n "$file" ] || { echo "setup.sh: no linux-$arch tarball listed in $base/SHASUMS256.txt" >&2; exit 1; }
  curl -fsSL "$base/$file" -o "$tmp/$file"
  (cd "$tmp" && grep "  $file\\$" SHASUMS256.txt | sha256sum -c -)
  rm -rf /opt/nodejs
  mkdir -p /opt/nodejs
  tar -xzf "$tmp/$file" -C /opt/nodejs --strip-components=1 --no-same-owner
  ln -sf /opt/nodejs/bin/node /opt/nodejs/bin/npm /opt/nodejs/bin/npx /usr/local/bin/
  rm -rf "$tmp"
  hash -r
}

if node_ok; then
  echo "setup.sh: Node.js $(node --version) is installed: keeping it"
else
  echo "setup.sh: no Node.js >= 20 with npm (found: $(node --version 2>/dev/null || echo no node), $(command -v npm || echo no npm)): installing Node.js $NODE_MAJOR"
  install_node
fi
node_ok || { echo "setup.sh: Node.js >= 20 with npm is still missing" >&2; exit 1; }
echo "setup.sh: node $(node --version), npm $(npm --version)"

mkdir -p "$APP"
cp "$SOURCE/${INSTALL_MANIFEST}" "$APP/package.json"
(cd "$APP" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --no-update-notifier)
MSGSLOT="$APP/node_modules/msgslot/bin/msgslot.js"
node "$MSGSLOT" --version

export MSGSLOT_CACHE_DIR="$ROOT/msgslot-cache"
node "$MSGSLOT" grade --variant ${variant} --jobs 1 "$APP/node_modules/msgslot/module-c"
echo "setup.sh: msgslot is installed (settings: $SOURCE/${CONFIG_FILE})"
`;
}

/** run_autograder: msgslot writes results.json; if it could not (no Node, a crash), this does. */
export function runAutograderScript(): string {
  return `#!/usr/bin/env bash
# msgslot autograder: Gradescope runs this for each submission. msgslot grades
# $ROOT/submission into $ROOT/results/results.json (settings: $ROOT/source/${CONFIG_FILE}).
ROOT="\${MSGSLOT_AUTOGRADER_ROOT:-/autograder}"
RESULTS="$ROOT/results/results.json"
export MSGSLOT_CACHE_DIR="$ROOT/msgslot-cache"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"
node "$ROOT/msgslot/node_modules/msgslot/bin/msgslot.js" gradescope --run --root "$ROOT"
status=$?
if [ ! -s "$RESULTS" ]; then
  # Gradescope shows an opaque error without a results.json: say what happened instead
  cat > "$RESULTS" <<EOF
{"score": 0, "execution_time": 0, "output": "The autograder could not run msgslot (exit status $status). This is a problem of the autograder, not of your submission: please tell the course staff.", "visibility": "visible", "stdout_visibility": "hidden", "tests": []}
EOF
fi
exit 0
`;
}
