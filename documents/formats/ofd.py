"""OFD (GB/T 33190, the national fixed-layout e-document format) via ofdkit.

Why ofdkit (a dependency): it is the one pure-Python OFD reader on the package
index with no dependencies of its own (Apache-2.0).  It opens the zip safely
(entry count and per-part size limits, no DTDs or entities in the XML),
follows OFD.xml → Document.xml → pages, templates, composite objects and
transforms, expands the ``g`` shorthand of DeltaX, and hands back each
TextCode as a positioned run.  easyofd, the other candidate, renders pages
and pulls in PyMuPDF, reportlab and fontTools.  We only use ``ofdkit.open``,
``pages``, ``Page.box`` and ``Page.runs``, so it is easy to replace.

Lines and paragraphs are rebuilt from the runs' positions by
:mod:`documents.formats.layout`, the same way as for a PDF.  Metadata an
e-公文 carries in ``DocInfo/CustomDatas`` under the 公文 element names
(标题, 发文机关, 发文字号, 成文日期, 发布日期 …) is put at the top as labelled
``标签：值`` lines followed by ``正文``, the readers' metadata convention.
"""

from __future__ import annotations

import io
import zipfile

from documents.errors import N_, Message

from . import DAMAGED, ENCRYPTED, UnreadableDocument, reason
from .layout import Line, Page, lines_from_runs, paragraphs
from .pdf import LOOKALIKES

# Declared uncompressed size of the whole package we are willing to read; a zip
# bomb is refused before anything is inflated (zipfile never reads past a
# member's declared size).
MAX_TOTAL_SIZE = 256 * 1024 * 1024
MAX_PAGES = 5000
# CustomData names (GB/T 33476 公文 elements and common variants) → our metadata labels.
_META_LABELS = {
    "标题": "标题",
    "文件标题": "标题",
    "公文标题": "标题",
    "发文机关": "发文机关",
    "发文机关署名": "发文机关",
    "发文单位": "发文机关",
    "发文字号": "发文字号",
    "文号": "发文字号",
    "成文日期": "成文日期",
    "发布日期": "发布日期",
}


def _check_package(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError (zip version), ValueError, EOFError …
        raise UnreadableDocument(
            DAMAGED,
            kind=".ofd",
            name=name,
            detail=Message(N_("not a readable zip archive: {reason}"), {"reason": reason(exc)}),
        ) from exc
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_SIZE:
        raise UnreadableDocument(
            DAMAGED,
            kind=".ofd",
            name=name,
            detail=Message(N_("unpacks to {size} MiB, too large"), {"size": total // 2**20}),
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise UnreadableDocument(ENCRYPTED, kind=".ofd", name=name)


def read(data: bytes, name: str) -> tuple[str, str]:
    """Read an .ofd file's bytes; ``how`` is ``'ofd'``."""
    import ofdkit

    _check_package(data, name)
    pages: list[Page] = []
    meta: dict[str, str] = {}
    try:
        with ofdkit.open(data) as document:
            for key, value in document.info.custom_data.items():
                label = _META_LABELS.get("".join(str(key).split()))
                value = " ".join(str(value).split())
                if label and value and label not in meta:
                    meta[label] = value
            if len(document.pages) > MAX_PAGES:
                raise UnreadableDocument(
                    DAMAGED,
                    kind=".ofd",
                    name=name,
                    detail=Message(N_("{pages} pages, too many"), {"pages": len(document.pages)}),
                )
            for page in document.pages:
                _, _, width, height = page.box
                runs = [
                    Line(run.text, run.x, run.x + run.width, run.y, run.size or 1.0)
                    for run in page.runs
                    if run.text.strip()
                ]
                pages.append(Page(width, height, lines_from_runs(runs)))
        text = "\n\n".join(paragraphs(pages)).translate(LOOKALIKES)
    except UnreadableDocument:
        raise
    except Exception as exc:  # ofdkit.OFDError, zipfile, XML and value errors from broken files
        raise UnreadableDocument(DAMAGED, kind=".ofd", name=name, detail=reason(exc)) from exc
    if not text.strip():
        raise UnreadableDocument(N_("no text in document (scanned OFD?): {name}"), name=name)
    if meta:
        text = "\n\n".join([*(f"{label}：{value}" for label, value in meta.items()), "正文", text])
    return text + "\n", "ofd"
