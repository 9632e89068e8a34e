"""How a numbered line splits into heading and body text."""

from documents.parsing.parser import parse_text


def test_a_colon_inside_a_responsibility_bracket_does_not_end_the_heading():
    text = "一、重点任务\n\n（二）建设国际产业园（责任单位：省经信委；配合单位：省发改委）。\n"
    doc = parse_text(text, "t")
    section = doc.find("t/一/（二）")
    clause_texts = [c.text for c in doc.clauses()]
    assert not any(t.startswith("省经信委") or t.startswith("省发改委") for t in clause_texts)
    whole = (section.raw_heading or "") + "".join(b.text for b in section.blocks)
    assert "（责任单位：省经信委；配合单位：省发改委）" in whole


def test_a_short_lead_phrase_before_a_colon_is_the_heading():
    doc = parse_text("一、总体要求\n\n（一）指导思想：坚持绿色发展，推进循环化改造。\n", "t")
    section = doc.find("t/一/（一）")
    assert section.display_title == "指导思想"
    assert section.blocks[0].text == "坚持绿色发展，推进循环化改造。"
