#!/usr/bin/env bash
# The README's first command: install protogen into a project venv (.venv/), then check and
# build the bundled example meetings into build/.
#
# On Debian, as root, it first installs what is missing of the system packages protogen needs
# (Python 3 with pip, Pango for the PDFs, a fallback font), so it works on a stock Debian 12.
# The venv sees the system's packages and is made without ensurepip, so it works where the
# system's Python refuses a global pip install (externally-managed-environment) and where
# python3-venv is missing. Safe to run again.
set -euo pipefail

cd "$(dirname "$0")/.."

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if command -v python3 >/dev/null 2>&1 && ! python3 -m pip --version >/dev/null 2>&1; then
  missing+=(python3-pip)
fi
if command -v dpkg-query >/dev/null 2>&1; then
  for package in libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
fi
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "examples: apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "examples: protogen needs ${missing[*]}; install them (as root: apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

python3 -m venv --system-site-packages --without-pip .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --root-user-action=ignore -e .
.venv/bin/protogen check
.venv/bin/protogen build
echo "examples: klart. Öppna build/gns/2020-02-14/protokoll.pdf; kommandot är .venv/bin/protogen"
