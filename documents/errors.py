"""The one error type the user sees as a message, and the message it carries.

Anything that fails because of what the user asked for or gave (a document
that is not there, an unreadable file, a broken settings file, a query that
does not parse) raises a :class:`CeyueError` subclass whose ``str()`` is one
line meant for the user. ``ceyue``'s ``main()`` prints it as ``ceyue: <message>``
and exits with 2; the browser shows it as a notification.

The text is kept as a :class:`Message`: an English template marked with
:func:`N_` plus its values, so the browser can show it in the interface
language (``tui.i18n.explain``) while this package stays free of gettext.
Lives in ``documents/`` so every layer can raise it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


def N_(template: str) -> str:
    """Mark ``template`` for the interface catalogue (Babel extracts it); returns it unchanged."""
    return template


@dataclass(frozen=True)
class Message:
    """An English ``template`` with ``{name}`` fields and their ``params``; ``str()`` fills them in."""

    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.template, self.params)


def render(template: str, params: Mapping[str, object]) -> str:
    """``template`` with ``params`` filled in (as is when there are none: the text may hold braces)."""
    if not params:
        return template
    try:
        return template.format_map({name: str(value) for name, value in params.items()})
    except (KeyError, IndexError, ValueError):
        return template


class CeyueError(Exception):
    """A failure explained in one line for the user (``str(exc)``, ``exc.message`` to translate it)."""

    def __init__(self, template: str | Message = "", /, **params: object) -> None:
        self.message = template if isinstance(template, Message) else Message(template, params)
        super().__init__(str(self.message))


@dataclass
class LoadError:
    """A file or folder that was skipped: ``message`` in English, ``reason`` the same to translate."""

    path: Path
    message: str
    reason: Message | None = None

    @classmethod
    def of(cls, path: Path, template: str, /, **params: object) -> LoadError:
        reason = Message(template, params)
        return cls(path, str(reason), reason)

    @classmethod
    def from_error(cls, path: Path, error: CeyueError) -> LoadError:
        return cls(path, str(error), error.message)


class SearchCancelled(CeyueError):
    """A search stopped between its phases because a newer query was asked for; nobody shows it.

    Only the browser cancels (it types queries faster than a stale one finishes); the CLI never does.
    """
