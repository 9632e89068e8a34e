"""Robustness on the shared corpus of laws (skipped when the corpus is absent)."""

from __future__ import annotations

import pytest

from documents.parsing.lossless import divergence
from documents.parsing.parser import parse_text
from tests.conftest import SHARED_CORPUS

LAWS = SHARED_CORPUS / "laws"
pytestmark = pytest.mark.skipif(not LAWS.is_dir(), reason="shared corpus not present")


def test_every_law_parses_losslessly():
    failures = []
    files = sorted(LAWS.glob("*.md"))
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        problem = divergence(parse_text(text, path.stem, path), text)
        if problem:
            failures.append(f"{path.name}: {problem}")
    assert failures == []


def test_law_structure_chapters_and_articles():
    path = LAWS / "law0100.md"
    if not path.exists():
        pytest.skip("law0100.md not in this corpus")
    doc = parse_text(path.read_text(encoding="utf-8"), path.stem, path)
    chapters = doc.root.children
    assert chapters[0].label == "第一章" and chapters[0].title == "总则"
    assert chapters[0].children[0].label == "第一条"
    assert chapters[0].children[0].level == 2
    assert doc.meta.title == "中华人民共和国消费者权益保护法"
