"""A minimal PDF writer for tests: CJK text through the standard STSong-Light CID font."""

from __future__ import annotations


def make_pdf(pages: list[list[str] | str]) -> bytes:
    """A minimal valid PDF. A page is a list of text lines (ASCII lines in
    Helvetica, others through the STSong-Light CID font, encoded UCS-2) or a raw
    content stream."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        b" /DescendantFonts [5 0 R] >>",
        5: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>"
        b" /FontDescriptor 6 0 R /DW 1000 >>",
        6: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    }
    kids = []
    number = 7
    for page in pages:
        if isinstance(page, str):
            stream = page.encode("latin-1")
        else:
            ops = ["BT"]
            for i, line in enumerate(page):
                y = 800 - 24 * i
                if line.isascii():
                    escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                    ops.append(f"/F1 12 Tf 1 0 0 1 72 {y} Tm ({escaped}) Tj")
                else:
                    ops.append(f"/F2 12 Tf 1 0 0 1 72 {y} Tm <{line.encode('utf-16-be').hex()}> Tj")
            ops.append("ET")
            stream = "\n".join(ops).encode("ascii")
        objects[number] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        objects[number + 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
            b" /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % number
        )
        kids.append(number + 1)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % kid for kid in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objects[num])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % number
    out += b"".join(b"%010d 00000 n \n" % offsets[num] for num in range(1, number))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (number, xref)
    return bytes(out)
