#!/usr/bin/env bash
# Runs every test, after installing what the tests need (idempotent).
#   ./test.sh            everything, as CI runs it
#   ./test.sh --fast     skips the slow end-to-end tests (Category=Slow)
# Other arguments go to `dotnet test` (for example --filter FullyQualifiedName~Escaping).
set -euo pipefail
cd "$(dirname "$0")"
./eng/install-test-tools.sh

# Terraform is not something this script can install (no package source here has it). Without it, or without the
# hashicorp/aws provider in its mirror, the Terraform tests are reported as skipped with the reason, never as passed.
terraform="${MLPIPELINE_TERRAFORM:-terraform}"
mirror="${MLPIPELINE_TF_PLUGINS:-/opt/tf-plugins}"
if ! command -v "$terraform" >/dev/null 2>&1 || [ ! -d "$mirror/registry.terraform.io/hashicorp/aws" ]; then
  echo "!!! TERRAFORM CHECKS SKIPPED, NOT PASSED: no '$terraform' on PATH or no hashicorp/aws provider in $mirror (set MLPIPELINE_TERRAFORM / MLPIPELINE_TF_PLUGINS); running the rest." >&2
fi

args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then args+=(--filter "Category!=Slow"); else args+=("$arg"); fi
done

dotnet test MlPipeline.slnx --configuration Release "${args[@]}"
