"""Tasks (工作任务) and the agencies responsible for them.

Chinese policy texts assign work two ways, and a clause may do both:

* a bracketed list after the task — ``（省发展改革委、省科技厅按职责分工负责）``,
  ``（省发改委牵头，省财政厅配合）``, ``（责任单位：省商务厅）``;
* a sentence whose subject is an agency — ``省商务厅负责…``,
  ``省发改委会同省经信委、省科技厅…``, ``市级各部门、各县区政府要…``.

牵头 / 负责 make an agency *lead*; 配合 / 参与 / 协助 and the objects of 会同
make it a *participant*. A statement such as ``各工作均需各市州人民政府、各园区
管委会参与，以下不再重复`` adds its agencies to every later task as
*inherited* participants (see :mod:`documents.extract.references`).

    >>> roles = bracket_roles("省发展改革委牵头，省财政厅、省商务厅配合")
    >>> [(r.name, r.role) for r in roles]
    [('省发展改革委', 'lead'), ('省财政厅', 'participant'), ('省商务厅', 'participant')]
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from documents.extract.agencies import AgencyTable, default_table, normalize_name
from documents.extract.references import inherited_statements
from documents.extract.zones import ZoneTable, document_abbreviations
from documents.extract.zones import default_table as default_zones
from documents.model import Document
from documents.parsing.paragraphs import body_paragraphs
from documents.parsing.spans import segments

BRACKET_RE = re.compile(r"[（(]((?:[^（）()]|[（(][^（）()]*[）)])*)[）)]")
_RESPONSIBILITY_RE = re.compile(r"负责|牵头|配合|参与|协助|责任单位|责任部门|牵头单位|按职责|分工|承办|主办|落实")
_LABELLED_RE = re.compile(r"^(牵头单位|责任单位|主办单位|主责单位|负责单位|配合单位|参与单位|协办单位|参加单位)[:：]")
_LEAD_WORDS = ("牵头", "负责", "主办", "主责", "承办", "落实", "实施", "承担", "组织")
_PARTICIPANT_WORDS = ("配合", "参与", "协助", "协同", "参加", "协办", "支持")
_CORE_VERBS = (
    "负责",
    "牵头",
    "会同",
    "要",
    "应当",
    "应",
    "须",
    "必须",
    "需",
    "将",
    "组织",
    "指导",
    "统筹",
    "加强",
    "做好",
    "研究",
    "制定",
    "制订",
    "建立",
    "推动",
    "推进",
    "督促",
    "会商",
    "配合",
    "参与",
    "协助",
    "结合",
    "按照",
    "依法",
    "每年",
    "定期",
    "可以",
    "切实",
    "积极",
    "加快",
    "进一步",
    "对",
    "在",
    "落实",
)
"""Verbs after a body that make it the subject; a name with 的 in it must be followed by one."""
_SUBJECT_VERBS = (
    *_CORE_VERBS,
    "承担",
    "具体负责",
    "每月",
    "每季度",
    "及时",
    "根据",
    "依据",
    "依照",
    "向",
    "可",
    "按",
    "于",
    "核查",
    "审核",
    "审查",
    "核实",
    "受理",
    "办理",
    "出具",
    "进行",
    "开展",
    "编制",
    "监督",
    "协调",
    "因",
    "为履行",
)
_LEVEL = (
    r"(?:国务院|国家|中央|省、自治区、直辖市|省级|市级|县级以上(?:地方)?(?:各级)?|县级|乡级|地方各级|各级|本级|同级"
    r"|县（市(?:、区)?）|县（区）|区（县）|省（(?:自治区、直辖市|区、市|市)）|省|市|县|各)"
)
GENERIC_AGENCY_RE = re.compile(
    rf"(?:各(?:有关|相关)(?=省（))?{_LEVEL}?[\u4e00-\u9fff]{{0,10}}?"
    r"(?:人民政府|政府|主管部门|行政部门|职能部门|部门|管委会|管理委员会|机关|委员会|小组(?:办公室)?|办事处"
    r"|(?:领导|管理|监督管理|监管|执法|派出|议事协调)机构|(?:工作)?协调机制|人民代表大会(?=及其))"
    r"(?:(?:有关|相关)[\u4e00-\u9fff]{0,8}?(?:主管部门|行政部门|部门))?(?!组织|性|采购|投资|债)"
    rf"|{_LEVEL}?[\u4e00-\u9fff]{{2,16}}?联席会议(?:办公室)?"
    rf"|{_LEVEL}[\u4e00-\u9fff]{{1,8}}?(?:厅|局|委|办公室|办|联合会)"
    r"|(?:省|市|县|区)(?!级)[\u4e00-\u9fff]{0,6}?(?:指导|服务|管理|运营|监管)单位"
    rf"|{_LEVEL}?(?:(?:省级|市级|县级)以上)?(?:其他)?(?:履行|负有)[\u4e00-\u9fff、]{{2,24}}?职责的(?:部门|机关|机构)"
)
"""An agency name the table does not know: 国务院卫生行政部门, 县级以上地方各级人民政府, 市水利局."""
_VERB_START = (
    "拒",
    "不得",
    "不按",
    "未",
    "违反",
    "干预",
    "阻挠",
    "妨害",
    "可以",
    "应当",
    "也",
    "加强",
    "支持",
    "鼓励",
    "推动",
    "推进",
    "建立",
    "完善",
    "引导",
    "促进",
    "要求",
    "积极",
    "进一步",
    "发挥",
    "强化",
    "充分",
    "落实",
    "组织",
    "指导",
    "加快",
    "实施",
    "按照",
    "根据",
    "经",
    "由",
    "在",
    "对",
    "将",
    "把",
    "向",
    "为",
    "与",
    "和",
    "及",
    "等",
    "并",
    "报",
    "请",
    "从",
    "以",
    "通知",
)
_STRICT_VERBS = ("负责", "牵头", "会同", "要", "应当", "应", "须", "必须", "配合", "参与", "协助", "落实")
_NUMBERING_RE = re.compile(r"^(?:[（(]?\d{1,2}[)）.、．·]|[（(][一二三四五六七八九十]{1,3}[)）]|[①-⑳])\s*")
_LEAD_IN_RE = re.compile(r"^(?:其中|同时|此外|另外|并|(?:具体(?:实施)?(?:办法|规定|细则))?由)[，,]?")
CATCH_ALL = "有关部门"
_CATCH_ALL = {CATCH_ALL}
_BACK_REFERENCE_RE = re.compile(
    r"^(?:其|它|该(?!级)|此|本(?!级)|上述|前述|前款(?:规定|所述|所列)?的?|上款(?:规定)?的?)"
)
"""其有关部门, 该部门, 上述机关, 前款规定的部门: a body named earlier, not a name."""
_CONCERNED_RE = re.compile(r"^(?:其他有关|其他相关|各有关|各相关|有关|相关|相应|其他|各(?!级|该))")
"""有关主管部门, 相关部门, 其他部门, 相应流域管理机构: whichever bodies are concerned."""
_BARE_NOUNS = frozenset(
    {
        "部门",
        "机关",
        "机构",
        "单位",
        "委员会",
        "主管部门",
        "主管机关",
        "行政部门",
        "行政主管部门",
        "行政管理部门",
        "管理部门",
        "职能部门",
        "工作部门",
        "领导小组",
    }
)
"""Category nouns that name no body on their own (部门应当…). 人民政府, 常务委员会 and
管委会 stay: a law or a zone's plan uses them for the one body of its level or place."""
_CUT_RE = re.compile(
    r"(?<!自)由|或者|或|以及|及(?!时)|和(?=有关|相关|其他)|会同|阻碍|妨碍|故意|不服从|不服|实行|所在(?:地的?|的)?(?![地的]|(?:人民)?政府$|部门$|机关$)"
    r"|提请|报请|要求|协助|配合|(?<!被)授权|交(?!通|易|流)|商(?=有关|同级|国务院)"
)
"""Words after which an agency name starts afresh: 具体办法由|国务院财政部门, 外交部或者|国务院有关部门."""
_ETC_RE = re.compile(r"^等(?:有关|相关)?(?:部门|单位|机构)?")
"""省财政厅、省商务厅等部门要…: the list ends with 等."""
_OWN_DEPARTMENTS_RE = re.compile(r"及其((?:(?!应|要|负责|会同)[\u4e00-\u9fff]){0,8}?)(部门|机构|派出机构|常务委员会)")
"""县级以上人民政府及其有关部门, 各级政府及其教育行政部门: the body and its own departments."""


@dataclass(frozen=True)
class Role:
    """An agency named in a responsibility phrase and what the phrase makes it."""

    name: str
    role: str  # lead | participant
    text: str
    known: bool = True
    printed: str = ""  # the spelling in the document (省环保厅 for 省生态环境厅)


@dataclass
class Task:
    """A clause that assigns work, with who does it.

    ``lead``/``participants``/``inherited`` hold canonical agency names
    (successors followed: 省环保厅 appears as 省生态环境厅), so a search by the
    current name finds old documents. ``printed`` maps each such current name to
    the name the document prints, for bodies that have since been succeeded
    (省生态环境厅 → 省环保厅): a reader must be able to quote the document.
    ``responsibility`` keeps the phrases that name them, as printed.
    """

    doc: str
    address: str
    text: str
    heading_path: list[str]
    lead: list[str]
    participants: list[str]
    inherited: list[str]
    zones: list[str]
    section: str = ""
    responsibility: list[str] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)

    def as_printed(self, name: str) -> str:
        """``name`` as the document prints it, with the current successor: 省环保厅 → 省生态环境厅."""
        old = self.printed.get(name)
        return f"{old} → {name}" if old else name

    @property
    def agencies(self) -> list[str]:
        """Every agency of the task: lead, participants, then inherited."""
        return list(dict.fromkeys(self.lead + self.participants + self.inherited))

    def role_of(self, name: str) -> str | None:
        for role, names in (("lead", self.lead), ("participant", self.participants), ("inherited", self.inherited)):
            if name in names:
                return role
        return None

    def to_dict(self) -> dict:
        return asdict(self)


def generic_agency(raw: str, *, keep_bare: bool = False) -> str | None:
    """What an agency name the table does not know stands for, or None when it names no body.

    Keeps real names (县级以上地方人民政府, 药品监督管理部门, 市水利局); cuts a lead-in
    (具体办法由国务院财政部门 → 国务院财政部门); drops back references (其有关部门,
    该部门, 上述机关) and bare nouns (人民政府, 主管部门). ``有关``/``相关`` before a bare
    noun is the catch-all 有关部门; before a real name it goes (有关军事机关 → 军事机关).
    """
    name = normalize_name(raw)
    cuts = list(_CUT_RE.finditer(name))
    if cuts:
        name = name[cuts[-1].end() :]
    name = name.removeprefix("的")
    concerned = _CONCERNED_RE.match(name)
    if concerned:
        rest = name[concerned.end() :]
        if rest in _BARE_NOUNS or len(rest) < 2:
            return CATCH_ALL
        name = rest
    if not name or _BACK_REFERENCE_RE.match(name):
        return None
    if name in _BARE_NOUNS and not keep_bare:
        return None
    if len(name) < 3 or name.startswith(_VERB_START):
        return None
    etc = re.fullmatch(r"(.{2,}?)等(?:其他有关|其他相关|有关|相关|其他)?(主管部门|行政部门|部门)", name)
    if etc:  # 县级以上人民政府生态环境等主管部门: the body named is 县级以上人民政府生态环境主管部门
        return etc.group(1) + etc.group(2)
    return name


def _canonical(name: str, table: AgencyTable) -> tuple[str, bool]:
    found = table.canonical(name)
    return (found, True) if found else (normalize_name(name), False)


def _items(head: str, table: AgencyTable) -> list[tuple[str, bool, str]]:
    """Agencies named in a list such as ``省发展改革委、省科技厅等``: (canonical, known, as printed).

    A known name inside a longer unknown one (国务院 in 国务院有关部门) gives way to it.
    """
    fields = _fields_at(head, 0, table)
    if fields:
        return fields[0] + _items(head[fields[1] :], table)
    known = table.find_in(head)
    found: dict[int, tuple[int, str, bool, str]] = {m.start: (m.end, m.canonical, True, m.text) for m in known}
    for m in GENERIC_AGENCY_RE.finditer(head):
        inner = [k for k in known if m.start() <= k.start and k.end <= m.end()]
        if inner and inner[0].start == m.start() and _extends(m.group(0), inner[0].end - m.start()):
            for k in inner:
                found.pop(k.start, None)
        elif any(a < m.end() and m.start() < b for a, (b, *_) in found.items()):
            continue
        name = generic_agency(m.group(0))
        if name:
            found[m.start()] = (m.end(), *_canonical(name, table), m.group(0))
    for unit in _LISTED_UNIT_RE.finditer(head):
        name = generic_agency(unit.group(1))
        if name and not any(a < unit.end(1) and unit.start(1) < b for a, (b, *_) in found.items()):
            found[unit.start(1)] = (unit.end(1), *_canonical(name, table), unit.group(1))
    for _start, (end, owner, _, _) in list(found.items()):
        own = _OWN_DEPARTMENTS_RE.match(head, end)
        if own:
            found[own.start()] = (own.end(), *_canonical(_own_departments(owner, own), table), own.group(0))
    return [found[start][1:] for start in sorted(found)]


_UNIT_WORDS = r"(?:运营|运行|管理|监管|承办|实施|责任|牵头|配合|主办|协办|指导)单位"
_LISTED_UNIT_RE = re.compile(rf"(?:^|[、和及与])([\u4e00-\u9fff]{{0,4}}?{_UNIT_WORDS})")
"""会同专区监管部门、数据提供部门和运营单位: a unit taken along with the bodies."""


def _extends(generic: str, known_end: int) -> bool:
    """Whether ``generic`` is one longer name built on the known name ending at ``known_end``
    (国务院 → 国务院财政部门), not the known name followed by more words (省商务厅会同有关部门)."""
    extension = generic[known_end:]
    return (
        len(extension) >= 2
        and not extension.startswith(("和", "与", "及", "或", "以及", "、"))
        and "等" not in extension
        and generic_agency(generic) == normalize_name(generic)
        and not _RESPONSIBILITY_RE.search(extension)
        and not any(v in extension for v in _STRICT_VERBS)
    )


def _own_departments(owner: str, match: re.Match) -> str:
    """国务院 + 及其有关部门 → 国务院有关部门."""
    return owner + (match.group(1) or "") + match.group(2)


def _split_parts(text: str) -> list[str]:
    if "（" not in text and "(" not in text:
        return [p for p in re.split(r"[，,；;]", text) if p.strip()]
    parts, depth, begin = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        elif ch in "，,；;" and depth == 0:
            parts.append(text[begin:i])
            begin = i + 1
    parts.append(text[begin:])
    return [p for p in parts if p.strip()]


_ROLE_WORD_RE = re.compile(
    r"(?P<lead>牵头(?!单位|部门|作用|协调))"
    r"|(?P<part>(?:配合|参与|协助|协同|参加|协办)(?!单位|部门))"
    r"|(?P<resp>按职责|依职责|根据职责|分工|负责|分别|共同|落实|承办|主办|实施)"
)
"""What a list in a responsibility bracket is followed by: 牵头 (lead), 配合 (participant) or 负责
(responsible: participants unless the document names a lead)."""
_LABEL_ROLES = {
    "牵头": "lead",
    "主办": "lead",
    "主责": "lead",
    "配合": "participant",
    "参与": "participant",
    "协办": "participant",
    "参加": "participant",
    "协助": "participant",
}
LABELLED_RE = re.compile(
    r"^(?:(?P<kind>牵头|责任|主办|主责|负责|配合|参与|协办|参加|协助|实施|承办)(?:单位|部门|处室|机构)|责任分工)[:：]"
)
FIRST_LISTED_RE = re.compile(
    r"(?:列|排|位)(?:在|于|居)?(?:第一位|首位|第一)(?:的|者)?(?:部门|单位)?(?:为|是|系)牵头(?:单位|部门)"
    r"(?P<sticky>[，,]?(?:下同|后同|以下同|全文同))?"
)
"""A rule naming the first-listed agency the lead: 列第一位者为牵头单位，下同; 排在第一位的部门为牵头部门."""
_FOLLOWING_RE = re.compile(
    r"以下(?:各项|各条|任务|工作)?(?:均|都|皆)?(?:需|须|由|要|应)(?P<names>[^，。；;）)]{2,40}?)"
    r"(?:负责|参与|落实|配合|实施)(?:[，,]?(?:以下)?不再(?:一一)?(?:重复|列出|赘述|列举|单列))?"
)
"""以下均需地方人民政府负责，不再列出 / 以下均需试点城市政府落实: every later task has them."""
_ORG_SUFFIX_RE = re.compile(
    r"(?:部|委|局|厅|办|办公室|中心|管委会|委员会|政府|总署|署|总局|院|会|联|工委|组委|单位|部门|机构|大学|学院"
    r"|公司|集团|银行|支行|分行|海关|小组|总社|团中央|中央|总队|专班|所|站|馆)$"
)
_DESCRIPTIVE_RE = re.compile(r"的|第|者|为|按|职责|分工|以下|不再|如下|其中|[0-9０-９%]")
_ITEM_CUT_RE = re.compile(r"等(?:有关|相关|其他)?(?:部门|单位|机构)?(?:和|及|、)?(?:有关|相关)?(?:部门|单位|机构)?$")
_CONJ_RE = re.compile(r"以及|和|及|与")


def _split_top(text: str, seps: str) -> list[str]:
    parts, depth, begin = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(“":
            depth += 1
        elif ch in "）)”" and depth:
            depth -= 1
        elif ch in seps and depth == 0:
            parts.append(text[begin:i])
            begin = i + 1
    parts.append(text[begin:])
    return [p.strip() for p in parts if p.strip()]


def _item(piece: str, table: AgencyTable) -> tuple[str, bool, str] | None:
    """One name of a responsibility list, if it names a body: (canonical, known, printed)."""
    piece = piece.strip(" 　，,、：:")
    piece = re.sub(r"^(?:[^、，]{0,6}?(?:均需|均须|均由|都需|均要))?(?:由|请|和|及|与|以及)?", "", piece)
    if len(piece) < 2:
        return None
    inner = re.fullmatch(r"(.+?)[（(][^（）()]{1,12}[）)]", piece)
    if inner:  # 市水务局（海洋局）: one body with its second name
        found = _item(inner.group(1), table)
        return (found[0], found[1], piece) if found else None
    canonical = table.canonical(piece)
    if canonical:
        return canonical, table.get(piece) is not None, piece
    if _DESCRIPTIVE_RE.search(piece) or len(piece) > 40:
        return None
    generic = generic_agency(piece, keep_bare=False)
    if generic and generic != CATCH_ALL and (GENERIC_AGENCY_RE.fullmatch(piece) or _ORG_SUFFIX_RE.search(piece)):
        return generic, False, piece
    return None


def list_items(text: str, table: AgencyTable | None = None) -> list[tuple[str, bool, str]]:
    """The bodies a responsibility list names, as (canonical, known, printed).

    Split at 、 and ，; 等 ends a list (人力资源社会保障部等有关部门和单位 → 人力资源社会保障部);
    和/及/与 split only between two names (中国民航局和各地方人民政府, not 文化和旅游部)."""
    table = table or default_table()
    out: list[tuple[str, bool, str]] = []
    for raw in _split_top(text.replace("等和", "、"), "、，,"):
        piece = _ITEM_CUT_RE.sub("", raw)
        own = re.fullmatch(r"(.+?)及其((?:有关|相关|各)?(?:[\u4e00-\u9fff]{0,6}?)(?:部门|机构|派出机构))", piece)
        if own:  # 县级以上人民政府及其有关部门: the body and its own departments
            body = _item(own.group(1), table)
            if body:
                out += [body, (body[0] + own.group(2), False, own.group(2))]
                continue
        if "等" in piece:
            piece = piece[: piece.index("等")]
        whole = _item(piece, table)
        parts: list[tuple[str, bool, str]] = []
        for m in _CONJ_RE.finditer(piece):
            left, right = _item(piece[: m.start()], table), _item(piece[m.end() :], table)
            if left and right:
                parts = [left, *list_items(piece[m.end() :], table)]
                break
        if parts and (whole is None or not whole[1]):
            out += parts
        elif whole:
            out.append(whole)
    return out


def first_listed_rule(text: str) -> tuple[bool, bool]:
    """Whether ``text`` names the first-listed agency the lead, and whether that holds below (下同)."""
    m = FIRST_LISTED_RE.search(text)
    if not m:
        return False, False
    sticky = bool(m.group("sticky")) or bool(re.match(r"[，,。]?\s*(?:下同|后同)", text[m.end() :]))
    return True, sticky


def bracket_roles(content: str, table: AgencyTable | None = None, first_lead: bool = False) -> list[Role]:
    """Agencies and their roles in the text of a responsibility bracket (without the brackets).

    牵头 names the lead, 配合/参与/协助 participants; 负责/责任单位 lists are responsible
    bodies, all participants — unless the document's rule makes the first listed the lead
    (``first_lead``, or 列第一位者为牵头单位 in the bracket itself). A list with no role word
    takes the role of the next one (``A、B，C按职责分工负责``) or the label before it
    (``责任部门：A，B``). ``以下均需…负责，不再列出`` applies to later tasks, not this one.
    """
    table = table or default_table()
    applies, _ = first_listed_rule(content)
    first_lead = first_lead or applies
    content = FIRST_LISTED_RE.sub("。", content)
    content = _FOLLOWING_RE.sub("。", content)
    content = re.sub(r"[，,]?(?:下同|后同)", "", content)
    found: list[tuple[tuple[str, bool, str], str, str]] = []  # (item, role, chunk)
    pending: list[tuple[str, bool, str]] = []
    label: str | None = None
    for sentence in _split_top(content, "；;。"):
        label = None
        for chunk in _split_top(sentence, "，,"):
            labelled = LABELLED_RE.match(chunk)
            if labelled:
                kind = labelled.group("kind") or "责任"
                label = _LABEL_ROLES.get(kind, "resp")
                chunk = chunk[labelled.end() :]
            if "会同" in chunk:
                head, _, rest = chunk.partition("会同")
                word = _ROLE_WORD_RE.search(rest)
                found += [(i, "lead", chunk) for i in pending + list_items(head, table)]
                found += [(i, "participant", chunk) for i in list_items(rest[: word.start() if word else None], table)]
                pending = []
                continue
            word = _ROLE_WORD_RE.search(chunk)
            items = list_items(chunk[: word.start()] if word else chunk, table)
            if word:
                role = "lead" if word.group("lead") else "participant" if word.group("part") else "resp"
                found += [(i, role, chunk) for i in pending + items]
                pending = []
            elif label:
                found += [(i, label, chunk) for i in items]
            else:
                pending += items
    found += [(i, label or "resp", content) for i in pending]
    named_lead = any(role == "lead" for _, role, _ in found)
    roles: list[Role] = []
    first = True
    for (name, known, printed), role, chunk in found:
        if role == "resp":
            role = "lead" if first_lead and not named_lead and first else "participant"
            first = False
        roles.append(Role(name, role, chunk, known, printed))
    return _dedupe(roles)


def following_statement(text: str, table: AgencyTable | None = None) -> list[tuple[str, str]]:
    """Agencies that ``以下均需…负责，不再列出`` adds to every later task: (canonical, printed)."""
    table = table or default_table()
    out: list[tuple[str, str]] = []
    for m in _FOLLOWING_RE.finditer(text):
        out += [(name, printed) for name, _, printed in list_items(m.group("names"), table)]
    return out


def _dedupe(roles: list[Role], *, keep_catch_all: bool = False) -> list[Role]:
    """One role per body (lead wins); 有关部门 goes beside named bodies in a bracket (where it
    adds nothing to them) but stays where a sentence names it (…和其他有关部门应当…)."""
    seen: dict[str, Role] = {}
    for r in roles:
        if r.name not in seen or (r.role == "lead" and seen[r.name].role != "lead"):
            seen[r.name] = r
    out = list(seen.values())
    if not keep_catch_all and any(r.name not in _CATCH_ALL for r in out):
        out = [r for r in out if r.name not in _CATCH_ALL]
    return out


def responsibility_brackets(
    text: str, table: AgencyTable | None = None, first_lead: bool = False
) -> list[tuple[int, int, list[Role]]]:
    """Brackets in ``text`` that assign agencies: ``(start, end, roles)``.

    A bracket assigns when it has a responsibility word (负责, 牵头, 责任单位：…) or when it
    is a bare list of bodies closing a sentence (``…规划资源管理。（区经委、区规划资源局）``)."""
    table = table or default_table()
    out = []
    for m in BRACKET_RE.finditer(text):
        content = m.group(1)
        if _RESPONSIBILITY_RE.search(content):
            roles = bracket_roles(content, table, first_lead)
        elif _bare_list(text, m, table):
            roles = bracket_roles(content + "负责", table, first_lead)
        else:
            continue
        if roles:
            out.append((m.start(), m.end(), roles))
    return out


def _bare_list(text: str, m: re.Match, table: AgencyTable) -> bool:
    """A bracket holding only agency names, at the end of a sentence or of the clause."""
    after = text[m.end() : m.end() + 1]
    if after and after not in "。；;\n" and m.end() < len(text.rstrip()):
        return False
    pieces = _split_top(m.group(1), "、，,")
    if not pieces or any(re.search(r"简称|下同|详见|见附件|以下", p) for p in pieces):
        return False
    items = list_items(m.group(1), table)
    return len(items) >= len(pieces) and any(table.is_agency(p) for _, _, p in items)


_COMMA_RE = re.compile(r"[，,]")
_TIME_RE = re.compile(r"年|期间|以来|今后|目前|当前")


def _subject_start(text: str) -> int:
    pos = 0
    m = _NUMBERING_RE.match(text)
    if m:
        pos = m.end()
    m = _LEAD_IN_RE.match(text[pos:])
    if m:
        pos += m.end()
    comma = _COMMA_RE.search(text, pos, pos + 14)
    if comma is not None and _TIME_RE.search(text, pos, comma.start()):
        pos = comma.end()
    return pos


def subject_roles(
    segment: str, table: AgencyTable | None = None, verbs: tuple[str, ...] = _SUBJECT_VERBS
) -> list[Role]:
    """Agencies standing as the subject of a sentence segment: ``省商务厅负责…``, and the
    agents 由 names anywhere in it (``…，由市住房城乡建设局另行制订``).

    A subject is responsible: it leads only where it 牵头 or 会同 others (the objects of
    会同 participate), as a responsibility bracket (省商务厅负责) names no lead either;
    coordinated subjects (``市级各部门、各县区政府要…``) share the role; a subject
    followed by 配合/参与/协助 participates. ``是/作为…部门`` (``市住房城乡建设局是全市…
    行政主管部门``) names a body's charge, as 负责 does.
    """
    table = table or default_table()
    roles = _subject_at(segment, _subject_start(segment), table, verbs)
    for m in _AGENT_RE.finditer(segment):
        roles += _subject_at(segment, m.end(), table, None)
    return _dedupe(roles, keep_catch_all=True)


_AGENT_RE = re.compile(r"(?<![自理经缘是])由(?!于|此|其|来|衷|下|上|小)")
"""由 before the body that acts: 收入标准…由市住房城乡建设局…确定 (not 由于, 由此, 由其)."""
_DESIGNATION_RE = re.compile(r"(?:是|作为)[^，,。；;]{1,30}(?:部门|机构|主体|单位|机关)")
"""市住房城乡建设局是全市…行政主管部门: the sentence gives the body its charge."""


def _subject_at(segment: str, pos: int, table: AgencyTable, verbs: tuple[str, ...] | None) -> list[Role]:
    """The agencies named from ``pos`` on and their roles when a verb follows them (``verbs``;
    None: the agent of 由, who acts whatever the verb)."""
    subjects: list[tuple[str, bool, str]] = []
    found = _agencies_at(segment, pos, table, agent=verbs is None)
    while found is not None:
        names, pos = found
        subjects += names
        own = _OWN_DEPARTMENTS_RE.match(segment, pos)
        if own:
            subjects.append((*_canonical(_own_departments(names[-1][0], own), table), own.group(0)[2:]))
            pos = own.end()
        joined = _JOIN_RE.match(segment, pos)
        if not joined:
            break
        following = _agencies_at(segment, joined.end(), table, agent=verbs is None)
        unit = _UNIT_RE.match(segment, joined.end())
        if following is None and unit:
            subjects.append((unit.group(0), False, unit.group(0)))
            pos = unit.end()
            break
        found = following
    if not subjects:
        return []
    rest = _ETC_RE.sub("", segment[pos:], count=1).lstrip("也都均还则亦")
    delegated = _DELEGATED_RE.match(rest)
    if delegated:  # 州人民政府授权州数据资源主管部门负责…: the body given the work does it
        return _subject_at(segment, pos + len(segment[pos:]) - len(rest) + delegated.end(), table, verbs)
    designated = verbs is _SUBJECT_VERBS and _DESIGNATION_RE.fullmatch(rest.strip())
    if verbs is not None and not rest.startswith(verbs) and not designated:
        return []
    if rest.startswith(("配合", "参与", "协助")):
        return [Role(n, "participant", segment, k, p) for n, k, p in subjects]
    together = re.match(r"(?:将|要|应当|应|可|可以|负责)?会同", rest)
    leads = together or re.match(r"(?:将|要|应当|应|负责)?牵头", rest)
    roles = [Role(n, "lead" if leads else "participant", segment, k, p) for n, k, p in subjects]
    if together:
        roles += _objects(rest[together.end() :], segment, table)
    coordinating = re.match(r"(?:将|要|应当|应|负责)?统筹协调", rest)
    if coordinating:  # 协调机制统筹协调有关部门制定…: the bodies coordinated do the work with it
        roles += _objects(rest[coordinating.end() :], segment, table)
    return roles


def _objects(after: str, segment: str, table: AgencyTable) -> list[Role]:
    """The bodies a 会同/配合 takes along, up to the verb of the work (or, whatever the verb, the end
    of a body's name that no other name joins: 会同有关部门|约谈该地区人民政府…)."""
    verb = re.search(
        r"[，,。]|" + "|".join(_LEAD_WORDS[1:]) + r"|研究|制定|开展|加强|推进|建立|做好"
        r"|(?<=有关部门|相关部门)(?![、和及与或等（(])",
        after,
    )
    objects = after[: verb.start() if verb else len(after)]
    return [Role(n, "participant", segment, k, p) for n, k, p in _items(objects, table)]


_DELEGATED_RE = re.compile(r"(?:可以|可)?(?:授权|委托)(?=[\u4e00-\u9fff])|(?:确定|指定)的")
_JOIN_RE = re.compile(r"、|以及|或者|和|与|及(?!其)|或")
_UNIT_RE = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?{_UNIT_WORDS}(?=[\u4e00-\u9fff])")
"""数据提供部门及运营单位应当…: a unit the work is given to, named beside a body."""
_LEVEL_WORD = r"县（市(?:、区)?）|县（区）|区（县）|省|市|州|盟|县|区|旗|镇|乡|街道"
_SHARED_LEVELS_RE = re.compile(rf"(?:(?:{_LEVEL_WORD})、)+(?P<last>{_LEVEL_WORD})")
"""市、区住房保障部门 / 州、县（市）人民政府: each level has the body named after the last."""
_COLLECTIVE_RE = re.compile(
    r"各(?:有关|相关)?(?:省（(?:自治区、直辖市|区、市|市)）|县（市、区）|县（市）|区县|县区|乡镇|街道|地区|省|市|区|县|镇)"
    r"(?=要|应当|应|须|必须|负责|、各部门)"
)
"""各区应当…, 各有关省（市）要…: every district or province (its government), as rules address them."""
_ALTERNATE_RE = re.compile(r"[（(]([^（）()]{2,14})[）)]")
"""镇人民政府（街道办事处）, 市住房保障办公室（以下称市住房保障部门）: a second name in brackets."""
_FIELDS_RE = re.compile(
    rf"(?P<pre>(?:{_LEVEL})*(?:人民政府|政府)?)(?!(?<=市)[场政])"
    r"(?P<items>(?:[\u4e00-\u9fff]{2,10}?、)+)(?P<last>[\u4e00-\u9fff]{2,16}?)"
    r"(?:(?P<etc>等(?:政府)?(?:其他有关|其他相关|有关|相关)?(?:职能)?)(?P<noun>主管部门|行政部门|部门)|部门)"
)
"""发展改革、规划和自然资源、财政等部门 / 各级发展改革、财政、卫生健康、社会组织管理部门: fields
of work sharing the noun that ends the list, each a body (发展改革部门 …)."""
_CLAUSE_WORD_RE = re.compile(
    r"对(?!外)|向|从|(?<!所)在|经(?!济|营|贸|信)|(?<!自)由|将|把|给|及时|印发|是指|需要|认为|查阅|凭"
    r"|申请人|当事人|一个|多个|移送|未报|再报|(?<![运输传])送|(?<=.)被(?!监护)|是(?!否)|关于|通知|告知|组织有关"
    r"|结合|适用|保存|列入|影响|与(?!改革)|(?<!来)自(?![治然由贸主动])|分级|拨款|各各|(?<=.)本(?:部门|单位|机关|系统)"
)
"""Words of a clause, not of a name: 当事人对公安机关…, 应当及时移送司法机关, 由一个部门统一负责."""
_FIELD_NOT_RE = re.compile(
    r"的|或|等|负责|应当|可以|要|加强|推进|推动|建立|完善|按照|根据|会同|进行|以及|其他|部门|机关(?!事务)|单位|机构"
    r"|[，,。；;：:]"
    r"|(?:机关|机构|部门|单位|政府|组织|自治区|直辖市|自治州|自治县|地区|国务院|中央|省|市|县|区|乡|镇|盟|旗)$"
)
"""A field is the work a body does (财政, 发展改革), not a place or level (省、自治区、直辖市…部门)
nor a body itself."""


def _fields_at(text: str, pos: int, table: AgencyTable) -> tuple[list[tuple[str, bool, str]], int] | None:
    """The bodies of a list of fields sharing one noun (``发展改革、财政等部门``) starting at ``pos``:
    each field with the noun (and the level before the list) is a body; printed as the field."""
    m = _FIELDS_RE.match(text, pos)
    if not m:
        return None
    items = m.group("items").split("、")[:-1]
    last = m.group("last")
    noun = m.group("noun") or "部门"
    concerned = None
    if not m.group("etc"):
        split = re.fullmatch(r"(.+?)(?:和|及|以及)(其他有关|其他相关|有关|相关)", last)
        if split:
            last, concerned = split.group(1), split.group(2) + "部门"
        for longer in ("行政主管", "主管", "行政"):
            if last.endswith(longer) and len(last) > len(longer) + 1:
                last, noun = last[: -len(longer)], longer + "部门"
                break
    fields = [*items, last]
    if any(
        _FIELD_NOT_RE.search(f)
        or _CLAUSE_WORD_RE.search(f)
        or (f.startswith(_VERB_START) and not f.startswith(("经济", "经贸")))
        or _ORG_SUFFIX_RE.search(f)
        or table.is_agency(f)
        for f in fields
    ):
        return None
    pre = m.group("pre")
    noun_printed = not m.group("etc") and not concerned  # 社会组织管理部门 (not 社会组织管理和相关部门)
    printed = [*items, m.group("last") + m.group(0)[m.end("last") - m.start() :] if noun_printed else last]
    out = [(*_canonical(pre + f + noun, table), p) for f, p in zip(fields, printed, strict=True)]
    if concerned:
        out.append((CATCH_ALL, False, concerned))
    return out, m.end()


def _agencies_at(
    text: str, pos: int, table: AgencyTable, *, agent: bool = False
) -> tuple[list[tuple[str, bool, str]], int] | None:
    """The agencies whose names start at ``pos``: ``([(canonical, known, as printed)], end)`` —
    one body, or several sharing a name (``市、区民政部门``, ``发展改革、财政等部门``). An ``agent``
    (after 由) may be followed by any verb."""
    collective = _COLLECTIVE_RE.match(text, pos)
    if collective:
        return [(collective.group(0), False, collective.group(0))], collective.end()
    fields = _fields_at(text, pos, table)
    if fields:
        return fields
    shared = _SHARED_LEVELS_RE.match(text, pos)
    if shared:
        found = _agency_at(text, shared.start("last"), table, agent=agent)
        level = shared.group("last")
        if found and found[2].startswith(level):
            body = found[2][len(level) :]
            levels = re.findall(_LEVEL_WORD, text[pos : shared.end()])
            names = [(*_canonical(lv + body, table), lv + body) for lv in levels[:-1]]
            return [*names, found[:3]], found[3]
    found = _agency_at(text, pos, table, agent=agent)
    return ([found[:3]], found[3]) if found else None


_FOLLOWERS = (*_SUBJECT_VERBS, "、", "和", "及", "与", "或", "是", "作为", "授权", "委托", "确定的", "指定的", "等")
"""What follows a name the table does not know when it is the subject of a sentence."""


_GENERIC_SUBJECT_RE = re.compile(
    rf"(?:{GENERIC_AGENCY_RE.pattern})(?=[（(]|{'|'.join(re.escape(f) for f in _FOLLOWERS)})"
)
"""The shortest name that a verb follows, where the shortest name is not: 县级以上地方人民政府
水行政主管部门负责…, not 县级以上地方人民政府 before 水…."""

_GOVERNMENT_DEPARTMENT_RE = re.compile(
    rf"(?:{GENERIC_AGENCY_RE.pattern})(?<=政府)(?:(?!或|和|及|与|的|、)[\u4e00-\u9fff]){{1,10}}?(?:主管部门|行政部门)"
)
"""A government's department printed as one name, whatever follows (由县级以上地方人民政府水行政主管部门
责令改正): the department acts, not the government."""


def _agency_at(text: str, pos: int, table: AgencyTable, *, agent: bool = False) -> tuple[str, bool, str, int] | None:
    """The agency whose name starts at ``pos``: (canonical, known, as printed, end).

    A second name in brackets goes with it (``镇人民政府（街道办事处）``), an alias it is given
    is passed over (``市住房保障办公室（以下称市住房保障部门）``)."""
    mention = table.mention_at(text, pos)
    generic = GENERIC_AGENCY_RE.match(text, pos)
    if generic and not text.startswith(_FOLLOWERS, generic.end()):
        generic = _GENERIC_SUBJECT_RE.match(text, pos) or _GOVERNMENT_DEPARTMENT_RE.match(text, pos) or generic
    if generic and (mention is None or _extends(generic.group(0), mention.end)):
        end, printed_end = _past_alternate(text, generic.end(), table)
        name = generic_agency(generic.group(0))
        if name and "的" not in name and _CLAUSE_WORD_RE.search(name):
            name = None  # a name with 的 is held to the core verbs below instead
        cuts = list(_CUT_RE.finditer(generic.group(0)))
        begin = pos + cuts[-1].end() if cuts else pos
        named = text[begin : generic.end()]  # 由所在地的|镇人民政府: what the cut leaves is the name
        descriptive = "的" in named or "等" in named  # 作出处罚决定的机关
        followers = (*_CORE_VERBS, "、", "和", "及其") if descriptive else _FOLLOWERS
        if name and ((agent and not descriptive) or text.startswith(followers, end)):
            return (*_canonical(name, table), text[begin:printed_end], end)
    if mention:
        end, printed_end = _past_alternate(text, pos + mention.end, table)
        return mention.canonical, True, text[pos:printed_end] if printed_end > pos + mention.end else mention.text, end
    return None


def _past_alternate(text: str, end: int, table: AgencyTable) -> tuple[int, int]:
    """Where a name ending at ``end`` ends with the bracket after it, and where its printed name
    ends: a second name in brackets is part of it (镇人民政府（街道办事处）), an alias it is given
    (（以下称市住房保障部门）) is passed over; any other bracket is not the name's."""
    m = _ALTERNATE_RE.match(text, end)
    if not m:
        return end, end
    inner = m.group(1)
    if re.match(r"以下(?:简|统)?称", inner):
        return m.end(), end
    if table.is_agency(inner) or (GENERIC_AGENCY_RE.fullmatch(inner) and generic_agency(inner)):
        return m.end(), m.end()
    return end, end


def clause_roles(text: str, table: AgencyTable | None = None, first_lead: bool = False) -> tuple[list[Role], list[str]]:
    """Roles a clause assigns (brackets and subject sentences) and the phrases that assign them.

    When a responsibility bracket names the agencies, it is the assignment: a body
    that is only the subject of a sentence in the task (各市州结合实际…制定方案)
    takes part but does not lead.
    """
    table = table or default_table()
    roles: list[Role] = []
    phrases: list[str] = []
    brackets = responsibility_brackets(text, table, first_lead)
    for start, end, found in brackets:
        roles += found
        phrases.append(text[start:end])
    blanked = text
    for start, end, _ in brackets:
        blanked = blanked[:start] + "。" * (end - start) + blanked[end:]
    for sentence in _sentences(blanked):
        subjects: list[Role] = []
        parts = _split_parts(sentence)
        for i, piece in enumerate(parts):
            opens = i == 0 or parts[i - 1].rstrip().endswith(("的", "时", "后"))  # …的，X应当…
            found = subject_roles(piece, table, _SUBJECT_VERBS if opens else _STRICT_VERBS)
            if not found and opens and i + 1 < len(parts) and _only_bodies(piece.strip(), table):
                found = subject_roles(piece.strip() + "、" + parts[i + 1].lstrip(), table, _STRICT_VERBS)
            if not found and subjects:
                found = _continued(piece, subjects, table)
            elif found:
                subjects = found
            if brackets:
                found = [replace(r, role="participant") for r in found]
            if found:
                roles += found
                phrases.append(piece.strip())
    return _dedupe(roles, keep_catch_all=True), phrases


def _only_bodies(piece: str, table: AgencyTable) -> bool:
    """Whether ``piece`` is nothing but bodies (市、县（市、区）人民政府，嘉兴港区管委会应当…): the
    comma after it goes on listing the subjects of the next part."""
    found = _agencies_at(piece, 0, table, agent=True)
    return found is not None and found[1] == len(piece)


_NESTING = frozenset("（(《“〈<【[")


def _sentences(text: str) -> list[str]:
    """The sentence segments of ``text`` (:func:`segments`), cut by a regex when nothing nests."""
    if _NESTING.isdisjoint(text):
        return [s.strip() for s in re.split(r"[。；;！？!?]", text) if s.strip()]
    return [seg.text for seg in segments(text)]


_CONTINUED_RE = re.compile(r"(?:并|同时|还|也)?(?:要|应当|应|可以|可)?(?P<verb>会同|配合|协助)")


def _continued(piece: str, subjects: list[Role], table: AgencyTable) -> list[Role]:
    """A later part of a sentence whose subject is the first part's: ``…负责…，会同相关职能部门做好…，
    并配合市住房保障部门做好…``. 会同 makes the subject lead; the bodies taken along participate."""
    m = _CONTINUED_RE.match(piece.strip())
    if not m:
        return []
    objects = _objects(piece.strip()[m.end() :], piece, table)
    if not objects:
        return []
    if m.group("verb") == "会同":
        return [replace(r, role="lead") for r in subjects] + objects
    return objects


def _printed(roles: list[Role], table: AgencyTable) -> dict[str, str]:
    """Canonical name → the name as printed, for every role printed otherwise (an alias such as
    发展改革委, or a body since succeeded: 省环保厅 for 省生态环境厅)."""
    out: dict[str, str] = {}
    for r in roles:
        printed = normalize_name(r.printed) if r.printed else ""
        if printed and printed != r.name:
            out.setdefault(r.name, printed)
    return out


def task_pieces(text: str, table: AgencyTable, *, article: bool = False) -> list[str]:
    """A paragraph cut after each responsibility bracket when it has several: each bracket
    assigns the sentences since the one before (…。（市场监管总局负责）…。（体育总局、教育部负责））.
    Text after the last bracket stays with it. A statute's ``article`` without brackets is cut
    at each sentence naming its own subject."""
    brackets = responsibility_brackets(text, table)
    if not brackets and article:
        return _subject_sentences(text, table)
    if len(brackets) < 2:
        return [text]
    out, begin = [], 0
    for _, end, _ in brackets:
        if text[end : end + 1] in "。；;":
            end += 1
        out.append(text[begin:end])
        begin = end
    if text[begin:].strip():
        out[-1] += text[begin:]
    return [p for p in out if p.strip()]


def _subject_sentences(text: str, table: AgencyTable) -> list[str]:
    """A paragraph without brackets cut before each sentence that names its own subject
    (国务院水行政主管部门负责…。国务院住房城乡建设主管部门按照职责分工指导…。): each body's duty is
    a task of its own, as an article of a statute states them; a sentence without a subject
    stays with the one before."""
    out: list[str] = []
    for m in re.finditer(r"[^。]+(?:。|$)", text):
        sentence = m.group(0)
        if out and not subject_roles(sentence, table):
            out[-1] += sentence
        else:
            out.append(sentence)
    return [p for p in out if p.strip()] or [text]


def _with_article_lead_in(pieces: list, table: AgencyTable) -> list:
    """An article printed over several paragraphs whose bracket closes the last one
    (第九条 …。 / …。（责任单位：区版权局））: the bracket assigns the whole article, so the
    paragraphs before it join its text."""
    out: list = []
    waiting: list = []
    for paragraph, text in pieces:
        same = waiting and waiting[0][0].section is paragraph.section and not paragraph.heading_only
        if not same:
            out += waiting
            waiting = []
        if responsibility_brackets(text, table):
            if waiting:
                text = "".join(t for _, t in waiting) + text
                waiting = []
            out.append((paragraph, text))
        elif paragraph.heading_only or paragraph.section.title is None:
            out.append((paragraph, text))
        else:
            waiting.append((paragraph, text))
    return out + waiting


_STATUTE_TITLE_RE = re.compile(r"(?:法|条例|规定|办法|细则|规则)(?:[（(][^（）()]*[）)])?$")
"""A statute or rule itself (数据安全法, 节约用水条例), not a notice sending one (关于印发…办法的通知):
its articles state one duty a sentence."""


def tasks_of(document: Document, agencies: AgencyTable | None = None, zones: ZoneTable | None = None) -> list[Task]:
    """Every clause of ``document`` that assigns work to an agency, in reading order.

    A rule naming the first-listed agency the lead (列第一位者为牵头单位) holds for its own
    bracket, and with 下同 (or stated outside a bracket) for every later one; statements such
    as ``以下不再重复`` / ``以下均需地方人民政府负责，不再列出`` add inherited agencies."""
    agencies = agencies or default_table()
    zones = zones or default_zones()
    extra = document_abbreviations(document, zones)
    inherited: list[str] = []
    inherited_printed: dict[str, str] = {}
    first_lead = False
    out: list[Task] = []
    statute = _STATUTE_TITLE_RE.search(document.meta.title) is not None
    pieces = [
        (p, piece)
        for p in body_paragraphs(document)
        for piece in task_pieces(p.text, agencies, article=statute and p.section.style == "article")
    ]
    pieces = _with_article_lead_in(pieces, agencies)
    lead_in: tuple[str, list[Role]] | None = None  # 国家网信部门…推进下列工作： and the items under it
    for paragraph, text in pieces:
        section, address = paragraph.section, paragraph.address
        roles, phrases = clause_roles(text, agencies, first_lead)
        under_lead_in = lead_in is not None and section.address.startswith(lead_in[0] + "/")
        if not roles and lead_in is not None and under_lead_in:
            roles = lead_in[1]
        if roles and text.rstrip().endswith(("：", ":")):
            lead_in = (section.address, roles)
        elif not under_lead_in:
            lead_in = None
        rule, sticky = first_listed_rule(text)
        if rule and (sticky or not any(m.start() < text.find("第一") < m.end() for m in BRACKET_RE.finditer(text))):
            first_lead = True
        statements = inherited_statements(text, agencies)
        following = following_statement(text, agencies)
        if roles:
            lead = [r.name for r in roles if r.role == "lead"]
            participants = [r.name for r in roles if r.role == "participant"]
            explicit = set(lead) | set(participants)
            named = [(m.start, m.end) for m in agencies.find_in(text)]
            zone_names = list(
                dict.fromkeys(
                    z.name for z in zones.find_in(text, extra) if not any(a < z.end and z.start < b for a, b in named)
                )
            )
            task_inherited = [a for a in inherited if a not in explicit]
            printed = _printed(roles, agencies)
            printed.update({a: inherited_printed[a] for a in task_inherited if a in inherited_printed})
            out.append(
                Task(
                    document.key,
                    address,
                    text,
                    document.heading_path(section),
                    lead,
                    participants,
                    task_inherited,
                    zone_names,
                    section.address,
                    phrases,
                    printed,
                )
            )
        for _, _, names in statements:
            inherited += [n for n in names if n not in inherited]
        for name, as_printed in following:
            if name not in inherited:
                inherited.append(name)
                if as_printed != name:
                    inherited_printed[name] = as_printed
    return out
