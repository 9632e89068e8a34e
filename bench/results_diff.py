"""Search results, written out in full, to prove a speed change left them alone.

    uv run python bench/results_diff.py OUT.json [--work DIR] [--no-laws] [--no-100k]
    uv run python bench/results_diff.py --compare BEFORE.json AFTER.json

Runs a fixed, large set of queries — the relevance queries (bench/relevance.py and
bench/expected/*.json), the search benchmark's queries, and the worst cases
(one character, very common words, agency names, filters) — against the seeds,
the policies, the laws and the 10^5-record laws-plus-copies corpus of
bench/search_bench.py (its ``--work`` folder is reused: no rebuild when it holds
the indexes). For each query it writes the hits (rank, address, score, kind,
literal, snippet and highlights), the total, the partial count and the document
list (records and best score per document). ``--compare`` prints every difference:
there should be none.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from relevance import CASES, EXPECTED, LAW_CASES, SHARED
from search_bench import LAW_QUERIES, SEED_QUERIES, TARGET_RECORDS, replicate

from documents.corpus import bundled_dir, load_corpus
from index.records import document_records
from index.service import SearchIndex, load_segmenter

#: Worst cases for speed, asked of every corpus: one character, common words, names, filters.
HARD_QUERIES = [
    "法",
    "的",
    "国",
    "管理",
    "国家",
    "国家安全机关",
    "人民政府",
    "规定 第",
    "应当 OR 可以",
    '"的规定"',
    "管理 -国家",
    "year:2020 管理",
    "agency:国务院",
    "agency:全国人民代表大会常务委员会 管理",
    "kind:heading 总则",
    "区块链",
    "发展改革",
    "法 律",
    "中华人民共和国",
]
LIMIT = 20


def snapshot(index: SearchIndex, queries: list[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for query in queries:
        if query in out:
            continue
        res = index.search(query, limit=LIMIT)
        out[query] = {
            "total": res.total,
            "partial": res.partial,
            "notice": res.notice,
            "hits": [
                [
                    h.doc,
                    h.address,
                    h.row,
                    repr(h.score),
                    h.kind,
                    h.literal,
                    h.partial,
                    h.snippet,
                    h.highlights,
                    h.text_highlights,
                ]
                for h in res.hits
            ],
            "documents": [[d.doc, d.hits, repr(d.best_score)] for d in res.documents],
        }
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, nargs="?")
    ap.add_argument("--work", type=Path, default=Path("/tmp/ceyue-results-diff"))
    ap.add_argument("--no-laws", action="store_true")
    ap.add_argument("--no-100k", action="store_true")
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared corpus folder (laws, policies)")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("OUT is required")
    load_segmenter()
    sets = json.loads((EXPECTED / "relevance_seeds_policies.json").read_text(encoding="utf-8"))["queries"]
    result: dict[str, dict] = {}
    seed_queries = SEED_QUERIES + [q for q, _ in CASES] + [q["query"] for q in sets if q["corpus"] == "seeds"]
    with SearchIndex.open(load_corpus([bundled_dir()]), index_dir=args.work / "seeds") as index:
        result["seeds"] = snapshot(index, seed_queries + HARD_QUERIES)
    laws_dir, policies_dir = args.shared / "laws", args.shared / "policies"
    if policies_dir.is_dir():
        with SearchIndex.open(load_corpus([policies_dir]), index_dir=args.work / "policies") as index:
            result["policies"] = snapshot(index, [q["query"] for q in sets if q["corpus"] == "policies"] + HARD_QUERIES)
    if not args.no_laws and laws_dir.is_dir():
        law_set = json.loads((EXPECTED / "relevance_laws.json").read_text(encoding="utf-8"))["queries"]
        law_queries = LAW_QUERIES + [q for q, _ in LAW_CASES] + [q["query"] for q in law_set] + HARD_QUERIES
        laws = load_corpus([laws_dir])
        with SearchIndex.open(laws, index_dir=args.work / "laws") as index:
            result["laws"] = snapshot(index, law_queries)
        if not args.no_100k:
            current = sum(len(document_records(d)) for d in laws.documents)
            big = replicate(laws, TARGET_RECORDS, current)
            with SearchIndex.open(big, index_dir=args.work / "big") as index:
                result["big"] = snapshot(index, LAW_QUERIES + HARD_QUERIES)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{sum(map(len, result.values()))} queries on {', '.join(result)} written to {args.out}")
    return 0


def compare(before_path: Path, after_path: Path) -> int:
    before = json.loads(before_path.read_text(encoding="utf-8"))
    after = json.loads(after_path.read_text(encoding="utf-8"))
    differences = 0
    for corpus, queries in before.items():
        for query, old in queries.items():
            new = after.get(corpus, {}).get(query)
            if new is None:
                continue
            for key in old:
                if old[key] != new.get(key):
                    differences += 1
                    print(f"{corpus} {query!r}: {key} differs")
                    if key == "hits":
                        for i, (a, b) in enumerate(zip(old[key], new[key], strict=False)):
                            if a != b:
                                print(f"    rank {i + 1}: {a[:4]} -> {b[:4]}")
                                break
                    elif key != "documents":
                        print(f"    {old[key]} -> {new[key]}")
    compared = sum(len(q) for q in before.values())
    print(f"{compared} queries compared, {differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
