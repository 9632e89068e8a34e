"""The HTML reader on pages built here: metadata lines, hidden bodies, chrome, tables with captions."""

from __future__ import annotations

from pathlib import Path

import pytest

from documents.formats import UnreadableDocument, webpage

POLICIES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "policies"


def read(page: str, encoding: str = "utf-8") -> str:
    return webpage.read(page.encode(encoding), "page.html")[0]


GOV_FRAGMENT = """<div class="wrap"><table><tbody><tr><td>
<table class="bd1"><tbody>
<tr><td><b>索 引 号：</b></td><td>000014349/2019-00005</td><td><b>主题分类：</b></td><td>科技、教育\\教育</td></tr>
<tr><td><b>发文机关：</b></td><td>国务院</td><td><b>成文日期：</b></td><td>2019年01月24日</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">国务院关于印发某某方案的通知</td></tr>
<tr><td><b>发文字号：</b></td><td>国发〔2019〕4号</td><td><b>发布日期：</b></td><td>2019年02月13日</td></tr>
</tbody></table>
<table class="bd1"><tbody><tr><td><b>主 题 词：</b></td><td></td><td></td><td></td></tr></tbody></table>
</td></tr></tbody></table>
<table><tbody><tr><td><table><tbody><tr><td class="b12c" id="UCAP-CONTENT">
<p style="text-align:center">国务院关于印发某某方案的通知</p>
<p>国发〔2019〕4号</p>
<p>各省、自治区、直辖市人民政府：</p>
<p>现将《某某方案》印发给你们，请认真贯彻执行。</p>
<p>国务院</p><p>2019年1月24日</p>
</td></tr></tbody></table>
<div id="div_div"><div id="qr_container">扫一扫在手机打开当前页</div></div>
<table><tr><td><a onclick="window.print()"><img src="print.gif"></a></td></tr></table>
</td></tr></tbody></table></div>
"""


def test_gov_cn_metadata_table_comes_first_as_labelled_lines():
    assert read(GOV_FRAGMENT) == (
        "索引号：000014349/2019-00005\n"
        "主题分类：科技、教育\\教育\n"
        "发文机关：国务院\n"
        "成文日期：2019年01月24日\n"
        "标题：国务院关于印发某某方案的通知\n"
        "发文字号：国发〔2019〕4号\n"
        "发布日期：2019年02月13日\n"
        "正文\n\n"
        "国务院关于印发某某方案的通知\n\n国发〔2019〕4号\n\n各省、自治区、直辖市人民政府：\n\n"
        "现将《某某方案》印发给你们，请认真贯彻执行。\n\n国务院\n\n2019年1月24日\n"
    )


PORTAL_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某市民政局关于某某的通知</title>
<script>var DETAIL = {"title": "某市民政局关于某某的通知"};</script></head>
<body style='visibility: hidden'>
<div class="header"><a>首页</a><span id="my-slh">长者助手</span><a id="add-fav">收藏</a></div>
<div class="curb">当前位置：<a>首页</a> &gt; <a>规范性文件</a></div>
<div class="xxgkcontop"><ul>
<li><span>文　　号：</span>
    某民规字〔2024〕3号</li>
<li><span>发布机构：</span>某市民政局</li>
<li><span id="file_status">文件状态：</span><script>$('#file_status').parent().append('有效');</script></li>
</ul></div>
<div class="content">
<h1 class="title">某市民政局关于某某的通知</h1>
<div class="date-row">发布日期：2024-03-14&nbsp;&nbsp;浏览次数：<span id="post-visit">-</span></div>
<div class="op-row"><span class="print">【打印】</span><span>【字体：<span>大</span> <span>中</span> <span>小</span>】</span>
<div class="shareIcon"><span>分享到</span>：<div id="share-1"></div></div></div>
<div class="article-content">
<p>某民规字〔2024〕3号</p>
<p>各区民政局：</p>
<p indenttext="　　" noextractcontent="true">　　现将《某某办法》印发给你们，请遵照执行。</p>
<p>第一章 总则</p>
<p>第一条 为了规范某某工作，制定本办法。</p>
</div>
<div class="article-content policy-article-content"></div>
</div>
<div class="footer">版权所有：某市人民政府 网站标识码：4401000004</div>
<div class="bbnr" style="display:none;">某市民政局关于某某的通知各区民政局：现将《某某办法》印发给你们</div>
</body></html>
"""


def test_portal_page_hidden_until_scripts_run_keeps_its_body_without_chrome():
    text = read(PORTAL_PAGE)
    assert text == (
        "文号：某民规字〔2024〕3号\n"
        "发布机构：某市民政局\n"
        "发布日期：2024-03-14\n"
        "正文\n\n"
        "某市民政局关于某某的通知\n\n"
        "某民规字〔2024〕3号\n\n各区民政局：\n\n现将《某某办法》印发给你们，请遵照执行。\n\n"
        "第一章 总则\n\n第一条 为了规范某某工作，制定本办法。\n"
    )
    for chrome in ("首页", "当前位置", "打印", "字体", "分享", "浏览次数", "版权所有", "长者助手", "收藏"):
        assert chrome not in text


def test_portal_title_with_reprint_mark_is_not_added_twice():
    page = PORTAL_PAGE.replace('<h1 class="title">', '<h1 class="title">（转载）').replace(
        "<p>某民规字〔2024〕3号</p>", "<p>某民规字〔2024〕3号</p><p>某市民政局关于某某的通知</p>"
    )
    text = read(page)
    assert text.count("某市民政局关于某某的通知") == 1
    assert "转载" not in text


def test_labelled_title_line_is_metadata_not_body():
    page = PORTAL_PAGE.replace(
        '<div class="date-row">',
        '<div class="title-row">标　　题：某市民政局关于某某的通知</div><div class="date-row">',
    )
    text = read(page)
    head, body = text.split("\n正文\n", 1)
    assert "标题：某市民政局关于某某的通知" in head.split("\n")
    assert "标题" not in body


TABLE_PAGE = """<html><head><meta charset="utf-8"><title>关于某某的通知</title></head><body>
<div id="zoom">
<p>附：</p>
<p>内地某某班扩大招生计划表</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;单位：人</p>
<table border="1">
<tr><td rowspan="2">省（市）</td><td rowspan="2">1995年招生人数</td><td colspan="2">分年度招生任务</td></tr>
<tr><td>1996年</td><td>1997年</td></tr>
<tr><td>北京</td><td>100</td><td>120</td><td>140</td></tr>
<tr><td rowspan="2">上海</td><td>50</td><td>60</td><td>70</td></tr>
<tr><td>5</td><td>6</td><td>7</td></tr>
<tr height="0"><td><br></td><td><br></td><td><br></td><td><br></td></tr>
</table>
<p>附表1</p>
<p>申请表</p>
<table border="1"><tr><td>单位名称</td><td><p>&nbsp;</p></td></tr><tr><td><p>&nbsp;</p></td><td><p>&nbsp;</p></td></tr></table>
</div></body></html>
"""


def test_content_table_keeps_caption_before_its_pipe_layout_on_a_regular_grid():
    text = read(TABLE_PAGE)
    assert text == (
        "关于某某的通知\n\n附：\n\n内地某某班扩大招生计划表\n\n单位：人\n\n"
        "省（市）\n|\n1995年招生人数\n|\n分年度招生任务\n|\n\n  \n"
        "\n|\n\n|\n1996年\n|\n1997年\n  \n"
        "北京\n|\n100\n|\n120\n|\n140\n  \n"
        "上海\n|\n50\n|\n60\n|\n70\n  \n"
        "\n|\n5\n|\n6\n|\n7\n  \n\n"
        "附表1\n\n申请表\n\n"
        "单位名称\n|\n\n  \n\n|\n\n  \n"
    )


def test_html_without_closing_head_keeps_its_body():
    page = (
        "<html><head><meta charset='utf-8'><title>关于某某的通知</title><p>第一条 本办法自印发之日起施行。</p></html>"
    )
    assert read(page) == "关于某某的通知\n\n第一条 本办法自印发之日起施行。\n"
    page = "<html><head><title>关于某某的通知</title><body><div>各区：现将办法印发给你们。</div></body></html>"
    assert read(page) == "关于某某的通知\n\n各区：现将办法印发给你们。\n"


def test_gbk_portal_page():
    page = PORTAL_PAGE.replace('charset="utf-8"', 'charset="gb2312"')
    assert read(page, "gbk") == read(PORTAL_PAGE)


def test_binary_html_is_unreadable_in_one_line():
    with pytest.raises(UnreadableDocument) as info:
        webpage.read(bytes(range(256)) * 40, "broken.html")
    assert "\n" not in str(info.value)
    assert "broken.html" in str(info.value)


# --------------------------------------------------------------------------- shared corpus


def corpus_file(prefix: str) -> Path:
    if not POLICIES.is_dir():
        pytest.skip(f"{POLICIES} not found")
    return next(POLICIES.glob(f"{prefix}_*.html"))


@pytest.mark.parametrize(
    ("prefix", "meta", "first", "last"),
    [
        (
            "201",
            "发文字号：国发〔2019〕4号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "为职业教育改革创新提供重要的制度保障。",
        ),
        ("211", "成文日期：2024-07-26", "各区人民政府，市政府各部门、各直属机构：", "根据实施情况依法评估修订。"),
        ("215", "成文日期：2024-03-14", "各区民政局、财政局、市场监督管理局：", "本办法实行前按照原标准执行。"),
        ("212", "文号：穗人社规字〔2019〕6号", "各区人力资源和社会保障局：", "（穗人社发〔2015〕27号）同时废止。"),
    ],
)
def test_shared_pages_keep_metadata_and_whole_body(prefix, meta, first, last):
    path = corpus_file(prefix)
    text = webpage.read(path.read_bytes(), path.name)[0]
    head, body = text.split("\n正文\n", 1)
    assert meta in head.split("\n")
    assert first in body and last in body
    for chrome in ("【打印】", "分享到", "浏览次数", "扫一扫在手机打开当前页", "当前位置", "版权所有"):
        assert chrome not in text


def test_shared_annex_tables_have_their_captions_and_rows():
    path = corpus_file("212")
    text = webpage.read(path.read_bytes(), path.name)[0]
    for n in range(1, 7):
        assert f"\n\n附表{n}\n\n" in text
    path = corpus_file("207")
    lines = webpage.read(path.read_bytes(), path.name)[0].split("\n")
    at = lines.index("单位：人")
    assert lines[at - 2] == "内地西藏初中班（校）扩大招生计划表"
    assert lines[at + 2] == "省（市）"
    table = lines[at + 2 :]
    assert table.count("  ") == 22  # two header rows and 20 provinces
