"""Quantitative targets: a value with a unit to reach by a year (到2020年…达到5.3万亿).

A target is a number with a unit (``5 家左右``, ``250万元/亩以上``), often after a
target verb (达到 / 增长 / 控制在 …). Its year is the nearest target year before
it in the same sentence (base years such as 比2010年 / 由2010年的 never count),
else in the clause, else in the section's first clause or heading
(``二、发展目标 … 到2020年，``), else the year of a one-year work plan. Past facts
are left out: a value counts only when a target cue (到/力争/确保/目标/N年底前 …)
or a 目标 heading stands over it and its year is not before the document's own
year. Values that start a change (由…的96.78万元/亩) or describe a later noun
(过1000亿元的开发区19个) are not targets.

    >>> [(t.year, t.value, t.unit, t.indicator) for t in targets_in_text("到2020年，进出口总额达到51亿美元以上")]
    [(2020, 51.0, '亿美元', '进出口总额')]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict, dataclass

from documents.model import Clause, Document, Section, Table
from documents.parsing.spans import segments

_AFTER_UNIT = "以上|左右|以内|以下"
"""Qualifiers printed after the unit (100万人以上); the others (约, 近, 超过, 累计, >) stand before the number
and 余/多 right after it."""
_MAGNITUDES = ("万亿", "千万", "百万", "亿", "万")
"""Words that scale a number (1.3万亿斤, 22亿词元): the unit is the magnitude with what follows."""
_CLASSIFIERS = tuple(
    [
        "个",
        "家",
        "项",
        "件",
        "名",
        "人",
        "人次",
        "户",
        "所",
        "座",
        "条",
        "处",
        "套",
        "台",
        "辆",
        "场",
        "次",
        "批",
        "类",
        "种",
        "只",
        "头",
        "株",
        "棵",
        "册",
        "篇",
        "份",
        "张",
        "栋",
        "幢",
        "支",
        "架",
        "艘",
        "列",
        "床",
        "例",
        "起",
        "宗",
        "笔",
        "倍",
        "大类",
    ]
)
"""Chinese measure words (量词): a number before one counts things (50场, 3万户, 100万条)."""
_MEASURES = tuple(
    [
        "元",
        "美元",
        "欧元",
        "港元",
        "个百分点",
        "%",
        "％",
        "‰",
        "吨标准煤/万元",
        "吨",
        "公斤",
        "千克",
        "斤",
        "亩",
        "公顷",
        "平方米",
        "平方公里",
        "平方千米",
        "公里",
        "千米",
        "米",
        "立方米",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "标准箱",
        "标箱",
        "微克/立方米",
        "岁",
    ]
)
"""Units of money, shares, weight, area, length, power, concentration and age."""
_MEASURE_UNIT_RE = "|".join(re.escape(u) for u in sorted(_CLASSIFIERS + _MEASURES, key=len, reverse=True))
_MAGNITUDE_RE = "|".join(_MAGNITUDES)
_SIMPLE_UNIT_RE = rf"(?:{_MAGNITUDE_RE})?(?:{_MEASURE_UNIT_RE})|(?:{_MAGNITUDE_RE})(?:[\u4e00-\u9fff]{{1,2}}(?=的))?"
"""A unit: a measure with its magnitude (万亿元, 万户), else a magnitude with the noun it counts
before 的 (22亿词元的知识库), else a bare magnitude (5.3万亿)."""
_PER = ("平方公里", "亩", "公顷", "人", "万元", "年", "吨", "千瓦时")
_UNIT_RE = rf"(?:{_SIMPLE_UNIT_RE})(?:/(?:{'|'.join(map(re.escape, _PER))}))?"
"""A unit, maybe per another (亿元/平方公里, 万元/亩): the compound is the unit."""
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = r"[一二两三四五六七八九十百千]+"
_DIGITS = r"\d+(?:\.\d+)?"
_NUMBER = rf"{_DIGITS}|{_CN_NUMBER}"


def cn_number(text: str) -> float | None:
    """A Chinese numeral as a number: 八 → 8, 十二 → 12, 三百五十 → 350; digits pass through."""
    try:
        return float(text)
    except ValueError:
        pass
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return float(total + current)


_MEASURE_WORDS = frozenset({*_CLASSIFIERS, "大"} - {"次", "人次", "倍"})
"""Units a Chinese numeral may count (八条, 十二项, 三大平台); 百亿 or 千亿 are words, not counts,
nor are 二次 (二次开发), 三次 (三次产业) or 两倍."""
_FRACTION_RE = re.compile(
    rf"(?:(?P<verb>压减|减少|降低|提高|增长|达到|超过|占)(?:至少|至|到)?)?(?P<approx>约|近|超)?"
    rf"(?P<den>{_CN_NUMBER}|\d+)分之(?P<num>{_CN_NUMBER}|\d+)\s*(?P<qualifier>{_AFTER_UNIT})?"
)
"""A fraction: 压减至少三分之一以上 (value 1/3, no unit)."""
_VERBS = (
    "达到",
    "达",
    "超过",
    "突破",
    "增长",
    "提高到",
    "提高",
    "提升到",
    "提升至",
    "降低",
    "下降",
    "降至",
    "控制在",
    "保持在",
    "稳定在",
    "守住",
    "新建",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "应达到",
    "占比达到",
    "比重达到",
    "累计达到",
    "新增",
    "引进",
    "培育",
)
_VERB_RE = "|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True))
VALUE_RE = re.compile(
    rf"(?:(?P<verb>{_VERB_RE})\s*(?:到|至)?\s*)?(?P<approx>约|近|超|逾)?(?<![\d.])(?P<value>{_NUMBER})\s*"
    rf"(?:(?:{_UNIT_RE})?\s*(?:[-－~～至到—–]+|(?<=\d)一(?=\d))\s*(?P<upper>{_NUMBER})\s*)?(?P<more>余|多)?"
    rf"(?P<unit>{_UNIT_RE}|(?<=[二两三四五六七八九十])大|(?<=\.\d)年)(?!工作日|月|小时|天|年|季度|批次)\s*(?P<qualifier>{_AFTER_UNIT})?"
)
"""A value with its unit, maybe a range and 以上/左右, maybe after a target verb: 达到3.2万亿元, 5 家左右;
a number of years only with a decimal (平均受教育年限提高到11.5年), never a date or a span (2025年, 3年)."""
_NOUN = rf"(?:(?!和|与|及|实施|开展|进行|达到|完成|{_DIGITS}\s*(?:{_UNIT_RE}))[\u4e00-\u9fffA-Za-z0-9“”\"])"
_AFTER_NOUN_RE = re.compile(rf"\s*(?P<of>的)?\s*(?P<noun>{_NOUN}{{1,16}})")
"""What a value counts when the noun follows it: 75% 的国家级园区, 5 家左右绿色园区."""
_DESCRIBES_RE = re.compile(
    rf"\s*的?\s*{_NOUN}{{1,12}}?\s*(?:累计|力争|将)?(?:{_VERB_RE})?\s*(?:到|至)?\s*{_DIGITS}\s*(?:{_UNIT_RE})"
)
"""A value inside the noun of a later one: 过1000亿元的开发区19个, 超30亿元大企业20家."""
_ACTION_RE = re.compile(
    r"建设|培育|打造|引进|支持|创建|新设|新建|建成|完成|选择|突破|压减|拟|安排|出台|制定|推出|举办|设立|认定"
)
"""A plan's action before a count (建设1—2个…, 打造…三大服务平台, 完成…3万户, 拟安排…): the count is a goal."""
_THRESHOLD_VERBS = ("突破", "不超过", "不低于", "不少于", "不高于", "应达到", "控制在", "稳定在", "保持在", "守住")
"""Verbs that commit to a bound (控制在30%, 稳定在70%, 守住18亿亩): the value is a goal wherever it stands."""


def _names_a_group(piece: str, m: re.Match) -> bool:
    """Whether the value only names a group or a bracket, not a quantity to reach: 2.9亿在校学生,
    14亿多中国人 (a bare 亿 before a noun), 100万元至300万元部分 (a tax band), 3岁以下婴幼儿, 党的二十大,
    a rate's base (每千人口), 千家万户, and what there already is (已建成12个, 现有50个)."""
    after = piece[m.end() : m.end() + 3]
    if m.group("unit") in _MAGNITUDES and not m.group("qualifier") and re.match(r"[\u4e00-\u9fff](?<!的)", after):
        return True
    if after.startswith(("部分", "的部分")):
        return True
    if m.group("unit") == "岁" and m.group("qualifier") and not piece.startswith(("。", "，"), m.end()):
        return True  # 3岁以下婴幼儿: an age group
    if re.search(r"已|目前|现有|共有|(?<![为除])了(?!解)|^有\s*$", piece[: m.start("value")]):
        return True  # 已建成12个, 现有50个, 设立了两个: what there is, not what is to be reached
    if piece[max(0, m.start("value") - 1) : m.start("value")] == "每" or m.group("value") in ("百", "千"):
        return True  # 每千人口 (a rate's base), 千家万户, 百花齐放
    return m.group("unit") == "大" and piece[max(0, m.start("value") - 1) : m.start("value")] in ("的", "党")


def _describes(piece: str, m: re.Match) -> bool:
    """Whether the value describes the noun of a later value: a threshold before it (过1000亿元的
    开发区19个, 超30亿元大企业20家) or 的 after it; a plain count (10个产业集群产值达到…) does not."""
    before = piece[max(0, m.start("value") - 2) : m.start("value")]
    return before.endswith(("过", "超", "上")) or bool(m.group("approx")) or piece.startswith("的", m.end())


_OBJECT_VERB_RE = re.compile(
    r"(?:完成|建成|新建|新增|引进|培育|创建|打造|认定|扶持|使用|启动|举办|守住|出台|制定|推出|设立)\s*$"
)
"""A verb right before the value: the noun after the value is what it counts (完成144家园区…)."""
_BASE_RE = re.compile(r"[由从]\s*(?:(?:19|20)\d{2}\s*年(?:末|底)?的?)?\s*$")
"""The value a change starts from: 由2010年的96.78万元/亩 (增加到…)."""
_YEAR_LEAD_RE = re.compile(
    r"^(?:到|至|截至)?\s*(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*(?:末|底|前|年末|年底)*前?[，,]?"
)
_LEAD_WORDS_RE = re.compile(
    r"^(?:[和与及、的]|其中|全年|累计|每年|年均|期末|[一二三四五六七八九十]+年(?:累计|内)?|力争|争取|确保"
    r"|新增|布局|引进|形成|创建|推进|建成|完成|实现|培育|打造|创造|建设|实施|有|今年|明年|将|坚决|要"
    r"|拟安排|安排|使用|新建|启动|举办|守住|出台|制定|推出|设立|预计)+"
)
_TRAIL_WORDS_RE = re.compile(
    r"(?:年均|累计|全年|均|要|将|力争|争取|确保|稳定|分别|再|实现|占|为|过|超|超过|增加到|提高到|增加|扩大|拟按|拟安排|安排|的)+$"
)
_TARGET_YEAR_RE = re.compile(r"(?:到|至|截至|力争|争取|确保)?\s*((?:19|20)\d{2})\s*年\s*(?:末|底|前|年末|年底)?")
_CUE_RE = re.compile(
    r"到\s*(?:19|20)\d{2}|力争|争取|确保|目标|预计|将达到|年末|年底前|期末"
    r"|(?:19|20)\d{2}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*(?:底|末)?\s*前"
)
_PLEDGE_RE = re.compile(r"力争|确保|目标")
"""A pledge before a value with a target verb (确保…占比达到80%以上) makes it a target with no year."""
_LIST_CUE_RE = re.compile(r"(?:目标|指标)(?:是|为|如下)?\s*[：:]")
"""A list of goals introduced by a colon (主要预期目标是：…；…；…。): the cue holds to the sentence's end."""
_ONE_YEAR_KINDS = r"工作要点|工作计划|工作安排|政府工作报告"
_WORK_PLAN_RE = re.compile(rf"((?:19|20)\d{{2}})\s*年.*(?:{_ONE_YEAR_KINDS})")
"""A plan for one year: every value it sets is for that year. A 政府工作报告 is given early in the year
it names (2022年政府工作报告) and sets that year's goals; its review of the last year is left out
by its year (2021年工作回顾, 去年增长8.1%). Untitled by year (政府工作报告, 市场监管局工作要点), it is
for the year it is dated."""


@dataclass
class Target:
    """One quantitative target. ``indicator`` is what is measured, ``text`` the piece as printed."""

    doc: str
    address: str
    year: int | None
    value: float
    unit: str
    text: str
    indicator: str
    upper: float | None = None
    qualifier: str = ""
    verb: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    def shown(self) -> tuple[str, str]:
        """The value and the unit as a reader writes them, each qualifier in its place:
        (约1.5, 万亿元), (50余, 人), (120, 个左右)."""
        after = next((w for w in _AFTER_UNIT.split("|") if self.qualifier.endswith(w)), "")
        before = self.qualifier.removesuffix(after)
        more = next((w for w in ("余", "多") if before.endswith(w)), "")
        before = before.removesuffix(more)
        value = before + f"{self.value:g}" + (f"–{self.upper:g}" if self.upper is not None else "") + more
        return value, self.unit + after


_PERIOD_RE = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:规划)?(?:期间|期末|末|时期)")
"""A five-year plan period in a sentence (“十二五”期间): its last year is the target year."""
_PLAN_PERIOD_RE = re.compile(r"十([一二三四五六七八九])(?:五|个五年)")
"""A five-year plan named in a title or heading: 十四五, 第十四个五年规划."""
_PLAN_RANGE_RE = re.compile(r"((?:19|20)\d{2})\s*[-－~～至—–]+\s*((?:19|20)\d{2})\s*年")
_HORIZON_RE = re.compile(
    r"规划期(?:限)?(?:为|是)?\s*(?:(?:19|20)\d{2}\s*年?\s*[-－~～至—–]+\s*|至|到)\s*((?:19|20)\d{2})"
)


def _period_end(numeral: str) -> int:
    """十一五 → 2010, 十二五 → 2015, 十四五 → 2025."""
    return 2005 + 5 * int(cn_number(numeral) or 0)


_RELATIVE_YEAR_RE = re.compile(
    r"(?P<one>今|本|明|去|上)年|(?:过去|近)[一二三四五两几]年|[一二三四五两几]年来|(?:今后|未来)(?P<ahead>[一二三四五两])年"
)
_RELATIVE_YEAR = {"今": 0, "本": 0, "明": 1, "去": -1, "上": -1}
"""今年 is the document's year, 明年 the next, 去年/过去五年/一年来 before it, 今后五年 its fifth year."""


def _years(text: str, this_year: int | None = None) -> list[tuple[int, int]]:
    """(position, year) of target years in ``text``; base years (比/较/由/从2010年, 比去年) are left
    out; a plan period (“十二五”期间) stands for its last year, 今年/明年/去年 for the document's
    year (``this_year``) and the years around it."""
    found = [
        (m.start(), int(m.group(1)))
        for m in _TARGET_YEAR_RE.finditer(text)
        if 1990 <= int(m.group(1)) <= 2100 and not _is_base(text, m.start())
    ]
    found += [(m.start(), _period_end(m.group(1))) for m in _PERIOD_RE.finditer(text)]
    if this_year is not None:
        found += [
            (m.start(), this_year + _relative_offset(m))
            for m in _RELATIVE_YEAR_RE.finditer(text)
            if not _is_base(text, m.start())
        ]
    return sorted(found)


def _relative_offset(m: re.Match) -> int:
    """Years from the document's year to the one a 今年/去年/今后五年/五年来 match names."""
    if m.group("one"):
        return _RELATIVE_YEAR[m.group("one")]
    if m.group("ahead"):
        return int(cn_number(m.group("ahead")) or 1) - 1
    return -1


def _is_base(text: str, start: int) -> bool:
    """Whether the year at ``start`` is a base a change is measured from (比2010年, 较去年)."""
    return text[max(0, start - 1) : start] in ("比", "较", "于", "由", "从")


def plan_years(document: Document) -> tuple[int | None, int | None]:
    """The period a plan covers, (first year, target year), from its title (“十二五”,
    （2011-2015年）, 2020年…工作要点) or its text (规划期至2025年), else the year its
    goals name most (到2020年)."""
    title = document.title or ""
    m = _PLAN_RANGE_RE.search(title)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _PLAN_PERIOD_RE.search(title)
    if m:
        end = _period_end(m.group(1))
        return end - 4, end
    one_year = _one_year_plan(document)
    if one_year is not None:
        return one_year, one_year
    counts: dict[int, int] = {}
    for block in document.clauses():
        m = _HORIZON_RE.search(block.text)
        if m:
            return None, int(m.group(1))
        for y in re.findall(r"到\s*((?:19|20)\d{2})\s*年", block.text):
            counts[int(y)] = counts.get(int(y), 0) + 1
    if not counts:
        return None, None
    return None, max(counts, key=lambda y: (counts[y], -y))


_DELIVERED_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在.{0,40}(?:会议|大会)")


def _one_year_plan(document: Document) -> int | None:
    """The year a one-year plan or report is for: its title's (2022年政府工作报告), else its date's,
    else the day a report was given, printed under its title (——2023年1月10日在…人民代表大会…上)."""
    title = document.title or ""
    m = _WORK_PLAN_RE.search(title)
    if m:
        return int(m.group(1))
    if not re.search(_ONE_YEAR_KINDS, title):
        return None
    if document.meta.date_iso:
        return int(document.meta.date_iso[:4])
    for clause in itertools.islice(document.clauses(), 3):
        m = _DELIVERED_RE.search(clause.text)
        if m:
            return int(m.group(1))
    return None


def _indicator(head: str) -> str:
    """The noun phrase before a value, without time words, lead-in verbs and a base (比2010年)."""
    head = re.split(r"[由从比较](?=\s*(?:(?:19|20)\d{2}\s*年|去年|上年|\d))", head)[0].strip()
    while True:
        stripped = _YEAR_LEAD_RE.sub("", head).strip()
        stripped = _LEAD_WORDS_RE.sub("", stripped).strip()
        if stripped == head:
            break
        head = stripped
    head = _TRAIL_WORDS_RE.sub("", head).strip(" ，,、：:")
    return "" if head.endswith("等") else head


def targets_in_text(
    text: str,
    doc: str = "",
    address: str = "",
    default_year: int | None = None,
    cue: bool = False,
    min_year: int | None = None,
) -> list[Target]:
    """Targets in one clause text; ``default_year``/``cue`` come from the section around it.

    Each value is paired with the noun phrase before it in its clause part, else the noun
    after it (``5 家左右绿色园区``), else (a rate after a verb: ``年均增长27%``) the
    indicator of the value before it in the sentence.
    """
    out: list[Target] = []
    text = text.replace("／", "/")
    if not VALUE_RE.search(text) and "分之" not in text:
        return out  # most clauses of a law hold no value with a unit: no segments or years to read
    clause_years = _years(text, min_year)
    list_cue = False
    for seg in segments(text):
        seg_years = _years(seg.text, min_year)
        own_cue = list_cue or bool(_CUE_RE.search(seg.text))
        seg_cue = cue or own_cue
        list_cue = (list_cue or bool(_LIST_CUE_RE.search(seg.text))) and text[seg.end :].lstrip()[:1] not in "。！？!?"
        last_indicator = ""
        for piece_match in re.finditer(r"[^，,：:；;]+", seg.text):
            piece = piece_match.group(0)
            region = 0
            for m in VALUE_RE.finditer(piece):
                if _BASE_RE.search(piece[: m.start("value")]) or (
                    _DESCRIBES_RE.match(piece, m.end()) and _describes(piece, m)
                ):
                    continue
                if not m.group("value")[0].isdigit() and (
                    ((cn_number(m.group("value")) or 0) <= 1 and m.group("qualifier") != "以上")
                    or m.group("unit") not in _MEASURE_WORDS
                    or piece[max(0, m.start("value") - 1) : m.start("value")] in ("第", "“", '"')
                    or piece[m.end() : m.end() + 1] in ("一", "”", "级")
                ):
                    continue  # 一个 (an article), 百亿级, “五个一”: not a count
                if _names_a_group(piece, m):
                    continue
                at = piece_match.start() + m.start()
                before = [y for pos, y in seg_years if pos < at] or [
                    y for pos, y in clause_years if pos < seg.start + at
                ]
                year = before[-1] if before else (seg_years[0][1] if seg_years else default_year)
                piece_cue = _ACTION_RE.search(piece[: m.start("value")]) or m.group("verb") in _THRESHOLD_VERBS
                counted = m.group("value")[0].isdigit() or own_cue  # 两个市场, 八项规定: a set phrase, not a goal
                pledged = bool(m.group("verb")) and bool(_PLEDGE_RE.search(seg.text[: at + 1]))
                if (
                    (year is None and not pledged)
                    or not ((seg_cue and counted) or piece_cue)
                    or (year is not None and min_year is not None and year < min_year)
                ):
                    region = m.end()
                    continue
                head = piece[region : m.start()]
                if region and "、" in head:  # 100个专题领域、不少于22亿词元: a new item of the list
                    head = head.rsplit("、", 1)[1]
                indicator = _indicator(head)
                region = m.end()
                after = _AFTER_NOUN_RE.match(piece, m.end())
                if after and not indicator:
                    ends = after.end() == len(piece) or piece[after.end()] in "。"
                    counted = _OBJECT_VERB_RE.search(piece[: m.start()])
                    if after.group("of") or m.group("qualifier") or ends or counted:
                        indicator = after.group("noun")
                        region = after.end()
                if not indicator and m.group("verb"):
                    indicator = last_indicator
                last_indicator = indicator or last_indicator
                out.append(
                    Target(
                        doc,
                        address,
                        year,
                        cn_number(m.group("value")) or 0.0,
                        m.group("unit").replace("％", "%"),
                        piece.strip(),
                        indicator,
                        cn_number(m.group("upper")) if m.group("upper") else None,
                        (m.group("approx") or "") + (m.group("more") or "") + (m.group("qualifier") or ""),
                        m.group("verb") or "",
                    )
                )
    if default_year is not None or clause_years:
        out += _fractions(text, doc, address, default_year, cue, min_year)
    return out


def _fractions(
    text: str, doc: str, address: str, default_year: int | None, cue: bool, min_year: int | None
) -> list[Target]:
    """Fractions as targets (压减至少三分之一以上): value num/den, unit 分之."""
    out: list[Target] = []
    years = _years(text)
    for m in _FRACTION_RE.finditer(text):
        before = [y for pos, y in years if pos < m.start()]
        year = before[-1] if before else default_year
        change = m.group("verb") in ("压减", "减少", "降低", "提高")  # 压减至少三分之一: a goal by itself
        if year is None or not (cue or change or _CUE_RE.search(text)) or (min_year is not None and year < min_year):
            continue
        den, num = cn_number(m.group("den")), cn_number(m.group("num"))
        if not den or num is None:
            continue
        piece_start = max(text.rfind(c, 0, m.start()) for c in "，,；;。：:") + 1
        out.append(
            Target(
                doc,
                address,
                year,
                round(num / den, 4),
                "",
                text[piece_start : m.end()].strip(),
                _indicator(text[piece_start : m.start()]),
                None,
                (m.group("approx") or "") + (m.group("qualifier") or ""),
                m.group("verb") or "",
            )
        )
    return out


_REVIEW_HEADING_RE = re.compile(r"回顾|总结|成效|成就|现状|进展|执行情况|完成情况")
"""A heading over what was done (“十三五”发展回顾, 2021年工作回顾): no value under it is a target."""
_YEAR_TASKS_HEADING_RE = re.compile(r"任务|安排|计划|重点工作")
"""A heading over the tasks of one year (2022年政府工作任务): every value under it is set for the year."""


def _section_context(section: Section, this_year: int | None) -> tuple[int | None, bool, bool]:
    """A target year, whether the section is about goals and whether it looks back, from its heading
    and first clause. A heading naming a plan period (“十四五”主要任务) names its last year."""
    heading = section.title or ""
    first = next((b.text for b in section.blocks if isinstance(b, Clause)), "")
    years = _years(heading, this_year) or _years(first[:40], this_year)
    year = years[0][1] if years else None
    period = _PLAN_PERIOD_RE.search(heading)
    if year is None and period:
        year = _period_end(period.group(1))
    cue = bool(re.search(r"目标|指标", heading)) or (
        year is not None and year == this_year and bool(_YEAR_TASKS_HEADING_RE.search(heading))
    )
    return year, cue, bool(_REVIEW_HEADING_RE.search(heading))


def targets_of(document: Document) -> list[Target]:
    """Every quantitative target in ``document``, in reading order."""
    first, horizon = plan_years(document)
    min_year = int(document.meta.date_iso[:4]) if document.meta.date_iso else first
    parents: dict[str, tuple[int | None, bool, bool]] = {}

    def visit(node: Section, year: int | None, cue: bool, past: bool) -> None:
        own_year, own_cue, own_past = (
            _section_context(node, min_year) if node is not document.root else (None, False, False)
        )
        year, cue, past = own_year or year, cue or own_cue, past or own_past
        parents[node.address] = (year, cue, past)
        for child in node.children:
            visit(child, year, cue, past)

    visit(document.root, horizon, _one_year_plan(document) is not None, False)
    out: list[Target] = []
    for section, block in document.blocks():
        year, cue, past = parents.get(section.address, (None, False, False))
        if past:
            continue
        if isinstance(block, Clause) and block.kind == "clause":
            out += targets_in_text(block.text, document.key, block.address, year, cue, min_year)
        elif isinstance(block, Table):
            out += table_targets(block, document.key, year, min_year)
    return out


_GOAL_COLUMN_RE = re.compile(r"目标|预期|规划")
_PAST_COLUMN_RE = re.compile(r"基期|基准|基数|现状|实际|完成")
_CELL_VALUE_RE = re.compile(
    rf"(?P<bound>[>≥＞≧<≤＜≦]|大于|小于|不少于|不低于|不超过|超过|约|近|累计)?\s*(?P<total>[〔［\[])?\s*(?P<value>{_DIGITS})"
    rf"(?:\s*[-－~～至—–]+\s*(?P<upper>{_DIGITS}))?\s*[〕］\]]?\s*(?P<unit>{_UNIT_RE})?\s*(?P<qualifier>{_AFTER_UNIT})?"
)
"""A goal cell: >2, 65左右, 5-8, 30万平方米, or 〔15〕 (a plan's bracketed total over its period)."""
_TABLE_UNIT_RE = re.compile(rf"单位\s*[:：]\s*(?P<unit>{_UNIT_RE})")
"""The unit a table's caption or notes give for all its cells (单位：万元)."""
_BRACKET_UNIT_RE = re.compile(rf"[（(]\s*(?P<unit>{_UNIT_RE}|年|天|小时|分钟)\s*[）)]\s*$")
"""An indicator's unit in brackets at its end (城镇化率（%）, 平均受教育年限（年）): there 年 is a unit."""
_PROSE_CELL = 12
"""A cell with at least this many characters is prose (a task list's 推动…打造…三大主题片区) and is
read as a clause."""


def table_targets(table: Table, doc: str, year: int | None, this_year: int | None) -> list[Target]:
    """Targets of an indicator table, one per row and goal column: a column named by a year not before
    the document's (2025年目标值, 2035年) or by 目标/预期, the unit from a 单位 column, the indicator's
    brackets (城镇化率（%）) or the cell itself (``指标 | 万户 | >2 | 约束性``). A table without
    such a column has its prose cells read as clauses under the section's year."""
    columns = [_squash_cell(c) for c in table.columns]
    goals = [(i, y) for i, y in ((i, _column_year(c, year, this_year)) for i, c in enumerate(columns)) if y]
    if not goals:
        return [
            t
            for row in table.rows
            for cell in row
            if len(cell) >= _PROSE_CELL
            for t in targets_in_text(cell, doc, table.address, year, False, this_year)
        ]
    unit_col = next((i for i, c in enumerate(columns) if "单位" in c), None)
    whole = _TABLE_UNIT_RE.search(" ".join([table.caption, *table.notes]))
    name_col = next((i for i, c in enumerate(columns) if re.search(r"指标|名称|项目", c)), None)
    if name_col is None:
        name_col = next((i for i, c in enumerate(columns) if i not in dict(goals) and c not in ("序号", "类型")), 0)
    out: list[Target] = []
    for row in table.rows:
        name = row[name_col].strip() if name_col < len(row) else ""
        for col, goal_year in goals:
            m = _CELL_VALUE_RE.fullmatch(row[col].strip()) if col < len(row) else None
            if not m or not name:
                continue
            bracket = _BRACKET_UNIT_RE.search(name)
            unit = m.group("unit") or (bracket.group("unit") if bracket else "")
            if not unit and unit_col is not None and unit_col < len(row):
                unit = row[unit_col].strip()
            unit = unit or (whole.group("unit") if whole else "")
            if not unit or re.fullmatch(r"[-—–－/／]*", unit):
                continue
            out.append(
                Target(
                    doc,
                    table.address,
                    goal_year,
                    float(m.group("value")),
                    unit.replace("％", "%"),
                    " ".join(cell.strip() for cell in row),
                    name[: bracket.start()] if bracket else name,
                    float(m.group("upper")) if m.group("upper") else None,
                    (m.group("bound") or "") + ("累计" if m.group("total") else "") + (m.group("qualifier") or ""),
                )
            )
    return out


def _squash_cell(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _column_year(header: str, year: int | None, this_year: int | None) -> int | None:
    """The year a column's values are goals for: 2025年目标值 → 2025, 目标值 → the section's year;
    None for a base or past column (2020年基期值, 2019年) or one that is no goal at all."""
    if _PAST_COLUMN_RE.search(header):
        return None
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})\s*年", header)]
    if years:
        last = years[-1]
        if this_year is not None and last < this_year:
            return None
        return last if this_year is not None or _GOAL_COLUMN_RE.search(header) else None
    return year if _GOAL_COLUMN_RE.search(header) and "值" in header else None
