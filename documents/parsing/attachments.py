"""The attachments (附件) a document lists at its end."""

from __future__ import annotations

import re

from documents.model import Attachment

_HEAD_RE = re.compile(r"^[-\s]*附件\s*(\d*)\s*[：:]?\s*")
_ITEM_RE = re.compile(r"^(\d{1,2})\s*[.、．]\s*")
_OMITTED_RE = re.compile(r"\s*[}）)]*\s*[（(]\s*略\s*[）)]\s*$|\s*}\s*$")
_EXTENSION_RE = re.compile(r"\.(docx?|pdf|xlsx?|wps|txt)$", re.I)


def attachment_title(text: str) -> str:
    """An attachment's title without a file extension or an omission mark ``(略)``."""
    text = _OMITTED_RE.sub("", text.strip())
    return _EXTENSION_RE.sub("", text).strip()


def parse_attachments(lines: list[str]) -> list[Attachment]:
    """Attachments from the 附件 lines: ``附件：1.甲`` / ``2.乙`` or a single ``附件：甲.doc``."""
    found: list[Attachment] = []
    for line in lines:
        text = line.strip()
        head = _HEAD_RE.match(text)
        number = head.group(1) if head else ""
        if head:
            text = text[head.end() :]
        item = _ITEM_RE.match(text)
        if item:
            number = item.group(1)
            text = text[item.end() :]
        title = attachment_title(text)
        if not title:
            continue
        found.append(Attachment(label=f"附件{number}", title=title, present=False))
    return found
