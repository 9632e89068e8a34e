"""Which HTML reader keeps the document and drops the page: ceyue's own against PyPI extractors.

    uv run python bench/html_readers.py                       # ceyue's reader only
    uv run --with trafilatura --with readability-lxml python bench/html_readers.py

Measured on the HTML files of ``../shared/corpus/policies`` (gov.cn fragments and
Guangzhou portal pages), for each reader and file:

* ``body`` — Chinese characters of the body kept, against the reference stretch of
  the page source from the document's first paragraph to its last (both chosen by
  reading the documents, see ``REFERENCE``), in per cent;
* ``first``/``last``/``no``/``date`` — the first and last body paragraph, the 文号 and
  the signature date occur in the text;
* ``meta`` — ``标签：值`` lines before the ``正文`` line (the page's metadata table or
  labelled lines, as the parser expects them);
* ``chrome`` — page-control strings present (【打印, 分享到, 浏览次数 …);
* ``heads`` — expected heading texts (``bench/expected/policies/2NN.json``) found;
* ``tables`` — expected tables that come out in the pipe layout with the caption or
  label just before them and the expected number of data rows;
* ``ms`` — time to read the file.

The extractors run on the bytes already read (they never fetch anything).  A reader
that is not installed is skipped with a note.  Without the corpus the script says
so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from documents.formats import webpage  # noqa: E402

POLICIES = ROOT.parent / "shared" / "corpus" / "policies"
EXPECTED = ROOT / "bench" / "expected" / "policies"

# Chosen by reading each document: its first paragraph after the title and 文号 (the
# addressees), a phrase of its last paragraph (before annex tables) and the date under
# the signature.
REFERENCE: dict[str, tuple[str, str, str]] = {
    "201": (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "为职业教育改革创新提供重要的制度保障。",
        "2019年1月24日",
    ),
    "202": (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "重大事项及时向党中央、国务院请示报告。",
        "2018年11月7日",
    ),
    "203": ("河北省人民政府、国家发展改革委：", "形成推动雄安新区高质量发展的合力。", "2018年12月25日"),
    "204": (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "要及时报送人力资源社会保障部。",
        "2018年11月16日",
    ),
    "205": (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "推动消费扶贫各项任务和政策落到实处。",
        "2018年12月30日",
    ),
    "206": ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", "重要情况及时报告国务院。", "2018年12月5日"),
    "207": (
        "北京、天津、上海、河北、辽宁、江苏、浙江、福建、山东",
        "请批转各有关省（市）人民政府执行。",
        "一九九六年七月十七日",
    ),
    "208": (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "共同抓好落实，重大事项及时报告国务院。",
        "2018年12月11日",
    ),
    "209": ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", "重大事项及时向国务院报告。", "2019年1月22日"),
    "210": (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "请批转各地、各部门贯彻执行。",
        "一九九六年二月五日",
    ),
    "211": ("各区人民政府，市政府各部门、各直属机构：", "有效期届满，根据实施情况依法评估修订。", "2024年7月26日"),
    "212": ("各区人力资源和社会保障局：", "（穗人社发〔2015〕27号）同时废止。", "2019年10月9日"),
    "213": ("各区人民政府，市政府各部门、各直属机构：", "（穗民规字〔2024〕5号）同时废止。", "2025年5月30日"),
    "214": ("各区人民政府，市政府各部门、各直属机构：", "（穗民规字〔2018〕11号）同时废止。", "2021年4月13日"),
    "215": ("各区民政局、财政局、市场监督管理局：", "本办法实行前按照原标准执行。", "2024年3月14日"),
}
# Page controls and site furniture; phrases, not single words (分享 and 无障碍 occur in bodies).
CHROME = (
    "【打印",
    "打印本页",
    "分享到",
    "浏览次数",
    "【字体",
    "【字号",
    "关闭窗口",
    "返回顶部",
    "扫一扫在手机",
    "当前位置",
    "首页",
    "版权所有",
    "网站标识码",
    "长者助手",
    "我的收藏",
    "下载文字版",
    "高级搜索",
    "上一篇",
    "下一篇",
    "政策解读",
    "ICP备",
)
_META_LINE = re.compile(r"^[^\s：:]{2,6}：\S")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<[^>]+>", re.S | re.I)


def flat(text: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", text or "")


def cjk(text: str) -> int:
    return len(_CJK.findall(text))


def stretch(text: str, first: str, last: str) -> str | None:
    """``text`` from ``first`` to the end of the first ``last`` after it (whitespace removed)."""
    text, first, last = flat(text), flat(first), flat(last)
    start = text.find(first)
    end = text.find(last, start + 1) if start >= 0 else -1
    return text[start : end + len(last)] if end >= 0 else None


def pipe_tables(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """The pipe-layout tables in ``text``: (the non-blank lines before it, rows of cell texts).

    An empty cell is an empty line, so a blank line ends the table only when no ``|``
    or row end follows it.
    """
    lines = text.split("\n")
    n, found, i = len(lines), [], 0
    while i < n:
        if lines[i] in ("", "|", "  ") or (i and lines[i - 1] != ""):
            i += 1
            continue
        j = i
        while j < n and lines[j] not in ("", "|", "  "):
            j += 1
        if j >= n or lines[j] == "":
            i = j
            continue
        start, rows, cells = i, [], [[]]
        while i < n:
            line = lines[i]
            if line == "|":
                cells.append([])
            elif line == "  ":
                rows.append(["\n".join(c) for c in cells])
                cells = [[]]
                if i + 1 < n and lines[i + 1] == "" and not (i + 2 < n and lines[i + 2] in ("|", "  ")):
                    i += 1
                    break
            elif line:
                cells[-1].append(line)
            i += 1
        found.append(([line for line in lines[max(0, start - 8) : start] if line.strip()], rows))
    return found


def meta_lines(text: str) -> int:
    lines = text.split("\n")
    if "正文" not in lines:
        return 0
    return sum(bool(_META_LINE.match(line)) for line in lines[: lines.index("正文")])


def data_rows(rows: list[list[str]], columns: list[str]) -> int:
    """Rows after the header: the leading rows holding one of the expected column names."""
    names = {flat(c) for c in columns if flat(c)}
    header = 0
    while header < min(3, len(rows)) and any(flat(cell) in names for cell in rows[header] if flat(cell)):
        header += 1
    return len(rows) - max(header, 1)


def table_found(text: str, table: dict) -> bool:
    keys = {flat(table.get("label", "")), flat(table.get("caption", ""))} - {""}
    for before, rows in pipe_tables(text):
        near = [flat(line) for line in before[-4:]]
        if any(key in line for key in keys for line in near) and data_rows(rows, table["columns"]) == table["rows"]:
            return True
    return False


# --------------------------------------------------------------------------- readers


def read_ceyue(data: bytes, name: str) -> str:
    return webpage.read(data, name)[0]


def read_trafilatura(data: bytes, name: str) -> str:
    import trafilatura

    html = webpage._decode(data, name)
    return trafilatura.extract(html, include_tables=True, include_comments=False, favor_recall=True) or ""


def read_readability(data: bytes, name: str) -> str:
    """readability-lxml picks the article; ceyue's renderer turns it into text (pipe tables)."""
    from readability import Document

    summary = Document(webpage._decode(data, name)).summary(html_partial=True)
    return webpage.read(summary.encode("utf-8"), name)[0]


READERS: dict[str, Callable[[bytes, str], str]] = {
    "ceyue": read_ceyue,
    "trafilatura": read_trafilatura,
    "readability": read_readability,
}


def available(reader: str) -> bool:
    module = {"trafilatura": "trafilatura", "readability": "readability"}.get(reader)
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def measure(reader: str, path: Path) -> dict:
    key = path.name[:3]
    data = path.read_bytes()
    first, last, date = REFERENCE[key]
    expected = json.loads((EXPECTED / f"{key}.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    try:
        text = READERS[reader](data, path.name)
    except Exception as exc:  # a reader failing on a page is a result, not a crash
        text = ""
        print(f"  {reader} failed on {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
    ms = (time.perf_counter() - started) * 1000
    flat_text = flat(text)
    source = _TAGS.sub("", webpage._decode(data, path.name))
    reference = stretch(source, first, last) or ""
    kept = stretch(text, first, last)
    heads = [flat(e["text"]).rstrip("。：:；;，,") for e in expected["outline"]]
    return {
        "body": 100 * cjk(kept or "") / max(cjk(reference), 1),
        "first": flat(first) in flat_text,
        "last": flat(last) in flat_text,
        "no": flat(expected.get("doc_number") or "") in flat_text,
        "date": flat(date) in flat_text,
        "meta": meta_lines(text),
        "chrome": sum(text.count(word) for word in CHROME),
        "heads": (sum(h in flat_text for h in heads), len(heads)),
        "tables": (sum(table_found(text, t) for t in expected.get("tables", [])), len(expected.get("tables", []))),
        "ms": ms,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated: " + ", ".join(READERS))
    parser.add_argument("--only", help="file number prefix, e.g. 211")
    args = parser.parse_args()
    if not POLICIES.is_dir():
        print(f"skipped: {POLICIES} not found")
        return 0
    paths = [p for p in sorted(POLICIES.glob("2*.html")) if p.name[:3] in REFERENCE]
    if args.only:
        paths = [p for p in paths if p.name.startswith(args.only)]
    for reader in args.readers.split(","):
        if not available(reader):
            print(
                f"\n{reader}: not installed (uv run --with {reader if reader != 'readability' else 'readability-lxml'} …)"
            )
            continue
        print(f"\n{reader}")
        print(
            f"{'file':<5}{'body%':>7}{'first':>6}{'last':>5}{'no':>4}{'date':>5}{'meta':>5}{'chrome':>7}{'heads':>8}{'tables':>7}{'ms':>8}"
        )
        totals = {
            "body": 0.0,
            "first": 0,
            "last": 0,
            "no": 0,
            "date": 0,
            "meta": 0,
            "chrome": 0,
            "h": [0, 0],
            "t": [0, 0],
            "ms": 0.0,
        }
        for path in paths:
            r = measure(reader, path)
            mark = {True: "✓", False: "✗"}
            print(
                f"{path.name[:3]:<5}{r['body']:>7.1f}{mark[r['first']]:>6}{mark[r['last']]:>5}{mark[r['no']]:>4}"
                f"{mark[r['date']]:>5}{r['meta']:>5}{r['chrome']:>7}{'{}/{}'.format(*r['heads']):>8}{'{}/{}'.format(*r['tables']):>7}{r['ms']:>8.1f}"
            )
            totals["body"] += min(r["body"], 100.0)
            for k in ("first", "last", "no", "date", "meta", "chrome", "ms"):
                totals[k] += r[k]
            totals["h"][0] += r["heads"][0]
            totals["h"][1] += r["heads"][1]
            totals["t"][0] += r["tables"][0]
            totals["t"][1] += r["tables"][1]
        n = len(paths)
        print(
            f"{'all':<5}{totals['body'] / n:>7.1f}{totals['first']:>6}{totals['last']:>5}{totals['no']:>4}{totals['date']:>5}{totals['meta']:>5}"
            f"{totals['chrome']:>7}{'{}/{}'.format(*totals['h']):>8}{'{}/{}'.format(*totals['t']):>7}{totals['ms'] / n:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
