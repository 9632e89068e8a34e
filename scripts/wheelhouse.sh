#!/usr/bin/env bash
# Build a wheelhouse for installing ceyue on a machine with no network.
#
#   scripts/wheelhouse.sh [DIR]        (default DIR: dist/wheelhouse)
#
# DIR gets a wheel of every package ceyue needs at run time, at the versions
# locked in uv.lock (uv export), plus ceyue's own wheel (uv build) and
# requirements.txt. Packages published only as source (jieba) are built into
# wheels here, so installing needs no compiler and no network:
#
#   pip install --no-index --find-links DIR ceyue
#   uv pip install --offline --no-index --find-links DIR ceyue
#
# Compiled wheels (lxml, cryptography) are for this machine's OS, CPU and
# Python version: build with the Python the target machine has, e.g.
# PYTHON=3.12 scripts/wheelhouse.sh. Needs the package index (this machine's
# pip/uv configuration), unlike the install.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mkdir -p "${1:-dist/wheelhouse}" && cd "${1:-dist/wheelhouse}" && pwd)"
python="${PYTHON:-3.11}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "wheelhouse: locked requirements (uv export)"
uv export --frozen --no-dev --no-emit-project --no-hashes --format requirements-txt --quiet \
    --output-file "$out/requirements.txt"

echo "wheelhouse: wheels of the dependencies (pip wheel, Python $python)"
uv venv --quiet --seed --python "$python" "$work/venv"
"$work/venv/bin/python" -m pip wheel --quiet --wheel-dir "$out" --requirement "$out/requirements.txt"

echo "wheelhouse: ceyue's own wheel (uv build)"
uv build --quiet --wheel --out-dir "$out"

echo "wheelhouse: $(find "$out" -name '*.whl' | wc -l) wheels in $out"
