#!/usr/bin/env bash
# Set the machine up (idempotent), then run the test suite. Arguments go to pytest.
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec "${PYTHON:-python3}" -m pytest -q "$@"
