#!/usr/bin/env bash
# Packs the libraries generated projects reference into a folder (default artifacts/packages), and drops the
# copies of the same version from the NuGet cache so the next restore takes these builds.
#   eng/pack.sh [OUTPUT_FOLDER]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
output="${1:-$root/artifacts/packages}"
for project in SageMakerPipelines SageMakerPipelines.Cli; do
  dotnet pack "$root/src/$project" --configuration Release --output "$output" --nologo --verbosity quiet
done
cache="$(dotnet nuget locals global-packages --list | sed 's/^[^:]*: *//')"
rm -rf "$cache"/mlpipeline.sagemakerpipelines "$cache"/mlpipeline.sagemakerpipelines.cli
