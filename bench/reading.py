"""How faithfully ceyue reads real documents: metadata, outline and tables against expected results.

    uv run python bench/reading.py [--verbose] [--only 212] [--formats]

The expected results in ``bench/expected/policies/NNN.json`` were written by
reading each document of ``../shared/corpus/policies`` (not from ceyue's
output). Scores, as in issue 11:

* title, 文号, issuer, date: exact after removing spaces (issuer as a set of
  names; date as ISO, 成文日期 preferred);
* outline F1 over levels 1–2: an entry counts when level, label and the whole
  heading text agree (labels compared with bracket and digit widths folded);
* tables: an expected table is found when a table of the same label or caption
  exists, and exact when its number of data rows agrees as well.

``--formats`` also converts a few documents to .docx (python-docx) and .pdf
(LibreOffice, when installed) and compares their outlines with the source's.
The corpus is optional: without it the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from documents.contract import meta_entry, outline_entries, table_entries  # noqa: E402
from documents.corpus import load_corpus  # noqa: E402
from documents.model import Document  # noqa: E402

POLICIES = ROOT.parent / "shared" / "corpus" / "policies"
EXPECTED = ROOT / "bench" / "expected" / "policies"

_FOLD = str.maketrans({"(": "（", ")": "）", "﹒": ".", "．": ".", **{chr(0xFF10 + i): str(i) for i in range(10)}})


def flat(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def fold_label(label: str) -> str:
    return flat(label).translate(_FOLD).rstrip("、.，,")


def fold_text(text: str) -> str:
    return flat(text).rstrip("。：:；;，,")


def outline_keys(entries: list[dict], *, with_level: bool = True) -> Counter:
    keys: Counter = Counter()
    for e in entries:
        if e["level"] > 2:
            continue
        key = (fold_label(e["label"]), fold_text(e["text"]))
        keys[(e["level"], *key) if with_level else key] += 1
    return keys


def f1(expected: Counter, got: Counter) -> float:
    if not expected and not got:
        return 1.0
    hit = sum((expected & got).values())
    if hit == 0:
        return 0.0
    precision, recall = hit / sum(got.values()), hit / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def issuer_names(value: str | list[str] | None) -> set[str]:
    if not value:
        return set()
    names = value if isinstance(value, list) else re.split(r"[、，,\s]+", value)
    return {flat(n) for n in names if flat(n)}


def score_tables(expected: list[dict], got: list[dict]) -> tuple[int, int]:
    found = exact = 0
    for want in expected:
        keys = {fold_text(want["label"] or ""), fold_text(want.get("caption") or "")} - {""}
        for table in got:
            if keys & ({fold_text(table["label"]), fold_text(table["caption"])} - {""}):
                found += 1
                exact += len(table["rows"]) == want["rows"]
                break
    return found, exact


def score(document: Document, want: dict, verbose: bool) -> dict:
    meta = meta_entry(document)
    outline = outline_entries(document)
    tables = table_entries(document)
    row = {
        "doc": document.short,
        "title": flat(meta["title"]) == flat(want["title"]),
        "doc_number": flat(meta["doc_number"]) == flat(want["doc_number"]),
        "issuer": issuer_names(meta["issuers"]) == issuer_names(want["issuer"]),
        "date": (meta["date_iso"] or None) == want["date"],
        "outline": f1(outline_keys(want["outline"]), outline_keys(outline)),
        "outline_loose": f1(outline_keys(want["outline"], with_level=False), outline_keys(outline, with_level=False)),
        "tables": score_tables(want["tables"], tables),
        "tables_expected": len(want["tables"]),
    }
    if verbose:
        for name in ("title", "doc_number", "issuer", "date"):
            if not row[name]:
                got = meta["issuers"] if name == "issuer" else meta[name if name != "date" else "date_iso"]
                print(f"  {document.short} {name}: got {got!r} want {want[name]!r}")
        if row["outline"] < 1:
            exp, got = outline_keys(want["outline"]), outline_keys(outline)
            for key in list((exp - got).elements())[:8]:
                print(f"  {document.short} outline missing {key}")
            for key in list((got - exp).elements())[:8]:
                print(f"  {document.short} outline extra   {key}")
        if row["tables"][1] < len(want["tables"]):
            print(f"  {document.short} tables: want {[(t['label'], t['rows']) for t in want['tables']]}")
            print(
                f"  {document.short} tables: got  {[(t['label'], t['caption'][:20], len(t['rows'])) for t in tables]}"
            )
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--only", action="append", help="only these documents (short numbers)")
    args = parser.parse_args()
    if not POLICIES.is_dir():
        print(f"skipped: {POLICIES} not found")
        return 0
    corpus = load_corpus([POLICIES])
    by_short = {d.short: d for d in corpus.documents}
    rows = []
    for path in sorted(EXPECTED.glob("*.json")):
        want = json.loads(path.read_text("utf-8"))
        short = path.stem
        if args.only and short not in args.only:
            continue
        document = by_short.get(short)
        if document is None:
            print(f"  {short}: not loaded")
            continue
        rows.append(score(document, want, args.verbose))
    n = len(rows)
    print(f"{'doc':>4} title 文号 issuer date  outline(loose)  tables")
    for r in rows:
        marks = " ".join("✓" if r[k] else "✗" for k in ("title", "doc_number", "issuer", "date"))
        t_exact = r["tables"][1]
        print(
            f"{r['doc']:>4} {marks}   {r['outline']:.2f} ({r['outline_loose']:.2f})   {t_exact}/{r['tables_expected']}"
        )
    if not n:
        return 0
    total_tables = sum(r["tables_expected"] for r in rows)
    print()
    print("| measure | score |")
    print("|---|---|")
    for name in ("title", "doc_number", "issuer", "date"):
        print(f"| {name} | {sum(r[name] for r in rows)}/{n} |")
    print(f"| outline F1, levels 1–2 (mean) | {sum(r['outline'] for r in rows) / n:.3f} |")
    print(f"| outline F1 ignoring level (mean) | {sum(r['outline_loose'] for r in rows) / n:.3f} |")
    found = sum(r["tables"][0] for r in rows)
    exact = sum(r["tables"][1] for r in rows)
    print(f"| tables found / with exact rows | {found}/{total_tables} · {exact}/{total_tables} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
