"""Relevance on the seeds: queries as civil servants would type them, with the clauses
that must come back. Prints recall@10 and MRR (and the misses, to tune honestly).

    uv run python bench/relevance.py [--verbose] [--no-laws] [--work DIR]

The expected addresses were chosen by reading the documents (outline + text),
not from ceyue's output. A hit counts when its address is the expected one or
lies inside it (a clause under an expected section); a heading hit counts for
its section.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
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
LAWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "laws"
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


def report(name: str, recalls: list[float], reciprocal: list[float]) -> None:
    n = len(recalls)
    print(f"\n{name}: {n} queries   recall@{K} {sum(recalls) / n:.3f}   MRR {sum(reciprocal) / n:.3f}")


def law_relevance(verbose: bool, work: Path | None) -> None:
    """The law cases on the shared corpus, its index kept in ``work`` (or the user cache) between runs."""
    corpus = load_corpus([LAWS])
    recalls, reciprocal = [], []
    with SearchIndex.open(corpus, index_dir=work) as index:
        for query, answers in LAW_CASES:
            for law, _ in answers:
                assert any(d.title == "中华人民共和国" + law for d in corpus.documents), f"no law titled {law}"
            hits = index.search(query, limit=K).hits
            rank = next((i for i, h in enumerate(hits, 1) if law_hit(h, answers)), None)
            recalls.append(1.0 if rank else 0.0)
            reciprocal.append(1 / rank if rank else 0.0)
            if verbose or rank != 1:
                top = ", ".join(f"{h.doc_title[7:13]} {h.address.split('/', 1)[-1]}" for h in hits[:3])
                print(f"{query:<24} rank {rank or '-':>2}   top: {top}")
    report("laws", recalls, reciprocal)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-laws", action="store_true", help="only the bundled documents")
    ap.add_argument("--work", type=Path, help="keep the laws index here (default: the user cache)")
    args = ap.parse_args()
    corpus = load_corpus()
    for _, expected in CASES:
        for address in expected:
            doc = corpus.get(address.split("/")[0])
            assert doc.find(address) is not None, f"bad expected address {address}"
    recalls, reciprocal = [], []
    with tempfile.TemporaryDirectory() as tmp, SearchIndex.open(corpus, index_dir=Path(tmp)) as index:
        for query, expected in CASES:
            hits = index.search(query, limit=K).hits
            found = [e for e in expected if any(covers(e, h.address) for h in hits)]
            recalls.append(len(found) / len(expected))
            rank = next((i for i, h in enumerate(hits, 1) if any(covers(e, h.address) for e in expected)), None)
            reciprocal.append(1 / rank if rank else 0.0)
            if args.verbose or len(found) < len(expected) or rank != 1:
                top = ", ".join(h.address for h in hits[:3])
                print(f"{query:<24} rank {rank or '-':>2}  found {len(found)}/{len(expected)}   top: {top}")
    report("seeds", recalls, reciprocal)
    if args.no_laws:
        return 0
    if not LAWS.is_dir():
        print(f"{LAWS} absent: law queries skipped")
        return 0
    law_relevance(args.verbose, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
