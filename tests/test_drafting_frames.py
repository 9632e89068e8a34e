"""The walk that finds 是/为 before a term agrees with the pattern it replaced, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from index.drafting import _END, _NOT_COPULA, GAP, _frames, defines


def pattern(term: str) -> re.Pattern[str]:
    """The definition of the form, as a regular expression (what the walk must agree with)."""
    gap = rf"[^{_END}、]{{0,{GAP}}}?{re.escape(term)}"
    return re.compile(rf"[,，][是为]{gap}(?=[{_END}]|$)|(?<![{_NOT_COPULA}])[是为]{gap}(?=[。;；]|$)")


ALPHABET = "是为的自首犯罪作行认，,。;；:：、\n甲乙"
texts = st.text(alphabet=ALPHABET, max_size=40)
terms = st.text(alphabet="自首犯罪甲是为", min_size=1, max_size=3)


@settings(max_examples=3000, deadline=None)
@given(texts, terms)
def test_the_walk_agrees_with_the_pattern(text, term):
    assert _frames(text, term) == bool(pattern(term).search(text)), (text, term)


def test_the_forms_laws_use():
    assert defines("犯罪以后自动投案，如实供述自己的罪行的，是自首。", ["自首"])
    assert defines("…所得的下列财产，为夫妻的共同财产：", ["共同财产"])
    assert not defines("认为自首的，从轻处罚。", ["自首"])
    assert not defines("作为自首", ["自首"])
