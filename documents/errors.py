"""The one error type the user sees as a message.

Anything that fails because of what the user asked for or gave (a document
that is not there, an unreadable file, a name the corpus does not know) raises
a :class:`CeyueError` subclass whose ``str()`` is one line meant for the user.
``ceyue``'s ``main()`` prints it as ``ceyue: <message>`` and exits with 2; the
browser shows it as a notification. Lives in ``documents/`` so every layer can
raise it.
"""

from __future__ import annotations


class CeyueError(Exception):
    """A failure explained in one line for the user (``str(exc)``)."""
