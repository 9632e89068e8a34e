#!/usr/bin/env bash
# The interface catalogue, kept with Babel (a dev dependency):
#   1. extract every _(), N_() and ngettext() message of tui/ (and the N_() messages documents/ and
#      index/ raise, translated where the browser shows them) into tui/locale/ceyue.pot,
#   2. merge the template into each language's .po (new messages arrive untranslated),
#   3. compile each .po into the .mo that ships in the wheel (committed; tests/test_i18n.py
#      fails when a message has no translation or the .mo is older than the .po).
# Run it after adding or changing an interface string, translate the new entries in
# tui/locale/zh_CN/LC_MESSAGES/ceyue.po, and run it again to compile.
set -euo pipefail
cd "$(dirname "$0")/.."
locale=tui/locale
uv run pybabel extract --project=ceyue --version=0.1 --no-wrap --sort-by-file --add-location=file \
    --add-comments=TRANSLATORS: --omit-header \
    --output-file="$locale/ceyue.pot" tui documents index
uv run pybabel update --domain=ceyue --input-file="$locale/ceyue.pot" --output-dir="$locale" \
    --no-wrap --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --init-missing --locale=zh_CN
uv run pybabel compile --domain=ceyue --directory="$locale" --statistics
