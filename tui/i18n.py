"""The interface language: one gettext catalogue, Chinese by default.

Messages are written in English in the code (the gettext convention) and
translated through ``tui/locale/<lang>/LC_MESSAGES/ceyue.mo``. The language is
chosen once at start-up by :func:`use_language`; ``_`` looks it up each call so
strings translated at render time follow the choice. Strings that must exist
before the language is chosen (class-level tables) are marked with ``N_`` and
translated where they are shown.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "ceyue"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh": "zh_CN", "zh_cn": "zh_CN", "en": "en"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def use_language(language: str) -> str:
    """Switch the catalogue; return the language actually in use (``en`` when no catalogue exists)."""
    global _translation, _language
    code = LANGUAGES.get(language.lower().replace("-", "_"), language)
    if code == "en":
        _translation, _language = gettext.NullTranslations(), "en"
        return _language
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
    _language = code if isinstance(_translation, gettext.GNUTranslations) else "en"
    return _language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet."""
    return message
