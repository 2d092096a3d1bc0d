#!/usr/bin/env bash
# Installs the Python the pipelines run with locally: /usr/bin/python3 with scikit-learn, pandas, XGBoost,
# boto3 and pytest from Debian's packages (the versions of the SageMaker scikit-learn 1.2-1 and XGBoost 1.7-1
# containers). Idempotent: does nothing when they are there.
set -euo pipefail
if ! /usr/bin/python3 -c 'import sklearn, pandas, xgboost, joblib, boto3, pytest' 2>/dev/null; then
  echo "Installing python3-sklearn python3-pandas python3-xgboost python3-boto3 python3-pytest (apt)..."
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"    # root on this project's machines, sudo on CI runners
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-sklearn python3-pandas python3-xgboost python3-boto3 python3-pytest >/dev/null
fi
