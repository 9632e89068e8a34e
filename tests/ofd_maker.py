"""A minimal OFD (GB/T 33190) writer for tests: OFD.xml → Doc_0/Document.xml → Pages/Page_N/Content.xml."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"


def make_ofd(pages: list[list[tuple]], *, title: str = "", custom: dict[str, str] | None = None) -> bytes:
    """Pages of placed lines ``(x_mm, y_mm, size_mm, text)`` (y the baseline) → OFD bytes.

    Each line is one TextObject whose Boundary holds the line and whose TextCode
    gives X/Y inside it and DeltaX per character (the ``g`` shorthand)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.1" DocType="OFD">'
            f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>"
            + (
                "<ofd:CustomDatas>"
                + "".join(
                    f'<ofd:CustomData Name="{escape(k)}">{escape(v)}</ofd:CustomData>'
                    for k, v in (custom or {}).items()
                )
                + "</ofd:CustomDatas>"
                if custom
                else ""
            )
            + "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        refs = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
            "<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            f"</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>{refs}</ofd:Pages></ofd:Document>",
        )
        z.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
        )
        object_id = 100
        for i, page in enumerate(pages):
            objects = []
            for x, y, size, text in page:
                object_id += 1
                width = size * len(text)
                objects.append(
                    f'<ofd:TextObject ID="{object_id}" Boundary="{x:.2f} {y - size:.2f} {width + size:.2f} {size * 1.5:.2f}"'
                    f' Font="2" Size="{size:.3f}"><ofd:TextCode X="0" Y="{size:.3f}"'
                    + (f' DeltaX="g {len(text) - 1} {size:.3f}"' if len(text) > 1 else "")
                    + f">{escape(text)}</ofd:TextCode></ofd:TextObject>"
                )
            z.writestr(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
                f'<ofd:Layer ID="{i + 10}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return out.getvalue()
