"""Text that fits: the reader's breadcrumb loses its middle, never its end."""

from __future__ import annotations

from rich.cells import cell_len

from tui.docnav import elide_middle

PATH = ["001", "第三章 主要任务", "三、推进产业园区绿色循环发展", "（四）推进园区循环化改造", "4.推进园区循环化改造"]


def test_breadcrumb_that_fits_is_whole():
    assert elide_middle(PATH, 200) == PATH


def test_breadcrumb_drops_the_middle_and_keeps_the_end():
    fitted = elide_middle(PATH, 60)
    assert fitted[0] == "001" and fitted[-1] == PATH[-1] and "…" in fitted
    assert cell_len(" › ".join(fitted)) <= 60
    assert fitted[-2] == PATH[-2]  # the parts next to the end are kept first


def test_breadcrumb_clips_the_last_part_only_when_alone_it_is_too_long():
    fitted = elide_middle(PATH, 24)
    assert fitted[0] == "001" and cell_len(" › ".join(fitted)) <= 24
    assert fitted[-1].startswith("4.推进")
