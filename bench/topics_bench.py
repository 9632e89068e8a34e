"""Topic compare against the expectation read from the seeds (bench/expected/topics.json).

    uv run python bench/topics_bench.py

For 土地, 人才 and 环保 on seeds 000, 001, 003 and 004: recall of the sections a
careful reader picks ("must": the answer must list the section itself, once),
precision (an answer is right when it is a "must" or "may" passage or lies inside
one) and whether the expected sub-topic rows line up.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "bench" / "expected" / "topics.json"


def inside(address: str, container: str) -> bool:
    """``address`` is ``container`` or lies in it (a subsection or a later paragraph)."""
    return address == container or address.startswith(container + "/") or address.startswith(container + "#")


@dataclass
class TopicScore:
    topic: str
    must: int = 0
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    answers: int = 0
    wrong: list[str] = field(default_factory=list)
    rows_expected: int = 0
    rows_aligned: int = 0

    @property
    def recall(self) -> float:
        return len(self.found) / self.must if self.must else 1.0

    @property
    def precision(self) -> float:
        return (self.answers - len(self.wrong)) / self.answers if self.answers else 1.0


def score(matrix, expected: dict) -> TopicScore:
    """How a TopicMatrix compares with one topic's expectation."""
    result = TopicScore(matrix.topic)
    answered = {short: [item.address for item in matrix.items(short)] for short in matrix.columns}
    for short, wanted in expected["must"].items():
        got = answered.get(short, [])
        result.must += len(wanted)
        for address in wanted:
            (result.found if address in got else result.missed).append(address)
        allowed = wanted + expected["may"].get(short, [])
        for address in got:
            result.answers += 1
            if not any(inside(address, ok) for ok in allowed):
                result.wrong.append(address)
    for group in expected.get("rows", []):
        result.rows_expected += 1
        for row in matrix.rows:
            addresses = {item.address for items in row.cells.values() for item in items}
            if set(group) <= addresses:
                result.rows_aligned += 1
                break
    return result


def run() -> list[TopicScore]:
    from documents.compare.topics import topic_compare
    from documents.corpus import load_corpus

    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    corpus = load_corpus()
    return [
        score(topic_compare(corpus, topic, expected["docs"]), wanted) for topic, wanted in expected["topics"].items()
    ]


def main() -> int:
    print(f"{'topic':6} {'recall':>12} {'precision':>14} {'rows':>6}  missed / wrong")
    for s in run():
        print(
            f"{s.topic:6} {len(s.found):>3}/{s.must:<3} {s.recall:5.0%} {s.answers - len(s.wrong):>3}/{s.answers:<3}"
            f" {s.precision:6.0%} {s.rows_aligned:>2}/{s.rows_expected:<2}  {' '.join(s.missed)} / {' '.join(s.wrong)}"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
