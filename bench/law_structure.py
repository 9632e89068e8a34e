"""How well the parser finds the structure of laws: 编/章/节 never inside an article, numbers in order.

    uv run python bench/law_structure.py [--dir ../shared/corpus/laws] [--dump OUT.json] [--compare BEFORE.json]
                                         [--verbose]

Counts, over every document of the folder (parsed afresh, no cache):

* documents where a 编/章/节 heading is a descendant of an article (第N条);
* documents where, in document order, an article's number is not one more
  than the previous one (``backwards`` when it is not larger, ``skips`` when it
  jumps ahead; 第N条之一 and articles quoted inside another article are left out);
* documents where a 第N章 under one parent does not follow the previous one
  (chapters restart under each 编 or run on through them); a law printed
  without its 第一章 heading counts here.

``--dump`` writes every article's address by (document, line); ``--compare``
reads such a file from another revision and counts the articles whose
address changed. A law that breaks a count is a parse to look at, not
necessarily a wrong one: the printed text may itself skip a number.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from documents.corpus import load_corpus  # noqa: E402
from documents.model import Document, Section  # noqa: E402

LAWS = ROOT.parent / "shared" / "corpus" / "laws"
_STRUCTURE = {"part", "chapter", "section"}
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def numeral(text: str) -> int | None:
    """``一百二十三`` / ``十九`` / ``123`` → int."""
    if text.isdecimal():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def _sections(section: Section, inside_article: bool = False) -> Iterator[tuple[Section, bool]]:
    """Every section under ``section`` with whether an article encloses it, attachments left out."""
    for child in section.children:
        if child.style == "attachment":
            continue
        yield child, inside_article
        yield from _sections(child, inside_article or child.style == "article")


def audit(doc: Document) -> dict[str, list[str]]:
    """The problems found in one document, by kind, each with the label where it shows."""
    problems: dict[str, list[str]] = {"nested": [], "backwards": [], "skips": [], "chapters": []}
    previous_article: int | None = None
    previous_chapter: dict[str, int] = {}
    last_chapter = 0
    for section, inside_article in _sections(doc.root):
        if section.style in _STRUCTURE and inside_article:
            problems["nested"].append(section.address)
        if section.style == "article" and not inside_article and "之" not in section.label:
            n = numeral(section.label[1:-1])
            if n is not None and previous_article is not None:
                if n <= previous_article:
                    problems["backwards"].append(section.address)
                elif n > previous_article + 1:
                    problems["skips"].append(section.address)
            previous_article = n if n is not None else previous_article
        if section.style == "chapter" and not inside_article:
            parent = section.address.rsplit("/", 1)[0]
            n = numeral(section.label[1:-1])
            if n is not None:
                # Chapters restart under each 编 or run on through them (民事诉讼法).
                expected = {previous_chapter[parent] + 1} if parent in previous_chapter else {1, last_chapter + 1}
                if n not in expected:
                    problems["chapters"].append(section.address)
                previous_chapter[parent] = last_chapter = n
    return problems


def article_addresses(doc: Document) -> dict[str, str]:
    """Every article's address, keyed by its document and source line."""
    return {
        f"{doc.key}:{section.line}": section.address for section, _ in _sections(doc.root) if section.style == "article"
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=LAWS)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if not args.dir.exists():
        print(f"no corpus at {args.dir}")
        return
    corpus = load_corpus([args.dir], use_cache=False)
    affected: dict[str, int] = {"nested": 0, "backwards": 0, "skips": 0, "chapters": 0}
    addresses: dict[str, str] = {}
    for doc in corpus.documents:
        addresses.update(article_addresses(doc))
        for kind, where in audit(doc).items():
            if where:
                affected[kind] += 1
                if args.verbose:
                    print(f"{doc.key}\t{kind}\t{len(where)}\t{' '.join(where[:3])}")
    print(f"documents: {len(corpus.documents)}  articles: {len(addresses)}")
    print(
        "documents with a 编/章/节 inside an article: {nested}; article numbers going backwards: {backwards}; "
        "skipping: {skips}; chapter sequence broken: {chapters}".format(**affected)
    )
    if args.dump:
        args.dump.write_text(json.dumps(addresses, ensure_ascii=False, indent=0), encoding="utf-8")
    if args.compare:
        before: dict[str, str] = json.loads(args.compare.read_text(encoding="utf-8"))
        changed = [key for key, address in addresses.items() if key in before and before[key] != address]
        gone = len(before.keys() - addresses.keys())
        new = len(addresses.keys() - before.keys())
        docs = len({key.rsplit(":", 1)[0] for key in changed})
        print(
            f"articles whose address changed: {len(changed)} in {docs} documents; no longer articles: {gone}; new: {new}"
        )
        if args.verbose:
            for key in changed[:40]:
                print(f"  {key}\t{before[key]} → {addresses[key]}")


if __name__ == "__main__":
    main()
