#!/usr/bin/env bash
# Set the machine up (idempotent), then run the test suite. Arguments go to pytest.
set -euo pipefail

cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The interpreter setup.sh installed into (a project venv where the system's Python refuses pip).
PYTHON="$(cat .cache/python)"
exec "$PYTHON" -m pytest -q "$@"
