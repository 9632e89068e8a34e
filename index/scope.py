"""What filter values mean in one corpus: which documents exist, their years, which names occur.

The compiler asks this to turn ``doc:`` into a document key, to let ``year:``
take in documents dated that year, and to tell an unknown value apart from a
value nothing matches — so ``doc:009`` says "unknown document" rather than
silently finding nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from documents.errors import N_, Message
from index.editions import editions
from index.homophones import Library
from index.literal import TextTable
from index.segmenter import normalize

_HAN = re.compile(r"[\u3400-\u9fff]")


def identity(doc) -> str:
    """What names a document: its title, the full title printed on it and its issuers.

    ``广州 低保标准`` is about 广州's 低保 even when the short title says 我市: the
    issuer (广州市民政局) says which place the document speaks for.
    """
    meta = getattr(doc, "meta", None)
    parts = [doc.title or "", getattr(meta, "title", None) or "", *(getattr(meta, "issuers", None) or [])]
    return "\n".join(dict.fromkeys(p for p in parts if p))


@dataclass
class FilterScope:
    #: key, short number and title → doc key (titles only for a unique fragment, see ``doc_key``)
    doc_keys: dict[str, str] = field(default_factory=dict)
    #: doc key → the year of its date (meta.date_iso), for documents that have one
    doc_years: dict[str, str] = field(default_factory=dict)
    #: doc key → short number, for close-name suggestions
    doc_shorts: dict[str, str] = field(default_factory=dict)
    #: whether any indexed record has this facet value (field is agencies | zones)
    indexed: Callable[[str, str], bool] = lambda field_name, value: True
    #: facet values in the index (field → names), for close-name suggestions
    facet_names: Callable[[str], list[str]] = lambda field_name: []
    #: a unique title fragment → doc key (None if none or several)
    resolve_title: Callable[[str], str | None] = lambda text: None
    #: doc key → its title, full title and issuers, normalised (for the title boost, see :func:`identity`)
    titles: dict[str, str] = field(default_factory=dict)
    #: doc key → (its newest edition's key, its age) for documents with several editions (see
    #: :mod:`index.editions`), worked out at the first search that asks
    editions: Callable[[], dict[str, tuple[str, int]]] = lambda: {}
    #: what the records' texts hold, for respelling a word they lack (:mod:`index.homophones`)
    library: Library | None = None

    @classmethod
    def of(cls, corpus, reader=None, texts: TextTable | None = None) -> FilterScope:
        """The scope of ``corpus``; ``reader`` (a Whoosh reader) answers which facet values occur,
        ``texts`` (the literal table) which strings the records hold."""
        keys: dict[str, str] = {}
        years: dict[str, str] = {}
        shorts: dict[str, str] = {}
        titles: dict[str, str] = {}
        for doc in corpus.documents:
            keys[doc.key] = keys[doc.short] = doc.key
            shorts[doc.key] = doc.short
            titles[doc.key] = normalize(identity(doc))
            date = getattr(doc.meta, "date_iso", None) or ""
            if len(date) >= 4 and date[:4].isdigit():
                years[doc.key] = date[:4]

        def resolve_title(text: str) -> str | None:
            try:
                return corpus.get(text).key
            except Exception:  # DocumentNotFound: none or several
                return None

        scope = cls(
            keys,
            years,
            shorts,
            resolve_title=resolve_title,
            titles=titles,
            editions=cache(lambda: editions(corpus.documents)),
            library=Library(texts.has_gram, texts.records_with, texts.text_with) if texts is not None else None,
        )
        if reader is not None:
            scope.indexed = lambda name, value: reader.doc_frequency(name, value) > 0
            scope.facet_names = lambda name: [
                t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon(name)
            ]
        return scope

    def doc_key(self, value: str) -> str | None:
        """The document ``value`` names; a title fragment only counts when it has Chinese in it (not ``01``)."""
        if value in self.doc_keys:
            return self.doc_keys[value]
        return self.resolve_title(value) if _HAN.search(value) else None

    def docs_of_year(self, year: str) -> list[str]:
        return [key for key, y in self.doc_years.items() if y == year]

    def doc_hint(self, value: str) -> Message | str:
        """`` (did you mean 001?)`` or `` (known: 000, 001 …)`` for an unknown ``doc:`` value."""
        shorts = sorted(set(self.doc_shorts.values()))
        close = difflib.get_close_matches(value, shorts, n=3, cutoff=0.7)
        if close:
            return Message(N_(" (did you mean {names}?)"), {"names": ", ".join(close)})
        if not shorts:
            return ""
        return Message(N_(" (known: {names})"), {"names": ", ".join(shorts[:8]) + (" …" if len(shorts) > 8 else "")})

    def close_names(self, field_name: str, value: str) -> list[str]:
        return difflib.get_close_matches(value, self.facet_names(field_name), n=3, cutoff=0.4)
