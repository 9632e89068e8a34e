"""The domain vocabulary: words jieba must keep whole, and the agency/zone name lists.

jieba's general dictionary cuts 省发展改革委 or 三线一单 into pieces, which
hurts both ranking and highlighting. ``data/userdict.txt`` lists policy terms,
agencies and zones; the alias groups and the agency table (when present) add
every spelling they know.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

USERDICT = Path(__file__).parent / "data" / "userdict.txt"

_HAN = re.compile(r"[\u3400-\u9fff]")
_PLAIN = re.compile(r"^[\u3400-\u9fffA-Za-z0-9]+$")


@lru_cache(maxsize=1)
def _userdict() -> dict[str, list[tuple[str, int | None, str | None]]]:
    """Entries by category (terms / agencies / zones) as ``(word, freq, tag)``."""
    out: dict[str, list[tuple[str, int | None, str | None]]] = {"terms": [], "agencies": [], "zones": []}
    category = "terms"
    for raw in USERDICT.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("##"):
            name = line[2:].split()[0] if line[2:].split() else "terms"
            category = name if name in out else "terms"
            continue
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[2] if len(parts) > 2 else None
        out[category].append((word, freq, tag))
    return out


def _usable(word: str) -> bool:
    """Only plain words go into jieba: quotes or punctuation would never match anyway."""
    return 2 <= len(word) <= 24 and bool(_PLAIN.match(word)) and bool(_HAN.search(word))


@lru_cache(maxsize=1)
def agency_names() -> frozenset[str]:
    from index import external
    from index.aliases import load_aliases

    names = {w for w, _, _ in _userdict()["agencies"]}
    names |= set(load_aliases().members("agencies"))
    names |= external.agency_names()
    return frozenset(n for n in names if len(n) >= 2)


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    from index import external
    from index.aliases import load_aliases

    names = {w for w, _, _ in _userdict()["zones"]}
    names |= set(load_aliases().members("zones"))
    names |= external.zone_names()
    return frozenset(n for n in names if len(n) >= 2)


#: What the vocabulary is made from: data files, the user's config tables and the code that reads them.
_SOURCES = (
    (Path(__file__).parent, ("data/*", "aliases.py", "dictionary.py", "external.py", "records.py", "segmenter.py")),
    (Path(__file__).parents[1] / "documents", ("data/*", "extract/agencies.py", "extract/zones.py", "extract/*.py")),
)


def _sources_signature() -> str:
    """Names, sizes and times of every file the vocabulary is made from (a stat each, no parsing)."""
    import hashlib

    from documents.locations import config_dir

    digest = hashlib.sha1()
    paths: set[Path] = set()
    for base, patterns in _SOURCES:
        for pattern in patterns:
            paths.update(base.glob(pattern))
    with contextlib.suppress(OSError):
        paths.update(config_dir().glob("*.toml"))
    for path in sorted(paths):
        try:
            st = path.stat()
        except OSError:
            continue
        digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:20]


@lru_cache(maxsize=1)
def _memo_path() -> Path | None:
    try:
        from documents.locations import cache_dir

        return cache_dir() / "vocabulary" / f"{_sources_signature()}.json"
    except OSError:
        return None


@lru_cache(maxsize=1)
def _memo() -> dict:
    """What :func:`remember` saved for these very sources (the agency table's spellings take a
    third of a second to work out, every process); empty when nothing is saved yet."""
    path = _memo_path()
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(key: str, compute):
    """``compute()``, saved beside the sources' signature so the next process reads it back."""
    memo = _memo()
    if key in memo:
        return memo[key]
    value = compute()
    memo[key] = value
    path = _memo_path()
    if path is not None:
        with contextlib.suppress(OSError, TypeError, ValueError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_text(json.dumps(memo, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
    return value


@lru_cache(maxsize=1)
def domain_words() -> list[tuple[str, int | None, str | None]]:
    """Every word to add to jieba, deduplicated, in a stable order."""
    return [(w, f, t) for w, f, t in remember("domain_words", _domain_words)]


@lru_cache(maxsize=1)
def _domain_words() -> list[tuple[str, int | None, str | None]]:
    from index.aliases import load_aliases

    seen: dict[str, tuple[str, int | None, str | None]] = {}
    for entries in _userdict().values():
        for word, freq, tag in entries:
            seen.setdefault(word, (word, freq, tag))
    extra = set(load_aliases().members("terms")) | agency_names() | zone_names()
    for word in sorted(extra):
        if _usable(word):
            seen.setdefault(word, (word, None, None))
    return [seen[w] for w in sorted(seen)]


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """See :func:`_fingerprint`; remembered per set of sources."""
    return str(remember("fingerprint", _fingerprint))


def _fingerprint() -> str:
    """Identifies everything that shapes tokens and facet values, without loading jieba.

    An index built under another fingerprint is rebuilt: the same text would now
    be cut (or tagged) differently and queries would silently miss.
    """
    import hashlib
    from importlib.metadata import version

    from index import external
    from index.aliases import load_aliases
    from index.records import RECORDS_VERSION
    from index.segmenter import SEGMENTER_VERSION

    digest = hashlib.sha1(f"{SEGMENTER_VERSION}|{RECORDS_VERSION}|{version('jieba')}".encode())
    for word, freq, tag in domain_words():
        digest.update(f"|{word}:{freq}:{tag}".encode())
    aliases = load_aliases()
    for key in sorted(aliases.keys()):
        digest.update(f"|{key}>{'/'.join(aliases.expand(key))}".encode())
    digest.update(b"|agency-table:True")  # the table is always present; kept so existing indexes stay valid
    for group in external.agency_groups():
        digest.update(("|" + "/".join(group)).encode("utf-8"))
    return digest.hexdigest()[:16]
