"""Reports made from ceyue's results: zone/agency compare, topic compare, diff, tasks, review."""

from __future__ import annotations

from typing import Any

from documents.export.report import Cell, Report, ReportTable, Run, citation, plain

CLIP = 2000  # a cell longer than this (Excel allows 32,767) is cut with …


def _clip(text: str, limit: int = CLIP) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cited(text: str, cite: str, heading: str = "") -> Cell:
    runs = [Run(heading + "\n", "bold")] if heading else []
    return [*runs, Run(_clip(text)), Run("\n——" + cite, "dim")]


def _join(cells: list[Cell]) -> Cell:
    out: Cell = []
    for k, cell in enumerate(cells):
        if k:
            out.append(Run("\n\n"))
        out += cell
    return out


def compare_report(matrix: Any, corpus: Any) -> Report:
    """A zone/agency CompareMatrix (documents.extract.compare): topics × subjects."""

    def doc_cite(key: str, address: str) -> str:
        doc = corpus.get(key)
        return citation(doc.title, doc.meta.doc_number or "", address)

    columns = list(matrix.columns) + ([matrix.common] if matrix.common else [])
    table = ReportTable("对照", ["主题", *columns], widths=[24.0] + [48.0] * len(columns))
    for row in matrix.rows:
        cells = [row.own(c) if matrix.common else row.cells[c] for c in matrix.columns]
        if matrix.common:
            cells.append(row.shared())
        table.rows.append(
            [
                [Run(row.topic, "bold"), Run("\n" + doc_cite(row.doc, row.address), "dim")],
                *[_join([_cited(c.text, doc_cite(c.doc, c.address)) for c in clauses]) for clauses in cells],
            ]
        )
    by = "区域" if matrix.by == "zone" else "部门"
    lines = [f"按{by}对照：{'、'.join(matrix.columns)}", f"{len(matrix.rows)} 个主题"]
    if matrix.common:
        lines.append(f"{matrix.common}：各对照对象共同承担的条款")
    return Report(f"{by}对照", lines, [table])


def topic_report(matrix: Any) -> Report:
    """A TopicMatrix (documents.compare.topics): sub-topics × documents."""
    docs = list(matrix.docs)
    headers = [f"{d.short} 《{d.title}》" + (f"（{d.doc_number}）" if d.doc_number else "") for d in docs]
    table = ReportTable(f"专题对照 {matrix.topic}", ["子题", *headers], widths=[18.0] + [50.0] * len(docs))
    for row in matrix.rows:
        cells = []
        for d in docs:
            items = row.cells.get(d.short, [])
            cells.append(
                _join([_cited(i.text, citation(d.title, d.doc_number, i.address), i.heading) for i in items])
                or plain("—")
            )
        table.rows.append([[Run(row.subtopic, "bold")], *cells])
    counts = "，".join(f"{d.short} {len(matrix.items(d.short))} 处" for d in docs)
    lines = [f"专题：{matrix.topic}（检索词：{'、'.join(matrix.terms)}）", counts, f"{len(matrix.rows)} 个子题"]
    return Report(f"专题对照：{matrix.topic}", lines, [table])


KIND_NAMES = {
    "added": "新增",
    "removed": "删除",
    "changed": "修改",
    "moved": "移动",
    "renumbered": "序号变化",
    "equal": "未变",
}


def _diff_cells(row: Any) -> tuple[Cell, Cell]:
    old: Cell = []
    new: Cell = []
    for op, a, b in row.segments:
        if op == "equal":
            old.append(Run(a))
            new.append(Run(b))
            continue
        if a:
            old.append(Run(a, "delete"))
        if b:
            new.append(Run(b, "insert"))
    if not row.segments:  # unchanged text (moved as it was)
        old = plain(row.old.text) if row.old else []
        new = plain(row.new.text) if row.new else []
    return old, new


def diff_report(diff: Any, changes_only: bool = True) -> Report:
    """A DocumentDiff (documents.compare.diff): old | new | what changed, one row per clause."""
    old_side, new_side = diff.old, diff.new
    old_head = citation(old_side.title, old_side.doc_number, "")
    new_head = citation(new_side.title, new_side.doc_number, "")
    table = ReportTable("新旧对照", ["变化", "原条文", "新条文", "位置"], widths=[10.0, 60.0, 60.0, 30.0])
    for row in diff.rows:
        if changes_only and not row.is_change:
            continue
        old, new = _diff_cells(row)
        kind = KIND_NAMES[row.kind] + ("（有改动）" if row.kind == "moved" and row.edited else "")
        where = " → ".join(a for a in (row.old and row.old.address, row.new and row.new.address) if a)
        table.rows.append([[Run(kind, "bold")], old or plain("—"), new or plain("—"), plain(where)])
    s = diff.summary
    lines = [
        f"原：{old_head}（{old_side.path}）",
        f"新：{new_head}（{new_side.path}）",
        f"新增 {s['added']}，删除 {s['removed']}，修改 {s['changed']}，移动 {s['moved']}"
        + (f"，序号变化 {s['renumbered']}" if s["renumbered"] else ""),
        "删去的文字标删除线，新加的文字加下划线。",
    ]
    return Report(f"新旧对照：{new_side.title}", lines, [table])


def tasks_report(entries: list[dict], corpus: Any) -> Report:
    """Task rows as ``ceyue tasks --json`` prints them."""
    table = ReportTable("任务", ["任务", "牵头", "参与", "出处"], widths=[70.0, 20.0, 30.0, 40.0])
    for e in entries:
        doc = corpus.get(e["doc"])
        participants = e["participants"] + [f"{a}（承前）" for a in e.get("inherited", [])]
        table.rows.append(
            [
                plain(_clip(e["text"])),
                plain("\n".join(e["lead"])),
                plain("\n".join(participants)),
                [Run(citation(doc.title, doc.meta.doc_number or "", e["address"]), "dim")],
            ]
        )
    return Report("任务分工", [f"{len(entries)} 项任务"], [table])


MARKS = {"reviewed": "已阅", "flagged": "标记", "question": "存疑"}


def review_report(entries: list[Any], *, by_document: bool = False) -> Report:
    """Review entries (documents.state.review_export.ReviewEntry): one table, or one per document.

    ``by_document`` gives each document its own heading and table (Word, to read
    and hand in); one table with the citation in every row suits a spreadsheet.
    A note keeps its lines (the writers make each a paragraph or line).
    """
    if not by_document:
        table = ReportTable("审阅", ["标记", "批注", "条文", "出处"], widths=[10.0, 40.0, 70.0, 40.0])
        for e in entries:
            cite = [Run(citation(e.doc_title, e.doc_number, e.address), "dim")]
            table.rows.append([plain(MARKS.get(e.mark or "", e.mark or "")), plain(e.note), _clause(e), cite])
        return Report("审阅记录", [f"{len(entries)} 条"], [table])
    tables: dict[str, ReportTable] = {}
    for e in entries:
        if e.doc not in tables:
            title = f"《{e.doc_title}》" + (f"（{e.doc_number}）" if e.doc_number else "")
            tables[e.doc] = ReportTable(title, ["位置", "标记", "条文", "批注"], widths=[24.0, 8.0, 70.0, 40.0])
        where = [Run(e.address, "bold")] + ([Run("\n" + " › ".join(e.heading_path), "dim")] if e.heading_path else [])
        mark = plain(MARKS.get(e.mark or "", e.mark or ""))
        tables[e.doc].rows.append([where, mark, _clause(e), plain(e.note)])
    lines = [f"{len(entries)} 条，{len(tables)} 份文件"]
    return Report("审阅记录", lines, list(tables.values()))


def _clause(e: Any) -> Cell:
    return plain(_clip(e.text)) + ([Run("\n（原文已变）", "dim")] if e.changed else [])
