#!/usr/bin/env bash
# Builds the floor environment the step scripts are tested in: a Debian bullseye root with Python 3.9.2,
# pandas 1.1.5, numpy 1.19.5, scikit-learn 0.23.2, xgboost 1.2.1 and pytest, at or below the libraries of the
# SageMaker containers that run the scripts (src/SageMakerPipelines/Images/ContainerCatalog.cs). Tests run the
# generated projects' pytest tests in it with chroot (which needs root).
#   eng/install-floor.sh [FOLDER]      default: .tools/floor-bullseye (ignored by git)
# Idempotent: a finished root is left alone. It is built in FOLDER.partial and moved into place only when
# complete, so an interrupted build never passes for a finished one. About 2 minutes and 540 MB.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
floor="${1:-$root/.tools/floor-bullseye}"
packages=python3-pandas,python3-sklearn,python3-xgboost,python3-pytest
marker="$floor/etc/mlpipeline-floor"

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$packages" ] && [ -x "$floor/usr/bin/python3" ]; then
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "eng/install-floor.sh: building the floor environment needs root (debootstrap and chroot)." >&2
  exit 77
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "Installing debootstrap (apt)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq debootstrap >/dev/null
fi

# The mirror apt uses on this machine: the first URIs of a deb822 stanza that is not the security archive.
mirror="$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
if [ -z "$mirror" ]; then
  mirror="$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null || true)"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

partial="$floor.partial"
rm -rf "$partial"
mkdir -p "$(dirname "$floor")"
echo "Building the floor environment (Debian bullseye from $mirror) in $floor..."
if ! debootstrap --variant=minbase --include="$packages" bullseye "$partial" "$mirror" > "$partial.log" 2>&1; then
  echo "debootstrap failed; the last lines of $partial.log:" >&2
  tail -20 "$partial.log" >&2
  exit 1
fi
rm -rf "$partial/var/cache/apt/archives/"*.deb
chroot "$partial" /usr/bin/python3 -c 'import pandas, sklearn, xgboost, joblib, scipy, pytest' \
  || { echo "the floor environment was built but its Python cannot import the libraries" >&2; exit 1; }
echo "$packages" > "$partial/etc/mlpipeline-floor"
rm -rf "$floor" "$partial.log"
mv "$partial" "$floor"
chroot "$floor" /usr/bin/python3 -c 'import sys, numpy, pandas, sklearn, xgboost; print("floor: Python", sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__, "scikit-learn", sklearn.__version__, "xgboost", xgboost.__version__)'
