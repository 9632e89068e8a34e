"""Extraction benchmark: agencies (roles), zones/places and targets against expected results.

    uv run python bench/extraction.py [--docs DIR] [--expected DIR] [-v]

* Agencies — ``bench/expected/agencies/NNN.json`` (written by reading the real
  documents in ``../shared/corpus/policies``; ``agencies_laws/`` for statutes in
  ``--laws``): each expected task is found by its
  ``quote``; an expected (agency, role) counts when the extracted task has that agency
  (as printed, or any spelling of the same body) in that role. Precision: of the
  agencies the extracted task names, the share the reader listed (a descriptive
  phrase taken as an agency lowers it).
* Zones/places — ``bench/expected/seeds_zones*.json`` on the bundled seeds and
  ``policies_zones*.json`` on the real documents: recall of
  (quote, zone) and the zones assigned that the reader did not list (false zones).
* Targets — ``bench/expected/seeds_targets*.json`` on the seeds and ``policies_targets*.json``
  on the real documents: recall of (quote, value, unit[, year]).

A corpus or an expected file that is absent is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the project root, for the imports below

from documents.corpus import bundled_dir, load_corpus  # noqa: E402
from documents.extract.agencies import default_table, normalize_name  # noqa: E402
from documents.extract.targets import targets_of  # noqa: E402
from documents.extract.tasks import tasks_of  # noqa: E402
from documents.extract.zones import assignments  # noqa: E402
from documents.model import Table  # noqa: E402

POLICIES = ROOT.parent / "shared" / "corpus" / "policies"
LAWS = ROOT.parent / "shared" / "corpus" / "laws"
EXPECTED = ROOT / "bench" / "expected"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _ratio(hit: int, total: int) -> str:
    return f"{hit / total:.3f} ({hit}/{total})" if total else "n/a"


def _find(items: Iterable, quote: str, text_of) -> list:
    q = _squash(quote)
    return [it for it in items if q in _squash(text_of(it))]


# ----------------------------------------------------------------- agencies


def bench_agencies(
    docs_dir: Path, expected_dir: Path, verbose: bool, folder: str = "agencies"
) -> tuple[int, int, int, int] | None:
    """Tasks and agencies of the documents in ``docs_dir`` against ``expected_dir/folder/*.json``."""
    files = sorted((expected_dir / folder).glob("*.json")) if (expected_dir / folder).is_dir() else []
    if not files:
        print(f"agencies: no expected files in {folder}/, skipped")
        return None
    if not docs_dir.is_dir():
        print(f"agencies: {docs_dir} absent, skipped")
        return None
    corpus = _corpus(docs_dir)
    table = default_table()
    total_hit = total_exp = total_ok = total_named = 0
    print(
        f"agencies in {docs_dir.name} (role recall = expected name found with its role; "
        "precision = extracted names the reader lists)"
    )
    for path in files:
        expected = json.loads(path.read_text("utf-8"))
        stem = Path(expected["file"]).stem
        doc = next((d for d in corpus.documents if d.key == stem), None)
        if doc is None:
            print(f"  {path.stem}: {expected['file']} absent, skipped")
            continue
        tasks = tasks_of(doc)
        hit = exp = ok = named = 0
        for want in expected["tasks"]:
            found = _find(tasks, want["quote"], lambda t: t.text)
            task = found[0] if found else None
            got: dict[str, set[str]] = {"lead": set(), "participants": set(), "inherited": set()}
            printed_all: list[str] = []
            if task is not None:
                for role in got:
                    for name in getattr(task, role):
                        got[role].add(name)
                        printed_all.append(task.printed.get(name, name))
            wanted_all = [n for role in got for n in want[role]]
            for role in got:
                for name in want[role]:
                    exp += 1
                    if any(_same(table, name, g, task) for g in got[role]):
                        hit += 1
                    elif verbose:
                        print(f"    miss {role:12} {name}  [{want['quote'][:24]}]" + ("" if task else " (no task)"))
            if task is not None:
                for role in got:
                    for g in got[role]:
                        named += 1
                        if any(_same(table, w, g, task) for w in wanted_all):
                            ok += 1
                        elif verbose:
                            print(f"    extra {role:11} {task.printed.get(g, g)}  [{want['quote'][:24]}]")
        print(f"  {path.stem}: recall {_ratio(hit, exp)}  precision {_ratio(ok, named)}")
        total_hit, total_exp, total_ok, total_named = (
            total_hit + hit,
            total_exp + exp,
            total_ok + ok,
            total_named + named,
        )
    print(f"  overall: recall {_ratio(total_hit, total_exp)}  precision {_ratio(total_ok, total_named)}")
    return total_hit, total_exp, total_ok, total_named


def _same(table, expected: str, got: str, task) -> bool:
    exp = normalize_name(expected)
    printed = normalize_name(task.printed.get(got, got)) if task is not None else got
    if exp in (printed, normalize_name(got)):
        return True
    return table.canonical(exp) is not None and table.same(exp, got)


# -------------------------------------------------------------------- zones


@cache
def _corpus(folder: Path):
    """Each folder read once however many parts of the bench score it."""
    return load_corpus([folder])


def _expected_sets(expected_dir: Path, docs_dir: Path, kind: str) -> Iterator[tuple[str, object, list[Path]]]:
    """(label, corpus, expected files) for ``seeds_{kind}*.json`` on the bundled seeds and
    ``policies_{kind}*.json`` on the real documents, saying which are skipped and why."""
    for prefix, folder in (("seeds", bundled_dir()), ("policies", docs_dir)):
        files = sorted(expected_dir.glob(f"{prefix}_{kind}*.json"))
        if not files:
            print(f"{kind}: no expected file (bench/expected/{prefix}_{kind}*.json), skipped")
        elif not folder.is_dir():
            print(f"{kind}: {folder} absent, skipped")
        else:
            yield ("the seeds" if prefix == "seeds" else str(folder)), _corpus(folder), files


def bench_zones(expected_dir: Path, docs_dir: Path, verbose: bool) -> None:
    """Zones and places on the seeds (``seeds_zones*.json``) and the real documents (``policies_zones*.json``)."""
    for label, corpus, files in _expected_sets(expected_dir, docs_dir, "zones"):
        print(f"zones/places on {label} (recall of (quote, zone); false = zones assigned that the reader did not list)")
        _zones_recall(corpus, files, verbose)


def _zones_recall(corpus, files: list[Path], verbose: bool) -> None:
    total_hit = total_exp = total_false = 0
    from documents.extract.zones import default_table as zone_table

    zones = zone_table()
    for path in files:
        expected = json.loads(path.read_text("utf-8"))
        for doc_ref, entries in _per_doc(expected):
            doc = corpus.get(doc_ref)
            found = assignments(doc)
            hit = exp = 0
            listed: set[str] = set()
            for want in entries:
                names = want.get("subjects") or want.get("zones") or [want.get("zone")]
                for name in names:
                    if not name:
                        continue
                    exp += 1
                    listed.add(zones.canonical(name))
                    got = [a for a in found if zones.same(a.zone, name) and _holds(doc, a, want["quote"])]
                    if got:
                        hit += 1
                    elif verbose:
                        print(f"    miss {name}  [{want['quote'][:30]}]")
            not_zones = {zones.canonical(n) for n in expected.get("not_zones", [])}
            false = sorted({a.zone for a in found if zones.canonical(a.zone) in not_zones})
            print(
                f"  {doc.short}: recall {_ratio(hit, exp)}  false zones {len(false)}" + (f" {false}" if false else "")
            )
            total_hit, total_exp, total_false = total_hit + hit, total_exp + exp, total_false + len(false)
    print(f"  overall: recall {_ratio(total_hit, total_exp)}  false zones {total_false}")


def _holds(doc, assignment, quote: str) -> bool:
    """Whether the clause (or the table row) ``assignment`` assigns holds ``quote``.

    A quote from a table may cross a cell boundary (``长沙航空产业园\\n\\n|``): it is
    matched against the row's cells joined by ``|``, never against the whole table."""
    q = _squash(quote)
    if q in _squash(assignment.segment + assignment.text) and assignment.row is None:
        return True
    for _, block in doc.blocks():
        if block.address != assignment.address:
            continue
        if isinstance(block, Table):
            if assignment.row is None or assignment.row >= len(block.rows):
                return False
            row = "|".join(_squash(c) for c in block.rows[assignment.row])
            return q.strip("|") in row
        return q in _squash(block.text)
    return False


def _per_doc(expected) -> list[tuple[str, list[dict]]]:
    """Expected files hold either {"doc": "003", "assignments"/"targets": [...]} or {"docs": {"003": [...]}}."""
    if isinstance(expected, dict) and "docs" in expected and isinstance(expected["docs"], dict):
        return list(expected["docs"].items())
    for key in ("assignments", "targets"):
        if isinstance(expected, dict) and isinstance(expected.get(key), list) and "doc" not in expected:
            return _per_doc(expected[key])
    if isinstance(expected, dict) and "doc" in expected:
        return [(str(expected["doc"]), expected.get("assignments") or expected.get("targets") or [])]
    if isinstance(expected, list):
        out: dict[str, list[dict]] = {}
        for entry in expected:
            out.setdefault(str(entry["doc"]), []).append(entry)
        return list(out.items())
    return []


# ------------------------------------------------------------------ targets


def bench_targets(expected_dir: Path, docs_dir: Path, verbose: bool) -> None:
    """Targets on the seeds (``seeds_targets*.json``) and on the real documents (``policies_targets*.json``)."""
    for label, corpus, files in _expected_sets(expected_dir, docs_dir, "targets"):
        print(f"targets on {label} (recall of (quote, value, unit), year when given)")
        _targets_recall(corpus, files, verbose)


def _targets_recall(corpus, files: list[Path], verbose: bool) -> None:
    total_hit = total_exp = 0
    for path in files:
        expected = json.loads(path.read_text("utf-8"))
        for doc_ref, entries in _per_doc(expected):
            doc = corpus.get(doc_ref)
            found = targets_of(doc)
            hit = 0
            for want in entries:
                cands = _find(found, want["quote"], lambda t: t.text) or found
                low, _, high = re.sub(r"(?<=\d)[一~～\-－–至到](?=\d)", "—", str(want["value"])).partition("—")
                want = {**want, "value": _number(low), "upper": _number(high) if high else None}
                ok = [
                    t
                    for t in cands
                    if want["value"] is not None
                    and abs(t.value - want["value"]) < 1e-3
                    and _unit(t.unit) == _unit(want["unit"])
                    and (want.get("year") is None or t.year == want["year"])
                    and (
                        want.get("upper") is None
                        or (t.upper is not None and abs(t.upper - float(want["upper"])) < 1e-6)
                    )
                ]
                if ok:
                    hit += 1
                elif verbose:
                    print(f"    miss {want['value']} {want['unit']} {want.get('year')}  [{want['quote'][:30]}]")
            print(f"  {doc.short}: recall {_ratio(hit, len(entries))}")
            total_hit, total_exp = total_hit + hit, total_exp + len(entries)
    print(f"  overall: recall {_ratio(total_hit, total_exp)}")


def _unit(text: str) -> str:
    """A unit as compared: full-width forms as ASCII (万元／亩 = 万元/亩, ％ = %)."""
    return unicodedata.normalize("NFKC", _squash(text))


def _number(text: str) -> float | None:
    from documents.extract.targets import cn_number

    text = text.strip().replace(",", "")
    m = re.fullmatch(r"(.+?)分之(.+)", text)
    if m:
        den, num = cn_number(m.group(1)), cn_number(m.group(2))
        return round(num / den, 4) if den and num is not None else None
    return cn_number(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--docs", type=Path, default=POLICIES, help="the real documents (default ../shared/corpus/policies)"
    )
    ap.add_argument("--expected", type=Path, default=EXPECTED)
    ap.add_argument(
        "--laws", type=Path, default=LAWS, help="statutes for expected/agencies_laws (default ../shared/corpus/laws)"
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss and extra")
    args = ap.parse_args()
    bench_agencies(args.docs, args.expected, args.verbose)
    bench_agencies(args.laws, args.expected, args.verbose, "agencies_laws")
    bench_zones(args.expected, args.docs, args.verbose)
    bench_targets(args.expected, args.docs, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
