"""Relevance: queries as civil servants and researchers would type them, with the clauses
that answer them. Prints recall@10, MRR and nDCG@10 per corpus and per kind (and the
misses with ``--verbose``, to tune honestly).

    uv run python bench/relevance.py [--verbose] [--only own|seeds|policies|laws|heldout] [--work DIR]
    uv run python bench/relevance.py --validate   # check the expected files only, no index, no search
    uv run python bench/relevance.py --validate --only seeds   # the same, leaving the held-out sets alone

Groups:

* ``own`` — the first 44 seed queries and 14 law queries (expected addresses);
* ``seeds`` / ``policies`` — ``bench/expected/relevance_seeds_policies.json``: answers are
  ``{doc, quote, grade}``; a hit answers when it is in that document and its text
  contains the quote (whitespace ignored; a heading hit stands for its whole section);
* ``laws`` — ``bench/expected/relevance_laws.json``: answers are ``{law, file, article,
  grade}``; a hit answers when it is in that file at that article or inside it.
* ``heldout`` — ``relevance_heldout_seeds_policies.json`` and ``relevance_heldout_laws.json``,
  same formats, graded the same way, reported as their own rows (``heldout-seeds``,
  ``heldout-policies``, ``heldout-laws`` and per kind). A held-out set: written later, by
  reading the documents only, on other topics and clauses, and never tuned against — run it
  to check that a change generalises, don't fit the engine to it.

Both sets were written by people who read the documents and never saw ceyue's
results. Metrics, per query then averaged: recall@10 = answers found in the top 10 /
min(answers, 10); MRR = 1 / rank of the first hit answering anything; nDCG@10 with
gains 2/1, each answer credited once (to its first hit), ideal = the grades sorted.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from documents.corpus import load_corpus
from index.service import SearchIndex

K = 10

#: (query, addresses that must come back)
CASES: list[tuple[str, list[str]]] = [
    ("亩均效益评价", ["001/三/（五）/1"]),
    ("循环化改造", ["001/三/（四）/4"]),
    ("三线一单", ["001/三/（四）/1"]),
    ("标准地", ["001/三/（五）/3"]),
    ("135工程", ["001/三/（六）/1"]),
    ("智慧园区", ["001/三/（六）/2"]),
    ("区域评估", ["001/三/（七）/1", "003/四/（一）/1"]),
    ("放管服改革", ["001/三/（七）/2"]),
    ("先进制造业集群培育", ["001/三/（三）/2"]),
    ("园区 撤销 合并", ["001/三/（二）/2"]),
    ("周转用地", ["001/三/（五）/2"]),
    ("环评 跟踪评价", ["001/三/（四）/3"]),
    ("开发区用地保障", ["000/四/（一）/3"]),
    ("投融资渠道", ["000/四/（一）/4"]),
    ("战略性新兴产业", ["000/三/（二）/3", "004/四/（三）/1"]),
    ("两型示范工业园区", ["000/三/（七）/2"]),
    ("一核六带", ["000/三/（一）"]),
    ("开发区综合评估", ["000/四/（四）"]),
    ("招商引资激励机制", ["000/四/（二）/3"]),
    ("节能减排目标", ["000/二/（三）/4"]),
    ("金融创新", ["002/三/（一）/2"]),
    ("人才引进", ["002/三/（一）/3"]),
    ("国际产业园", ["002/三/（三）/2"]),
    ("产城融合", ["002/三/（四）/3"]),
    ("统计考核", ["002/四/（三）"]),
    ("长兴开发区", ["002/三/（一）/1", "002/三/（二）/1", "002/三/（三）/2"]),
    ("跨境电商", ["002/三/（三）/1", "003/四/（七）/1"]),
    ("行政许可制度改革", ["003/四/（一）/1"]),
    ("减轻企业负担", ["003/四/（一）/3"]),
    ("科技成果转化", ["003/四/（二）/1"]),
    ("健康养老", ["003/三/（一）/8"]),
    ("国土空间管控", ["003/三/（二）/2"]),
    ("双招双引", ["003/四/（四）"]),
    ("湖州 人才引进", ["002/三/（一）/3"]),
    ("湘南湘西 跨境电商", ["003/四/（七）/1"]),
    ("贸易便利化", ["003/四/（一）/2"]),
    ("边境合作区 指导思想", ["004/三/（一）/2"]),
    ("服务外包", ["004/四/（五）/2"]),
    ("科技立区", ["004/四/（六）/1"]),
    ("东部沿海 国家级开发区", ["004/三/（三）/3/（1）"]),
    ("经开区 国际产业转移", ["004/四/（二）/1"]),
    ("专项债券", ["001/三/（六）/1"]),
    ("发改委 区域评估", ["001/三/（七）/1"]),
    ("agency:省科技厅 创新创业", ["001/三/（七）/3"]),
]


#: On the shared laws corpus (skipped when absent): (query, [(law title, part of the address)]) — a hit
#: counts when it is in that law under that article or chapter. Each was read in the law's text (a few
#: words of it in the comment); any edition counts.
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
LAWS = SHARED / "laws"
POLICIES = SHARED / "policies"
EXPECTED = Path(__file__).resolve().parent / "expected"
LAW_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("行政处罚 听证", [("行政处罚法", "第六十三条")]),  # 应当告知当事人有要求听证的权利
    ("劳动合同 试用期 期限", [("劳动合同法", "第十九条")]),  # 劳动合同期限三个月以上不满一年的，试用期…
    ("个人信息 删除", [("个人信息保护法", "第四十七条")]),  # 个人信息处理者应当主动删除个人信息
    ("食品召回", [("食品安全法", "第六十三条")]),  # 国家建立食品召回制度
    ("正当防卫", [("刑法", "第二十条"), ("民法典", "第一百八十一条")]),  # 属于正当防卫 (criminal and civil)
    ("诉讼时效期间 三年", [("民法典", "第一百八十八条")]),  # 请求保护民事权利的诉讼时效期间为三年
    ("居住权", [("民法典", "第十四章")]),  # 第十四章 居住权
    ("带薪年休假", [("劳动法", "第四十五条")]),  # 国家实行带薪年休假制度
    ("延长工作时间 工资报酬", [("劳动法", "第四十四条")]),  # 支付高于劳动者正常工作时间工资的工资报酬
    ("委托辩护人", [("刑事诉讼法", "第三十四条")]),  # 有权委托辩护人
    (
        "耕地 承包期 三十年",
        [("农村土地承包法", "第二十一条"), ("民法典", "第三百三十二条")],
    ),  # 耕地的承包期为三十年 (both)
    ("饮酒后驾驶机动车", [("道路交通安全法", "第九十一条")]),  # 饮酒后驾驶机动车的，处暂扣六个月…
    ("网络 七日内退货", [("消费者权益保护法", "第二十五条")]),  # 消费者有权自收到商品之日起七日内退货
    ("醉酒的人 违反治安管理", [("治安管理处罚法", "第十五条")]),  # 醉酒的人违反治安管理的，应当给予处罚
]


def covers(expected: str, address: str) -> bool:
    return address == expected or address.startswith(expected + "/") or address.startswith(expected + "#")


def within(address: str, part: str) -> bool:
    """Whether ``address`` is the article (or chapter) ``part`` or lies inside it (a paragraph, an item)."""
    return f"/{part}" in address and address.split(f"/{part}", 1)[1][:1] in ("", "/", "#")


def law_hit(hit, answers: list[tuple[str, str]]) -> bool:
    return any(hit.doc_title == "中华人民共和国" + law and within(hit.address, part) for law, part in answers)


_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


class Metrics:
    """recall@K, reciprocal rank and nDCG@K per query, grouped by any labels."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[float, float, float]]] = defaultdict(list)

    def add(self, labels: list[str], gains: list[list[int]], grades: list[int]) -> tuple[float, float, float]:
        """``gains[i]``: the answers (indexes into ``grades``) hit ``i`` answers."""
        credited: set[int] = set()
        dcg, rank = 0.0, None
        for i, answered in enumerate(gains[:K], 1):
            if answered and rank is None:
                rank = i
            fresh = [a for a in answered if a not in credited]
            if fresh:
                best = max(fresh, key=lambda a: grades[a])
                credited.add(best)
                dcg += grades[best] / math.log2(i + 1)
        ideal = sum(g / math.log2(i + 1) for i, g in enumerate(sorted(grades, reverse=True)[:K], 1))
        found = {a for answered in gains[:K] for a in answered}
        row = (len(found) / min(len(grades), K), 1 / rank if rank else 0.0, dcg / ideal if ideal else 0.0)
        for label in labels:
            self.rows[label].append(row)
        return row

    def print(self) -> None:
        print(f"\n{'group':<34}{'n':>4}  recall@{K}    MRR  nDCG@{K}")
        for label, rows in self.rows.items():
            n = len(rows)
            r, m, d = (sum(x[i] for x in rows) / n for i in range(3))
            print(f"{label:<34}{n:>4}  {r:9.3f} {m:6.3f} {d:8.3f}")


def section_text(doc, address: str) -> str:
    """A heading hit stands for its section: the heading and every block under it."""
    section = doc.find(address)
    if section is None or not hasattr(section, "walk"):
        return ""
    parts = []
    for sub in section.walk():
        parts.append(sub.raw_heading or sub.title)
        parts += [b.text for b in sub.blocks]
    return "\n".join(parts)


def hit_text(corpus, hit) -> str:
    if hit.kind == "heading":
        return hit.text + section_text(corpus.get(hit.doc), hit.address)
    return hit.text


def show(hits) -> str:
    return ", ".join(f"{h.address}{'*' if h.literal else ''}" for h in hits[:5])


def own_relevance(metrics: Metrics, index, verbose: bool) -> None:
    corpus = index.corpus
    for _, expected in CASES:
        for address in expected:
            doc = corpus.get(address.split("/")[0])
            assert doc.find(address) is not None, f"bad expected address {address}"
    for query, expected in CASES:
        hits = index.search(query, limit=K).hits
        gains = [[i for i, e in enumerate(expected) if covers(e, h.address)] for h in hits]
        recall, rr, _ = metrics.add(["own seeds"], gains, [2] * len(expected))
        if verbose and (recall < 1 or rr < 1):
            print(f"  own  {query:<24} rr {rr:.2f} recall {recall:.2f}   top: {show(hits)}")


def own_law_relevance(metrics: Metrics, index, verbose: bool) -> None:
    for query, answers in LAW_CASES:
        hits = index.search(query, limit=K).hits
        gains = [[0] if law_hit(h, answers) else [] for h in hits]
        _, rr, _ = metrics.add(["own laws"], gains, [2])
        if verbose and rr < 1:
            top = ", ".join(f"{h.doc_title[7:13]} {h.address.split('/', 1)[-1]}" for h in hits[:3])
            print(f"  own  {query:<24} rr {rr:.2f}   top: {top}")


def quote_problems(corpus, queries: list[dict]) -> list[str]:
    """Answers whose document is missing or whose quote is not in it (whitespace ignored)."""
    by_short = {d.short: d for d in corpus.documents}
    problems = []
    for q in queries:
        for a in q["answers"]:
            doc = by_short.get(a["doc"])
            if doc is None:
                problems.append(f"{q['query']}: no document {a['doc']}")
                continue
            quote = squeeze(a["quote"])
            if not (
                any(quote in squeeze(c.text) for _, c in doc.blocks()) or quote in squeeze(section_text(doc, doc.short))
            ):
                problems.append(f"{q['query']}: quote not in {a['doc']}: {a['quote']}")
    return problems


def quote_relevance(metrics: Metrics, index, name: str, queries: list[dict], verbose: bool) -> None:
    corpus = index.corpus
    problems = quote_problems(corpus, queries)
    assert not problems, "\n".join(problems)
    for q in queries:
        hits = index.search(q["query"], limit=K).hits
        answers = q["answers"]
        quotes = [(a["doc"], squeeze(a["quote"])) for a in answers]
        gains = []
        for h in hits:
            text = squeeze(hit_text(corpus, h))
            gains.append([i for i, (doc, quote) in enumerate(quotes) if h.doc_short == doc and quote in text])
        recall, rr, ndcg = metrics.add([name, f"{name} / {q['kind']}"], gains, [a["grade"] for a in answers])
        if verbose and (recall < 1 or rr < 1):
            missed = [a["doc"] + " " + a["quote"][:12] for i, a in enumerate(answers) if not any(i in g for g in gains)]
            print(f"  {name:<8} {q['kind']:<13} {q['query']:<20} rr {rr:.2f} recall {recall:.2f} nDCG {ndcg:.2f}")
            print(f"      top: {show(hits)}   missed: {'; '.join(missed)}")


_HEADING = re.compile(r"^#+\s*(\S+)")


def law_problems(queries: list[dict], laws: Path = LAWS) -> list[str]:
    """Answers whose law file is missing, whose title differs from the file's, or whose article (or
    chapter) heading is not in the file — read from the files themselves, no index."""
    texts: dict[str, list[str]] = {}
    problems = []
    for q in queries:
        for a in q["answers"]:
            path = laws / a["file"]
            if a["file"] not in texts:
                texts[a["file"]] = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
            lines = texts[a["file"]]
            if not lines:
                problems.append(f"{q['query']}: no law file {a['file']}")
                continue
            if lines[0].lstrip("# ").strip() != a["law"]:
                problems.append(f"{q['query']}: {a['file']} is {lines[0]!r}, not {a['law']}")
            art = a["article"]
            starts = any(
                line.startswith(art) and line[len(art) : len(art) + 1] in (" ", "\u3000", "\t") for line in lines
            )
            heads = any((m := _HEADING.match(line)) and m.group(1) == art for line in lines)
            if not (starts or heads):
                problems.append(f"{q['query']}: no {art} in {a['file']} ({a['law']})")
    return problems


def law_set_relevance(metrics: Metrics, index, queries: list[dict], verbose: bool, name: str = "laws") -> None:
    corpus = index.corpus
    by_file = {Path(d.path).name: d for d in corpus.documents}
    for q in queries:
        for a in q["answers"]:
            assert a["file"] in by_file, f"{q['query']}: no law file {a['file']}"
    for q in queries:
        hits = index.search(q["query"], limit=K).hits
        answers = q["answers"]
        keys = [(by_file[a["file"]].key, a["article"]) for a in answers]
        gains = [[i for i, (key, art) in enumerate(keys) if h.doc == key and within(h.address, art)] for h in hits]
        recall, rr, ndcg = metrics.add([name, f"{name} / {q['kind']}"], gains, [a["grade"] for a in answers])
        if verbose and rr < 1:
            top = ", ".join(f"{h.doc_title[7:13]} {h.address.split('/', 1)[-1]}" for h in hits[:4])
            print(f"  {name:<8} {q['kind']:<13} {q['query']:<20} rr {rr:.2f} recall {recall:.2f} nDCG {ndcg:.2f}")
            print(f"      top: {top}")


def expected(name: str) -> list[dict]:
    return json.loads((EXPECTED / name).read_text(encoding="utf-8"))["queries"]


QUOTE_SETS = {"": "relevance_seeds_policies.json", "heldout-": "relevance_heldout_seeds_policies.json"}
LAW_SETS = {"": "relevance_laws.json", "heldout-": "relevance_heldout_laws.json"}


def validate(heldout: bool = True) -> int:
    """Check every expected answer against the documents — files, quotes, article headings —
    without building an index or running a search (the held-out sets only when ``heldout``)."""
    problems: list[str] = []
    counts: dict[str, int] = defaultdict(int)
    corpora = {"seeds": load_corpus()}
    if POLICIES.is_dir():
        corpora["policies"] = load_corpus([POLICIES])
    for prefix, name in QUOTE_SETS.items():
        if prefix and not heldout:
            continue
        queries = expected(name)
        for corpus_name in ("seeds", "policies"):
            chosen = [q for q in queries if q["corpus"] == corpus_name]
            counts[prefix + corpus_name] += len(chosen)
            if corpus_name in corpora:
                problems += [f"{name}: {p}" for p in quote_problems(corpora[corpus_name], chosen)]
            else:
                print(f"skipped {prefix}{corpus_name}: {POLICIES} is absent")
    for prefix, name in LAW_SETS.items():
        if prefix and not heldout:
            continue
        queries = expected(name)
        counts[prefix + "laws"] += len(queries)
        if LAWS.is_dir():
            problems += [f"{name}: {p}" for p in law_problems(queries)]
        else:
            print(f"skipped {prefix}laws: {LAWS} is absent")
    for label, n in counts.items():
        print(f"{label:<20}{n:>4} queries")
    for p in problems:
        print("  " + p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument(
        "--only", action="append", choices=["own", "seeds", "policies", "laws", "heldout"], help="repeatable"
    )
    ap.add_argument("--heldout", action="store_true", help="add the held-out sets to --only (they run by default)")
    ap.add_argument("--no-laws", action="store_true", help="skip the laws (slow to index the first time)")
    ap.add_argument("--work", type=Path, help="keep the laws and policies indexes here (default: the user cache)")
    ap.add_argument("--validate", action="store_true", help="check the expected files against the documents; no search")
    args = ap.parse_args()
    if args.validate:
        return validate(heldout=args.only is None or "heldout" in args.only)
    groups = set(args.only or ["own", "seeds", "policies", "laws", "heldout"])
    if args.heldout:
        groups.add("heldout")
    if args.no_laws:
        groups.discard("laws")
    heldout = "heldout" in groups
    heldout_laws = heldout and not args.no_laws
    sets = {prefix: expected(name) for prefix, name in QUOTE_SETS.items()}
    metrics = Metrics()
    with tempfile.TemporaryDirectory() as tmp:
        if groups & {"own", "seeds"} or heldout:
            with SearchIndex.open(load_corpus(), index_dir=Path(tmp) / "seeds") as index:
                if "own" in groups:
                    own_relevance(metrics, index, args.verbose)
                for prefix in ("", "heldout-") if heldout else ("",):
                    if prefix or "seeds" in groups:
                        seeds = [q for q in sets[prefix] if q["corpus"] == "seeds"]
                        quote_relevance(metrics, index, prefix + "seeds", seeds, args.verbose)
        if ("policies" in groups or heldout) and POLICIES.is_dir():
            work = args.work / "policies" if args.work else None
            with SearchIndex.open(load_corpus([POLICIES]), index_dir=work) as index:
                for prefix in ("", "heldout-"):
                    if (prefix and heldout) or (not prefix and "policies" in groups):
                        policies = [q for q in sets[prefix] if q["corpus"] == "policies"]
                        quote_relevance(metrics, index, prefix + "policies", policies, args.verbose)
        if (groups & {"own", "laws"} or heldout_laws) and LAWS.is_dir():
            work = args.work / "laws" if args.work else None
            with SearchIndex.open(load_corpus([LAWS]), index_dir=work) as index:
                if "own" in groups:
                    own_law_relevance(metrics, index, args.verbose)
                if "laws" in groups:
                    law_set_relevance(metrics, index, expected(LAW_SETS[""]), args.verbose)
                if heldout_laws:
                    law_set_relevance(metrics, index, expected(LAW_SETS["heldout-"]), args.verbose, "heldout-laws")
    metrics.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
