#!/usr/bin/env bash
# Install what protogen needs on a fresh Debian machine, as root: the system tools the PDF and
# accessibility tests use (poppler-utils, qpdf, fonts, Debian's chromium) and the package with
# its test extras. Safe to run again: it installs only what is missing.
set -euo pipefail

cd "$(dirname "$0")/.."

APT_PACKAGES=(poppler-utils qpdf fonts-dejavu-core chromium)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  echo "setup: apt-get install ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: root is needed to install ${missing[*]} (run as root, or install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
echo "setup: pip install -e '.[test]'"
"$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore -e '.[test]'

# axe-core for tests/a11y.py: the PyPI package axe-playwright-python bundles axe.min.js. If it
# ever does not, fall back to npm's axe-core in a project-local folder (tests/a11y.py looks
# there too).
if ! "$PYTHON" - <<'PY'
import importlib.util, pathlib, sys
spec = importlib.util.find_spec("axe_playwright_python")
found = spec and spec.origin and list(pathlib.Path(spec.origin).parent.rglob("axe*.min.js"))
sys.exit(0 if found else 1)
PY
then
  if command -v npm >/dev/null 2>&1; then
    echo "setup: npm install axe-core into .cache/axe-core"
    mkdir -p .cache/axe-core
    npm install --silent --no-audit --no-fund --prefix .cache/axe-core axe-core >/dev/null
  else
    echo "setup: warning: no axe.min.js from axe-playwright-python and no npm for axe-core" >&2
  fi
fi
# eark-validator (the E-ARK community's package validator) for the archive tests. Its 1.1.3
# release pins lxml==5.1.0, older than pyHanko accepts, so it lives in a folder of its own that
# only tests/archive/earkcheck.py puts on its path.
EARK_DIR=.cache/eark-validator
if ! PYTHONPATH="$EARK_DIR" "$PYTHON" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('eark_validator') is None)" 2>/dev/null; then
  echo "setup: pip install eark-validator==1.1.3 into $EARK_DIR"
  "$PYTHON" -m pip install -q --disable-pip-version-check --root-user-action=ignore --no-warn-conflicts \
    --target "$EARK_DIR" eark-validator==1.1.3
fi
echo "setup: ok"
