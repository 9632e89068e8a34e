"""Property tests: whatever mix of headings, noise and broken lines, the parse is lossless."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from documents.parsing.lossless import divergence
from documents.parsing.parser import parse_text

CN = "一二三四五六七八九十"
hanzi = st.text(
    alphabet=st.sampled_from(list("开发区园产业建设推进加快完善省市县规划目标任务创新改革生态绿色集约")),
    min_size=2,
    max_size=30,
)
punct = st.sampled_from(["。", "，", "；", "：", "、", ""])
sentence = st.builds(lambda a, p, b: a + p + b, hanzi, punct, hanzi)


def heading_line(style: str, n: int, title: str, bold: bool) -> str:
    label = {
        "cn": f"{CN[n]}、",
        "cn_comma": f"{CN[n]}，",
        "paren": f"（{CN[n]}）",
        "half_paren": f"({CN[n]})",
        "arabic": f"{n + 1}.",
        "arabic_dot": f"{n + 1}·",
        "arabic_sep": f"{n + 1}、",
    }[style]
    text = f"{label}{title}"
    return f"**{text}**" if bold else text


@st.composite
def documents(draw):
    lines: list[str] = [draw(hanzi)]
    styles = draw(
        st.lists(
            st.sampled_from(["cn", "cn_comma", "paren", "half_paren", "arabic", "arabic_dot", "arabic_sep"]),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    for n in range(draw(st.integers(1, 4))):
        for depth, style in enumerate(styles):
            lines.append(
                ("#" * (depth + 2) + " " if draw(st.booleans()) else "")
                + heading_line(style, n, draw(hanzi), draw(st.booleans()))
            )
            for _ in range(draw(st.integers(0, 2))):
                para = draw(sentence) + "。"
                if draw(st.booleans()):
                    cut = draw(st.integers(1, max(1, len(para) - 1)))
                    para = para[:cut] + "\n" + ("\n" if draw(st.booleans()) else "") + para[cut:]
                indent = draw(st.sampled_from(["", "\u3000\u3000", "  "]))
                lines.append(indent + para)
            lines.append("")
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(documents())
def test_parse_is_lossless(text):
    doc = parse_text(text, "999_prop")
    assert divergence(doc, text) is None


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
@example("-\r0")  # a line ended by a lone carriage return, as the parser reads it
@example("\ufeff")  # a byte-order mark alone
def test_any_text_parses_losslessly(text):
    doc = parse_text(text, "998_any")
    assert divergence(doc, text) is None


@settings(max_examples=100, deadline=None)
@given(documents())
def test_addresses_unique(text):
    doc = parse_text(text, "997_addr")
    blocks = [b.address for _, b in doc.blocks()]
    assert len(blocks) == len(set(blocks))
    sections = [s.address for s in doc.sections()]
    assert len(sections) == len(set(sections))


@settings(max_examples=100, deadline=None)
@given(documents())
def test_every_numbered_heading_opens_a_section(text):
    doc = parse_text(text, "996_headings")
    expected = sum(1 for line in text.split("\n") if line.lstrip("# *")[:1] in set(CN) | {"（", "("} | set("123456789"))
    assert len(list(doc.sections())) == expected
