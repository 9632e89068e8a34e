"""A corpus of any size made from the laws and policies: varied documents, not byte copies.

Each document takes a law's title and layout (chapters of articles) and fills it
with paragraphs drawn from the whole pool of laws and policies, with place and
agency names, numbers and dates substituted, so its records differ from every
source record and from each other (as a growing library's would), while the
words stay those of real legislation.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from documents.numerals import chinese_number

PLACES = [
    "北京市", "天津市", "河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省",
    "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省",
    "陕西省", "甘肃省", "青海省", "上海市", "重庆市", "长沙市", "衡阳市", "苏州市", "宁波市", "厦门市",
]  # fmt: skip
AGENCIES = [
    "发展改革委", "科技厅", "工业和信息化厅", "财政厅", "自然资源厅", "生态环境厅", "商务厅", "市场监管局",
    "人力资源社会保障厅", "住房城乡建设厅", "交通运输厅", "农业农村厅",
]  # fmt: skip
_PLACE = re.compile("|".join(map(re.escape, [*PLACES, "国务院", "全国", "省、自治区、直辖市"])))
_NUMBER = re.compile(r"[0-9]+")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇]+条\s*")


def paragraph_pool(folders: list[Path]) -> tuple[list[str], list[str]]:
    """(titles, paragraphs) of every Markdown/text file under ``folders`` (HTML reduced to its text)."""
    titles: list[str] = []
    paragraphs: list[str] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".md", ".txt", ".html"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".html":
                text = re.sub(r"<[^>]+>", "\n\n", text)
            for part in _PARAGRAPH_SPLIT.split(text):
                part = _ARTICLE.sub("", part.strip())
                if part.startswith("# "):
                    titles.append(part[2:].strip())
                elif 8 <= len(part) <= 2000 and not part.startswith(("#", "<!--", "|")):
                    paragraphs.append(part)
    return titles or ["条例"], paragraphs


def _vary(text: str, rng: random.Random) -> str:
    text = _PLACE.sub(lambda _m: rng.choice(PLACES), text)
    text = _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()))), text)
    if rng.random() < 0.3:
        text = text.replace("有关部门", f"省{rng.choice(AGENCIES)}等有关部门", 1)
    return text


def write_corpus(target_records: int, out: Path, sources: list[Path], seed: int = 1) -> tuple[int, int]:
    """Write documents of about ``target_records`` records in all into ``out``; (documents, records)."""
    titles, paragraphs = paragraph_pool(sources)
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    records = docs = 0
    while records < target_records:
        chapters = rng.randint(3, 9)
        title = _vary(rng.choice(titles), rng) + f"（{rng.choice(PLACES)}第{docs + 1}号）"
        lines = [f"# {title}", "", f"{rng.randint(1990, 2024)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日通过", ""]
        article = 0
        for c in range(1, chapters + 1):
            lines += [f"## 第{chinese_number(c)}章 {_vary(rng.choice(paragraphs)[:8], rng)}", ""]
            records += 1
            for _ in range(rng.randint(4, 30)):
                article += 1
                lines += [f"第{chinese_number(article % 100 or 1)}条 {_vary(rng.choice(paragraphs), rng)}", ""]
                records += 1
        (out / f"scale{docs:07d}.md").write_text("\n".join(lines), encoding="utf-8")
        docs += 1
    return docs, records
