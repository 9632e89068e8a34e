"""Which records lie under a heading or a lead clause: a section, read from the heading paths.

A heading (二、社会救助标准) or an article's lead clause (第三条 鼓励支持人力资源服务机构
…：) is about its whole section: the words a reader looks for may stand in the
clauses under it. Records are indexed in reading order, so a section is the run
of records right after its lead whose heading path lies inside the lead's.
Nothing is stored for this: the heading-path table already says it.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.literal import TextTable

#: Path components are joined with this in the heading-path table (see ``records.searchable_path``).
SEPARATOR = " / "
#: Characters of a clause's opening that must name its section for it to lead it.
LEAD_CHARS = 6
#: A longer section does not count: a chapter's hundred clauses say little about its heading.
MAX_MEMBERS = 30


def _inside(path: str, section: str) -> bool:
    return path == section or path.startswith(section + SEPARATOR)


def _led_before(headings: TextTable, texts: TextTable, doc_of: Sequence[int], docnum: int, section: str) -> bool:
    """Whether the record before ``docnum`` is in ``section`` already, or is its heading."""
    before = docnum - 1
    if before < 0 or doc_of[before] != doc_of[docnum]:
        return False
    path = headings.text(before)
    return path == section or (path + SEPARATOR if path else "") + texts.text(before).strip() == section


def _names_section(path: str, text: str) -> bool:
    """Whether a clause opens the untitled section it is in: the section is named by its lead phrase
    (第三条 鼓励支持… for the clause 鼓励支持…), which a table row or a later paragraph is not."""
    lead = text.strip()[:LEAD_CHARS]
    return bool(lead) and lead in path.rsplit(SEPARATOR, 1)[-1]


def section_of(headings: TextTable, texts: TextTable, doc_of: Sequence[int], docnum: int) -> range:
    """The records under ``docnum`` when it leads a section (a heading, or the first clause of an
    untitled section with clauses under it) of at most ``MAX_MEMBERS``; an empty range otherwise."""
    last = len(doc_of)
    nxt = docnum + 1
    if nxt >= last or doc_of[nxt] != doc_of[docnum]:
        return range(0)
    own = headings.text(docnum)
    after = headings.text(nxt)
    as_heading = (own + SEPARATOR if own else "") + texts.text(docnum).strip()
    if _inside(after, as_heading):
        section = as_heading
    elif (
        own
        and _inside(after, own)
        and _names_section(own, texts.text(docnum))
        and not _led_before(headings, texts, doc_of, docnum, own)
    ):
        section = own
    else:
        return range(0)
    end = nxt + 1
    limit = min(last, nxt + MAX_MEMBERS + 1)
    while end < limit and doc_of[end] == doc_of[docnum] and _inside(headings.text(end), section):
        end += 1
    return range(nxt, end) if end - nxt <= MAX_MEMBERS else range(0)


def listed_with(headings: TextTable, texts: TextTable, doc_of: Sequence[int], docnum: int) -> int:
    """The record ``docnum`` says the same as on a page: the heading right before it when it is that
    heading's first paragraph (the two share an address), else itself."""
    before = docnum - 1
    if before < 0 or docnum >= len(doc_of) or doc_of[before] != doc_of[docnum]:
        return docnum
    own = headings.text(before)
    return before if headings.text(docnum) == (own + SEPARATOR if own else "") + texts.text(before).strip() else docnum
