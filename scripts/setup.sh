#!/usr/bin/env bash
# Install what protogen needs on a fresh Debian machine, as root: the system tools the PDF and
# accessibility tests use (poppler-utils, qpdf, fonts, Debian's chromium) and the package with
# its test extras. Safe to run again: it installs only what is missing.
set -euo pipefail

cd "$(dirname "$0")/.."

APT_PACKAGES=(poppler-utils qpdf fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 chromium)

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

# A Python whose packages belong to the system (Debian 12's: pip refuses with
# externally-managed-environment) gets a project venv, .venv/, that sees the system's packages;
# any other (this kind of CI machine, pyenv, a venv already active) is used as it is. The
# interpreter chosen is written to .cache/python for test.sh and .ci/run.
PYTHON="${PYTHON:-python3}"
if "$PYTHON" - <<'PY'
import pathlib, sys, sysconfig
managed = pathlib.Path(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED").exists()
sys.exit(0 if managed and sys.prefix == sys.base_prefix else 1)
PY
then
  if [ ! -x .venv/bin/python ]; then
    echo "setup: this Python is managed by the system; making the project venv .venv/"
    if ! "$PYTHON" -c "import ensurepip" 2>/dev/null; then
      if [ "$(id -u)" -eq 0 ]; then
        apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
      fi
    fi
    "$PYTHON" -m venv --system-site-packages .venv
  fi
  PYTHON="$PWD/.venv/bin/python"
fi
mkdir -p .cache
echo "$PYTHON" > .cache/python
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
