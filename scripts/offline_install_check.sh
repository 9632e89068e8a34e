#!/usr/bin/env bash
# CI: build the wheelhouse, then install ceyue from it into a fresh venv with the
# network off for the install, and run the installed ceyue.
#
# Building the wheelhouse needs the package index; when the index cannot be
# reached this check is skipped with a message (the only reason to skip).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-3.11}"
# venvs come from the interpreter's own venv + ensurepip, which need no network
interpreter="$(uv python find "$python")"

# Can the index be reached? Ask it for one locked wheel, nothing installed.
textual="$(uv export --frozen --no-dev --no-emit-project --no-hashes --format requirements-txt --quiet \
    | sed -n 's/^\(textual==[^ ;]*\).*/\1/p')"  # reads it all: no broken pipe
[ -n "$textual" ] || { echo "textual is missing from uv.lock's export" >&2; exit 1; }
"$interpreter" -m venv "$work/probe"
if ! "$work/probe/bin/python" -m pip download --quiet --no-deps --dest "$work/probe-dl" "$textual" >/dev/null 2>&1; then
    echo "offline install check SKIPPED: the package index cannot be reached to build the wheelhouse"
    exit 0
fi

scripts/wheelhouse.sh "$work/wheelhouse"

# A fresh venv made before the network goes off; pip reads no user or site
# configuration (no extra index, no find-links but the wheelhouse).
"$interpreter" -m venv "$work/venv"
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
if unshare -rn true 2>/dev/null; then
    offline() { unshare -rn "$@"; }
    echo "offline install: pip install --no-index from the wheelhouse, in a network namespace with no network"
else
    offline() { "$@"; }
    echo "offline install: pip install --no-index from the wheelhouse (no network namespace available here)"
fi
offline "$work/venv/bin/python" -m pip install --quiet --no-index --find-links "$work/wheelhouse" ceyue

# The installed ceyue, away from the source tree and the user's folders.
cd "$work"
export CEYUE_CACHE_DIR="$work/user/cache" CEYUE_CONFIG_DIR="$work/user/config" CEYUE_DATA_DIR="$work/user/data"
offline "$work/venv/bin/ceyue" --help >/dev/null
# The interface catalogue came with the wheel: the installed browser speaks Chinese.
offline "$work/venv/bin/python" -c "from tui.i18n import _, use_language; assert use_language('zh') == 'zh_CN' and _('Quit') == '退出', 'ceyue.mo is missing from the wheel'"
offline "$work/venv/bin/ceyue" outline 001 --json >"$work/outline.json"
offline "$work/venv/bin/ceyue" search 循环化改造 --limit 3 --json >"$work/search.json"
"$work/venv/bin/python" - "$work/outline.json" "$work/search.json" <<'PY'
import json, sys
outline = json.load(open(sys.argv[1], encoding="utf-8"))
assert any("循环化改造" in e["text"] for e in outline), "the outline of bundled document 001 is wrong"
hits = json.load(open(sys.argv[2], encoding="utf-8"))
assert hits and hits[0]["doc"] == "001", "searching the bundled documents found nothing"
PY
echo "offline install check passed: ceyue installed from the wheelhouse with no network, outline and search ran"
