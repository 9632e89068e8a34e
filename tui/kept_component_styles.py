"""A widget's component styles kept when a restyle finds them unchanged, so no cycle is dropped.

To read the styles of a widget's component classes (the hit list's ``hit-list--row-highlighted`` …),
Textual's style sheet makes a virtual node per class each time the widget is restyled (a focus
change, a screen switched to) and keeps the node's styles, which refer back to it: the node it
replaces, with its styles and signals (~88 objects), is a cycle. The browser freezes what is
alive at a pause (:func:`documents.collector.collect_now`), and a frozen cycle that is dropped is
never freed: 717 such nodes in one session of 15 searches and 6 documents opened at 3×10^5
records, nearly all of what the freezes left behind (``bench/gc_pauses.py --browser``).

:func:`keep_unchanged_component_styles` puts the old styles back when the new ones hold the same
rules (Textual's own comparison, by which it decides whether to redraw): the node made for the
comparison is dropped young, never frozen. Only a real change of look replaces a node.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode

#: Textual's own, which the replacement runs before putting the unchanged styles back.
_textual_process: Callable[[Stylesheet, DOMNode], None] = Stylesheet._process_component_classes


def _process_component_classes(self: Stylesheet, node: DOMNode) -> None:
    """Textual's, except that a component's styles equal to the ones it had stay those."""
    before = dict(node._component_styles)
    _textual_process(self, node)
    styles = node._component_styles
    for component, old in before.items():
        new = styles.get(component)
        if new is not None and new is not old and new == old:
            styles[component] = old


def keep_unchanged_component_styles() -> None:
    """Unchanged component styles are kept (see the module's note); doing it twice does nothing more."""
    Stylesheet._process_component_classes = _process_component_classes  # type: ignore[method-assign]
