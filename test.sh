#!/usr/bin/env bash
# Runs every test, after installing what the tests need (idempotent).
#   ./test.sh            everything, as CI runs it
#   ./test.sh --fast     skips the slow end-to-end tests (Category=Slow)
# Other arguments go to `dotnet test` (for example --filter FullyQualifiedName~Escaping).
set -euo pipefail
cd "$(dirname "$0")"
./eng/install-test-tools.sh

args=()
for arg in "$@"; do
  if [ "$arg" = "--fast" ]; then args+=(--filter "Category!=Slow"); else args+=("$arg"); fi
done

dotnet test MlPipeline.slnx --configuration Release "${args[@]}"
