"""Whether a short text names an organisation: the one test used by signatures, titles and history lines."""

from __future__ import annotations

import re

from documents.parsing.spacing import compact

ORG_SUFFIXES = ("政府", "办公室", "办公厅", "部", "厅", "委", "委员会", "局", "小组", "署", "院", "会")


def looks_like_org(text: str) -> bool:
    """A short line naming an organisation, as in a signature block."""
    t = compact(text)
    return 2 < len(t) <= 30 and t.endswith(ORG_SUFFIXES) and not re.search(r"[，。；：、]", t)
