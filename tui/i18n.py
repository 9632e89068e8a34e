"""The interface language: one gettext catalogue, Chinese by default.

Messages are written in English in the code (the gettext convention) and
translated through ``tui/locale/<lang>/LC_MESSAGES/ceyue.mo``. The language is
chosen once at start-up by :func:`use_language`; ``_`` looks it up each call so
strings translated at render time follow the choice. Strings that must exist
before the language is chosen (class-level tables) are marked with ``N_`` and
translated where they are shown.

The catalogue is kept with Babel: ``scripts/translations.sh`` extracts the
messages into ``tui/locale/ceyue.pot``, merges them into the ``.po`` and
compiles the ``.mo`` that is committed (a test checks that the two agree).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

from documents.errors import CeyueError, LoadError, Message

DOMAIN = "ceyue"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh": "zh_CN", "zh_cn": "zh_CN", "en": "en"}
#: Where the language comes from when ``--lang`` is not given, in order (gettext's own order for the last four).
LANGUAGE_ENV = ("CEYUE_LANG",)
LOCALE_ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

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


def language_of(value: str | None) -> str | None:
    """``en…`` -> en, ``zh…`` -> zh_CN, anything else (C, POSIX, de_DE) -> None: no say."""
    value = (value or "").strip().split(":")[0].lower()
    if value.startswith("en"):
        return "en"
    if value.startswith("zh"):
        return DEFAULT_LANGUAGE
    return None


def pick_language(option: str | None, configured: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The interface language: ``--lang``, then ``$CEYUE_LANG``, then the config file's ``language``, then the
    locale (the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set). English only when one of them asks
    for it; Chinese otherwise, C and POSIX locales included (a civil servant's terminal is often one)."""
    env = os.environ if environ is None else environ
    explicit = [option, *(env.get(name) for name in LANGUAGE_ENV), configured]
    for value in explicit:
        if value and value.strip():
            return language_of(value) or DEFAULT_LANGUAGE
    locale = next((env[name] for name in LOCALE_ENV if env.get(name)), None)
    return language_of(locale) or DEFAULT_LANGUAGE


def _(message: str) -> str:
    """Translate ``message`` into the interface language."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` by ``n`` in English; Chinese has one form."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet."""
    return message


def translate(message: Message) -> str:
    """``message`` from the layers below (English template marked with ``documents.errors.N_``) in the
    interface language; the values that are messages themselves are translated in their turn."""
    params = {name: translate(value) if isinstance(value, Message) else value for name, value in message.params.items()}
    if not params:
        return _(message.template)
    try:
        return _(message.template).format_map(params)
    except (KeyError, IndexError, ValueError):  # a catalogue entry that lost a placeholder: English still reads
        return str(message)


def explain(what: CeyueError | LoadError | Message | BaseException | str) -> str:
    """A failure to show the user, in the interface language where it carries a :class:`Message`."""
    if isinstance(what, Message):
        return translate(what)
    if isinstance(what, CeyueError):
        return translate(what.message)
    if isinstance(what, LoadError):
        return translate(what.reason) if what.reason is not None else what.message
    return str(what)
