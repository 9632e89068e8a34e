"""Labelled metadata lines: what portals, databases and front matter say about a document.

gov.cn pages carry a table (标题 / 发文机关 / 发文字号 / 成文日期 …) that the
HTML reader turns into ``标签：值`` lines; city portals print such lines
themselves (``标　　题：`` with spaced-out labels); Markdown files open with
YAML front matter (``文号: …``); pkulaw exports print ``【法宝引证码】 CLI…``.
All of them are metadata, not body text, and they name the field they hold —
so they are read before any guess from the document's layout.

Only known labels count: ``主要目标：…`` in a body is a heading, not metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: field → labels as printed, best first. A label may be spaced out (标　　题).
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "题名", "名称", "政策标题", "政策名称", "政策名", "文件名称", "文件标题"),
    "doc_number": ("发文字号", "政策文号", "文号", "发文号", "文件编号", "发文文号", "文件字号"),
    "issuer": (
        "发文机关",
        "发布机关",
        "制发机关",
        "颁布机关",
        "发文单位",
        "发文机构",
        "发布机构",
        "发布单位",
        "发布部门",
    ),
    "date_written": ("成文日期", "成文时间", "印发日期"),
    "date_published": ("发布日期", "发布时间", "公布日期", "公布时间", "发文日期", "日期"),
    "date_effective": ("实施日期", "施行日期", "生效日期", "生效时间"),
    "status": ("时效性", "有效性", "政策状态", "状态"),
    "level": ("效力级别", "层级"),
}
#: Labels kept as facts without a field of their own.
OTHER_LABELS = (
    "索引号",
    "主题分类",
    "分类",
    "公文种类",
    "类型",
    "主题词",
    "来源",
    "原文链接",
    "官方链接",
    "链接",
    "网址",
    "具体链接",
    "详情页链接",
    "法宝引证码",
    "统一编号",
    "失效日期",
    "失效时间",
    "到期时间",
    "牵头单位",
    "产业类型",
    "部门",
)

_ALL_LABELS = sorted({label for labels in FIELD_LABELS.values() for label in labels} | set(OTHER_LABELS), key=len)
_LABEL_FIELD = {label: name for name, labels in FIELD_LABELS.items() for label in labels}
_SPACED = "|".join(r"[ \u3000]*".join(map(re.escape, label)) for label in reversed(_ALL_LABELS))
_LINE_RE = re.compile(
    rf"^[ \t\u3000]*(?:【(?P<b>{_SPACED})】[ \t\u3000:：]*|(?P<c>{_SPACED})[ \t\u3000]*[:：][ \t\u3000]*)(?P<value>.*?)\s*$"
)
#: Lines that open or close a metadata block: YAML fences and the 正文 marker.
_FENCE_RE = re.compile(r"^\s*(?:-{3,}|正\s*文\s*[:：]?)\s*$")


@dataclass(frozen=True)
class LabelledLine:
    label: str
    field: str | None
    value: str


def read_labelled(line: str) -> LabelledLine | None:
    """The label and value of a metadata line (``发文字号：国发〔2019〕4号``), if it is one."""
    m = _LINE_RE.match(line)
    if not m:
        return None
    label = re.sub(r"[ \u3000]", "", m.group("b") or m.group("c"))
    return LabelledLine(label, _LABEL_FIELD.get(label), m.group("value").strip())


def is_fence(line: str) -> bool:
    """``---`` around YAML front matter, or the ``正文`` line that ends a portal's header."""
    return bool(_FENCE_RE.match(line))
