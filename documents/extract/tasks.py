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
_RESPONSIBILITY_RE = re.compile(r"负责|牵头|配合|参与|协助|责任单位|牵头单位|按职责|分工|承办|主办|落实")
_LABELLED_RE = re.compile(r"^(牵头单位|责任单位|主办单位|主责单位|负责单位|配合单位|参与单位|协办单位|参加单位)[:：]")
_LEAD_WORDS = ("牵头", "负责", "主办", "主责", "承办", "落实", "实施", "承担", "组织")
_PARTICIPANT_WORDS = ("配合", "参与", "协助", "协同", "参加", "协办", "支持")
_SUBJECT_VERBS = (
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
_LEVEL = r"(?:国务院|国家|中央|省级|市级|县级以上(?:地方)?(?:各级)?|县级|乡级|地方各级|各级|本级|同级|省|市|县|各)"
GENERIC_AGENCY_RE = re.compile(
    rf"{_LEVEL}?[\u4e00-\u9fff]{{0,10}}?"
    r"(?:人民政府|政府|主管部门|行政部门|职能部门|部门|管委会|管理委员会|机关|委员会|领导小组"
    r"|人民代表大会(?=及其))(?!组织|性|采购|投资|债)"
    rf"|{_LEVEL}[\u4e00-\u9fff]{{1,8}}?(?:厅|局|委|办公室|办)"
)
"""An agency name the table does not know: 国务院卫生行政部门, 县级以上地方各级人民政府, 市水利局."""
_VERB_START = (
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
_BACK_REFERENCE_RE = re.compile(r"^(?:其|该(?!级)|此|本(?!级)|上述|前述|前款(?:规定|所述|所列)?的?|上款(?:规定)?的?)")
"""其有关部门, 该部门, 上述机关, 前款规定的部门: a body named earlier, not a name."""
_CONCERNED_RE = re.compile(r"^(?:其他有关|其他相关|各有关|各相关|有关|相关|其他|各(?!级|该))")
"""有关主管部门, 相关部门, 其他部门: whichever bodies are concerned."""
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
_CUT_RE = re.compile(r"(?<!自)由|或者|或|以及|及|和(?=有关|相关|其他)|会同|阻碍|妨碍|故意|不服从|不服|实行")
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
    return name


def _canonical(name: str, table: AgencyTable) -> tuple[str, bool]:
    found = table.canonical(name)
    return (found, True) if found else (normalize_name(name), False)


def _items(head: str, table: AgencyTable) -> list[tuple[str, bool, str]]:
    """Agencies named in a list such as ``省发展改革委、省科技厅等``: (canonical, known, as printed).

    A known name inside a longer unknown one (国务院 in 国务院有关部门) gives way to it.
    """
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
    for _start, (end, owner, _, _) in list(found.items()):
        own = _OWN_DEPARTMENTS_RE.match(head, end)
        if own:
            found[own.start()] = (own.end(), *_canonical(_own_departments(owner, own), table), own.group(0))
    return [found[start][1:] for start in sorted(found)]


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


def bracket_roles(content: str, table: AgencyTable | None = None) -> list[Role]:
    """Agencies and their roles in the text of a responsibility bracket (without the brackets)."""
    table = table or default_table()
    roles: list[Role] = []
    for part in _split_parts(content):
        labelled = _LABELLED_RE.match(part.strip())
        if labelled:
            role = "participant" if labelled.group(1).startswith(("配合", "参与", "协办", "参加")) else "lead"
            for name, known, printed in _items(part.strip()[labelled.end() :], table):
                roles.append(Role(name, role, part, known, printed))
            continue
        if "会同" in part:
            head, _, rest = part.partition("会同")
            roles += [Role(n, "lead", part, k, p) for n, k, p in _items(head, table)]
            roles += [Role(n, "participant", part, k, p) for n, k, p in _items(rest, table)]
            continue
        items = _items(part, table)
        if not items:
            continue
        lead_at = min((part.find(w) for w in _LEAD_WORDS if w in part), default=-1)
        part_at = min((part.find(w) for w in _PARTICIPANT_WORDS if w in part), default=-1)
        role = "participant" if part_at >= 0 and (lead_at < 0 or part_at < lead_at) else "lead"
        roles += [Role(n, role, part, k, p) for n, k, p in items]
    return _dedupe(roles)


def _dedupe(roles: list[Role]) -> list[Role]:
    seen: dict[str, Role] = {}
    for r in roles:
        if r.name not in seen or (r.role == "lead" and seen[r.name].role != "lead"):
            seen[r.name] = r
    out = list(seen.values())
    if any(r.name not in _CATCH_ALL for r in out):
        out = [r for r in out if r.name not in _CATCH_ALL]
    return out


def responsibility_brackets(text: str, table: AgencyTable | None = None) -> list[tuple[int, int, list[Role]]]:
    """Brackets in ``text`` that assign agencies: ``(start, end, roles)``."""
    table = table or default_table()
    out = []
    for m in BRACKET_RE.finditer(text):
        content = m.group(1)
        if not _RESPONSIBILITY_RE.search(content):
            continue
        roles = bracket_roles(content, table)
        if roles:
            out.append((m.start(), m.end(), roles))
    return out


def _subject_start(text: str) -> int:
    pos = 0
    m = _NUMBERING_RE.match(text)
    if m:
        pos = m.end()
    m = _LEAD_IN_RE.match(text[pos:])
    if m:
        pos += m.end()
    comma = next((i for i in range(pos, min(len(text), pos + 14)) if text[i] in "，,"), None)
    if comma is not None and re.search(r"年|期间|以来|今后|目前|当前", text[pos:comma]):
        pos = comma + 1
    return pos


def subject_roles(
    segment: str, table: AgencyTable | None = None, verbs: tuple[str, ...] = _SUBJECT_VERBS
) -> list[Role]:
    """Agencies standing as the subject of a sentence segment: ``省商务厅负责…``.

    Coordinated subjects (``市级各部门、各县区政府要…``) all lead; the objects of
    会同 participate; a subject followed by 配合/参与/协助 participates.
    """
    table = table or default_table()
    pos = _subject_start(segment)
    subjects: list[tuple[str, bool, str]] = []
    while True:
        found = _agency_at(segment, pos, table)
        if found is None:
            break
        subjects.append(found[:3])
        pos = found[3]
        own = _OWN_DEPARTMENTS_RE.match(segment, pos)
        if own:
            subjects.append((*_canonical(_own_departments(found[0], own), table), own.group(0)))
            pos = own.end()
        joined = re.match(r"(?:、|和|与|及|以及)", segment[pos:])
        if not joined or _agency_at(segment, pos + joined.end(), table) is None:
            break
        pos += joined.end()
    if not subjects:
        return []
    rest = _ETC_RE.sub("", segment[pos:], count=1).lstrip("也都均还则亦")
    if not rest.startswith(verbs):
        return []
    if rest.startswith(("配合", "参与", "协助")):
        return [Role(n, "participant", segment, k, p) for n, k, p in subjects]
    roles = [Role(n, "lead", segment, k, p) for n, k, p in subjects]
    together = re.match(r"(?:将|要|应当|应|负责)?会同", rest)
    if together:
        after = rest[together.end() :]
        verb = re.search(r"[，,。]|" + "|".join(_LEAD_WORDS[1:]) + r"|研究|制定|开展|加强|推进|建立", after)
        objects = after[: verb.start() if verb else len(after)]
        roles += [Role(n, "participant", segment, k, p) for n, k, p in _items(objects, table)]
    return _dedupe(roles)


def _agency_at(text: str, pos: int, table: AgencyTable) -> tuple[str, bool, str, int] | None:
    """The agency whose name starts at ``pos``: (canonical, known, as printed, end)."""
    window = text[pos : pos + 40]
    mention = next((m for m in table.find_in(window) if m.start == 0), None)
    generic = GENERIC_AGENCY_RE.match(text, pos)
    if (
        generic
        and (mention is None or _extends(generic.group(0), mention.end))
        and text.startswith((*_SUBJECT_VERBS, "、", "和", "及其"), generic.end())
    ):
        name = generic_agency(generic.group(0))
        if name:
            return (*_canonical(name, table), generic.group(0), generic.end())
    if mention:
        return mention.canonical, True, mention.text, pos + mention.end
    return None


def clause_roles(text: str, table: AgencyTable | None = None) -> tuple[list[Role], list[str]]:
    """Roles a clause assigns (brackets and subject sentences) and the phrases that assign them.

    When a responsibility bracket names the agencies, it is the assignment: a body
    that is only the subject of a sentence in the task (各市州结合实际…制定方案)
    takes part but does not lead.
    """
    table = table or default_table()
    roles: list[Role] = []
    phrases: list[str] = []
    brackets = responsibility_brackets(text, table)
    for start, end, found in brackets:
        roles += found
        phrases.append(text[start:end])
    blanked = text
    for start, end, _ in brackets:
        blanked = blanked[:start] + "。" * (end - start) + blanked[end:]
    for seg in segments(blanked):
        for i, piece in enumerate(_split_parts(seg.text)):
            found = subject_roles(piece, table, _SUBJECT_VERBS if i == 0 else _STRICT_VERBS)
            if brackets:
                found = [replace(r, role="participant") for r in found]
            if found:
                roles += found
                phrases.append(piece.strip())
    return _dedupe(roles), phrases


def _succeeded(roles: list[Role], table: AgencyTable) -> dict[str, str]:
    """Current name → printed name, for the roles whose printed body has a successor."""
    out: dict[str, str] = {}
    for r in roles:
        entry = table.canonical(r.printed, follow_succession=False) if r.known and r.printed else None
        if entry and entry != r.name:
            out.setdefault(r.name, r.printed)
    return out


def tasks_of(document: Document, agencies: AgencyTable | None = None, zones: ZoneTable | None = None) -> list[Task]:
    """Every clause of ``document`` that assigns work to an agency, in reading order."""
    agencies = agencies or default_table()
    zones = zones or default_zones()
    extra = document_abbreviations(document, zones)
    inherited: list[str] = []
    out: list[Task] = []
    for paragraph in body_paragraphs(document):
        section, address, text = paragraph.section, paragraph.address, paragraph.text
        roles, phrases = clause_roles(text, agencies)
        statements = inherited_statements(text, agencies)
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
            out.append(
                Task(
                    document.key,
                    address,
                    text,
                    document.heading_path(section),
                    lead,
                    participants,
                    [a for a in inherited if a not in explicit],
                    zone_names,
                    section.address,
                    phrases,
                    _succeeded(roles, agencies),
                )
            )
        for _, _, names in statements:
            inherited += [n for n in names if n not in inherited]
    return out
