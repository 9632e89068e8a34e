"""Relevance on the seeds: queries as civil servants would type them, with the clauses
that must come back. Prints recall@10 and MRR (and the misses, to tune honestly).

    uv run python bench/relevance.py [--verbose]

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

from documents.corpus import load_corpus  # noqa: E402
from index.service import SearchIndex  # noqa: E402

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


def covers(expected: str, address: str) -> bool:
    return address == expected or address.startswith(expected + "/") or address.startswith(expected + "#")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
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
    n = len(CASES)
    print(f"\n{n} queries   recall@{K} {sum(recalls) / n:.3f}   MRR {sum(reciprocal) / n:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
