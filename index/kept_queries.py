"""Compiled queries kept across the searches of one scope.

Compiling a query (its spellings, aliases, agencies, the titles that name its
units) costs 1–12 ms at every search, the same work for the same typed text:
the browser asks again when the view changes, a page is loaded again, a query
is typed back. What a query compiles to depends only on what was typed, the
scope (one per opened generation and set of documents read) and the user's
agency and zone tables, so the last ``KEPT`` compilations of a scope are kept,
looked up by the parsed query and those tables' stamps. A kept
:class:`CompiledQuery` is shared: nothing may change it after it is made.
"""

from __future__ import annotations

from index.compiler import CompiledQuery, compile_query, joined_titles
from index.external import tables_stamp
from index.query import ParsedQuery
from index.recent import Recent
from index.scope import FilterScope

#: How many compiled queries a scope keeps (the least recently asked dropped first).
KEPT = 256


class KeptQueries:
    """``compile(parsed)``: ``compile_query(parsed, scope)``, made once per typed query and user tables."""

    def __init__(self, scope: FilterScope):
        self.scope = scope
        self._kept: Recent[CompiledQuery] = Recent(KEPT, lambda _: 1)
        joined_titles(scope.titles)  # what every compile against the scope searches: made with it, not by the first

    def compile(self, parsed: ParsedQuery) -> CompiledQuery:
        # the dataclasses' repr spells out the whole parsed query: the text, its tree, filters and notice
        key = (repr(parsed), tables_stamp())
        return self._kept.get(key, lambda: compile_query(parsed, self.scope))
