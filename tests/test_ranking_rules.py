"""Ranking rules of issue 13 that read a record's place and wording: items, definitions, legal paraphrase."""

from __future__ import annotations

import pytest

from documents.corpus import load_corpus
from index.articles import article_of, is_item, is_item_record, is_statement
from index.compiler import drafted_runs
from index.drafting import assigns_duty, defines, defines_named, is_closing, names_body
from index.editions import editions
from index.rerank import ITEM_WEIGHT, items_weighed
from index.segmenter import normalize
from index.service import SearchIndex
from index.vocabulary import ALIAS_WEIGHT, RELATED_WEIGHT, spellings
from tests.conftest import library_index

LAW = """中华人民共和国行政程序测试法

第一章 总则

第一条 为了规范行政程序，保护当事人的合法权益，制定本法。

第二条 当事人认为执法人员与案件有利害关系的，有权申请回避。

第三条 当事人在行政程序中享有下列权利：
（一）申请回避；
（二）陈述和申辩；
（三）要求听证。

第四条 犯罪以后自动投案，如实供述自己的罪行的，是自首。对于自首的，可以从轻处罚。

第五条 对于投案自首的违法嫌疑人，应当通知其家属。

第六条 有下列情形之一的，可以取保候审：
（一）可能判处管制的；
（二）患有严重疾病的。

第七条 被取保候审的人应当遵守规定。

第八条 离婚时，一方隐藏夫妻共同财产的，可以少分或者不分。

第九条 夫妻在婚姻关系存续期间所得的工资、奖金，为夫妻的共同财产。

第十条 合同当事人协商一致，可以变更合同；需要解除的，应当书面通知合同相对人。

第十一条 有下列情形之一的，当事人可以解除合同：
（一）因不可抗力致使不能实现合同目的；
（二）当事人一方迟延履行主要债务。

第十二条 市场监督管理部门负责本行政区域内的产品质量监督工作。

第十三条 市场监督管理部门应当开展产品质量抽查，公布产品质量抽查结果。

第二章 听证

第一节 听证程序

第十四条 行政机关拟作出较大数额罚款等行政处罚决定的，应当告知当事人有要求听证的权利；当事人要求听证的，行政机关应当组织听证。

第十五条 听证公开举行。
"""

ARTICLE = "第一章总则 / 第三条当事人在行政程序中享有下列权利"


def test_an_item_is_known_by_the_article_above_it():
    assert is_item(ARTICLE + " / (一)申请回避")
    assert not is_item(ARTICLE)  # the lead clause
    assert not is_item("三、主要任务 / (一)推进园区建设")  # a policy's numbered section is not an item
    assert article_of(ARTICLE + " / (一)申请回避") == ARTICLE
    assert article_of("第一章总则") is None
    # an item printed with a lead phrase of its own is a heading record under the article
    assert is_item_record(ARTICLE, "(三)由于申请回避而不能进行审判的")
    assert not is_item_record(ARTICLE, "当事人认为执法人员与案件有利害关系的，有权申请回避。")
    assert not is_item_record("三、主要任务", "(一)推进园区建设")


def test_an_item_counts_less_than_a_clause_of_its_own():
    paths = {1: ARTICLE + " / (一)申请回避", 2: "第一章总则 / 第二条当事人认为执法人员"}
    texts = {1: "(一)申请回避;", 2: "当事人认为执法人员与案件有利害关系的，有权申请回避。"}
    ranked = [(3.0, 1), (2.0, 2)]
    assert items_weighed(ranked, paths.__getitem__, texts.__getitem__) == [(2.0, 2), (3.0 * ITEM_WEIGHT, 1)]


MEASURE = (
    "(一)对于依法开展经营活动、无重大安全事故、注册成立时间未满3年的人力资源服务机构,"
    "年度营业收入首次达到1亿元的,给予最高30万元的奖励;"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MEASURE, True),  # a policy's measure listed under its article: a rule of its own
        ("(一)居民个人的综合所得,以每一纳税年度的收入额减除费用六万元以及专项扣除后的余额,为应纳税所得额。", True),
        ("(一)申请回避;", False),
        ("(二)当事人一方迟延履行主要债务,经催告后在合理期限内仍未履行的;", False),  # a case of the lead
        ("(七)继续履行;", False),
    ],
)
def test_an_item_that_is_a_sentence_of_its_own_is_a_statement(text, expected):
    assert is_statement(text) is expected


def test_an_item_stating_a_rule_of_its_own_counts_in_full():
    paths = {1: "第三条鼓励支持人力资源服务机构 / (一)对于依法开展经营活动", 2: "第九条同时符合本措施"}
    texts = {1: MEASURE, 2: "同时符合本措施及其他扶持政策规定的，按照就高不重复的原则予以支持。"}
    ranked = [(3.0, 1), (2.0, 2)]
    assert items_weighed(ranked, paths.__getitem__, texts.__getitem__) == ranked


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("犯罪以后自动投案，如实供述自己的罪行的，是自首。", "自首", True),
        ("夫妻在婚姻关系存续期间所得的下列财产，为夫妻的共同财产，归夫妻共同所有：", "共同财产", True),
        ("对于投案自首的违法嫌疑人，应当通知其家属。", "自首", False),  # uses the word, defines nothing
        ("经复核符合条件的，认定为就业见习基地。", "就业见习基地", False),  # a status granted, not a definition
        ("作为公务员考核的依据。", "考核", False),
    ],
)
def test_a_clause_naming_a_term_after_shi_or_wei_defines_it(text, term, expected):
    assert defines(text, [term]) is expected


@pytest.mark.parametrize(
    ("text", "needles", "units", "expected"),
    [
        (
            "本法所称电信网络诈骗，是指以非法占有为目的，利用电信网络技术手段诈骗公私财物的行为。",
            ["电信网络诈骗"],
            [],
            True,
        ),
        ("在中华人民共和国境内处理自然人个人信息的活动，适用本法。", ["个人信息"], [], True),
        # defines another term and only mentions the typed one after it
        (
            "(注1:本表所称全年应纳税所得额是指依照本法第六条的规定，减除专项附加扣除后的余额。)",
            ["专项附加扣除"],
            [],
            False,
        ),
        (
            "编制《黄浦区历史风貌保护和利用“十四五”规划》(以下简称《规划》)，是指导未来五年全区工作的纲领性文件。",
            ["历史风貌保护规划"],
            [["历史风貌", "保护", "规划"]],
            True,
        ),
        (
            "职业技能培训要更多通过职业教育培训评价组织(以下简称培训评价组织)等参与实施。",
            ["职业教育"],
            [["职业教育"]],
            False,
        ),
        # the term right before 为/是 says what it is or comes to
        ("(一)全市城乡最低生活保障标准为每人每月1309元", ["最低生活保障标准"], [], True),
        ("不可抗力是不能预见、不能避免且不能克服的客观情况。", ["不可抗力"], [], True),
        ("边缘家庭认定标准按最低生活保障标准的1.5倍确定，为每人每月1963.5元。", ["最低生活保障标准"], [], False),
        ("不可抗力为了保护当事人而不予追究。", ["不可抗力"], [], False),
        ("形成以国家级开发区为龙头、以省级开发区为支撑的发展态势。", ["开发区"], [], False),
    ],
)
def test_a_clause_defines_the_term_it_names_not_one_it_mentions(text, needles, units, expected):
    assert defines_named(normalize(text), needles, units) is expected


def test_a_lead_introducing_the_list_of_a_typed_word_sets_it_out():
    assert defines("中国人民银行履行下列职责：", [], ["职责"])
    assert defines("失业人员符合下列条件的，从失业保险基金中领取失业保险金：", [], ["条件"])
    assert not defines("中国人民银行根据履行职责的需要设立分支机构。", [], ["职责"])


def test_legal_paraphrases_are_searched_with_the_related_weight():
    def weights(q: str) -> dict[str, float]:
        return {s.text: s.weight for s in spellings(q)}

    assert weights("条件").get("下列情形") == RELATED_WEIGHT  # 有下列情形之一的 states the conditions
    assert weights("违约金过高").get("违约金过分高于") == RELATED_WEIGHT
    assert weights("买卖银行卡").get("买卖银行账户") == RELATED_WEIGHT  # the law names the account
    assert weights("免责").get("免除责任") == ALIAS_WEIGHT  # the abbreviation of what the law prints
    assert weights("免责").get("不承担民事责任") == RELATED_WEIGHT


def test_a_run_is_also_looked_for_as_a_law_prints_it():
    assert drafted_runs(["夫妻", "共同财产"]) == ["夫妻的共同财产", "共同财产夫妻"]
    assert drafted_runs(["合同", "解除"]) == ["合同的解除", "解除合同"]
    assert "股东的查阅会计账簿" in drafted_runs(["股东", "查阅", "会计", "账簿"])
    assert drafted_runs(["宅基地"]) == []


def test_a_term_printed_with_de_between_its_words_ranks_as_typed(law_index):
    # 第九条 names the term (为夫妻的共同财产); without the linked run only 第八条 has the phrase bonus.
    assert _articles(law_index, "夫妻共同财产")[0] == "第九条"


def test_a_term_printed_as_the_act_done_to_it_ranks_as_typed(law_index):
    # 第十一条 says 解除合同; 第十条 says 合同 more often and 解除 apart from it.
    assert _articles(law_index, "合同解除")[0] == "第十一条"


@pytest.fixture(scope="module")
def law_index(tmp_path_factory):
    with library_index(tmp_path_factory.mktemp("law"), {"测试法.txt": LAW}, tmp_path_factory.mktemp("law-index")) as ix:
        yield ix


def _articles(ix: SearchIndex, query: str) -> list[str]:
    return [h.address.split("/")[2] for h in ix.search(query).hits]


def test_the_clause_defining_a_term_comes_before_one_using_it(law_index):
    assert _articles(law_index, "自首")[:2] == ["第四条", "第五条"]


def test_conditions_find_the_article_listing_the_cases(law_index):
    # 第六条 never says 条件: its lead enumerates the cases in which 取保候审 is allowed.
    assert _articles(law_index, "取保候审 条件")[0] == "第六条"


def test_asked_for_a_body_the_article_assigning_its_work_comes_first(law_index):
    # 第十三条 says 产品质量 twice; 第十二条 says the body is responsible for it (负责).
    assert names_body("监管部门") and names_body("市场监管局") and not names_body("职责")
    assert assigns_duty("市场监督管理部门负责产品质量监督工作。")
    assert _articles(law_index, "产品质量 监管部门")[0] == "第十二条"
    # a body alone asks where it is named, not for its duties: first where the law first names it
    assert _articles(law_index, "市场监督管理部门")[:2] == ["第十二条", "第十三条"]


def test_the_first_article_under_a_matching_heading_leads_it(law_index):
    # Neither article says 听证程序: the heading above them does, and 第十四条 sets the rule; the
    # heading, a few words, follows the article that says what they mean.
    addresses = [h.address for h in law_index.search("听证程序").hits]
    assert addresses[0].endswith("/第十四条")
    assert addresses[1].endswith("/第一节")


def test_a_zone_category_is_abbreviated_by_rule():
    from index.vocabulary import zone_abbreviated

    assert "边境经济合作区" in zone_abbreviated("边合区")  # 边(境经济)合(作)区
    assert zone_abbreviated("园区") == [] and zone_abbreviated("开发区") == []  # a plain word, no abbreviation
    assert "边境经济合作区" in [s.text for s in spellings("边合区")]


EDITION = """中华人民共和国诉讼测试法

{dates}

第一章 总则

第一条 为了保障当事人行使诉讼权利，制定本法。

第二条 当事人可以申请证据保全。
{extra}
"""

OTHER_LAW = """中华人民共和国仲裁测试法

第一条 当事人申请证据保全的，仲裁委员会应当提交人民法院。
"""

BOOK = """中华人民共和国诉讼测试法

第一百条 在证据可能灭失的情况下，当事人可以申请证据保全，依照本编规定。
"""


@pytest.fixture(scope="module")
def editions_index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("editions")
    old = EDITION.format(dates="2012年8月31日 第十一届全国人民代表大会常务委员会通过", extra="")
    new = EDITION.format(
        dates="2012年8月31日 第十一届全国人民代表大会常务委员会通过\n\n2023年9月1日 第二次修正",
        extra="\n第三条 本法自公布之日起施行。",
    )
    (folder / "a_old.txt").write_text(old, encoding="utf-8")
    (folder / "b_new.txt").write_text(new, encoding="utf-8")
    (folder / "c_other.txt").write_text(OTHER_LAW, encoding="utf-8")
    (folder / "d_book.txt").write_text(BOOK, encoding="utf-8")
    corpus = load_corpus([folder])
    with SearchIndex.open(corpus, index_dir=tmp_path_factory.mktemp("editions-index")) as ix:
        yield ix


def test_editions_share_a_title_and_a_first_article_newest_first(editions_index):
    found = editions(editions_index.corpus.documents)
    assert found == {"b_new": ("b_new", 0), "a_old": ("b_new", 1)}  # d_book starts at its own article


def test_two_editions_of_a_law_do_not_fill_the_first_places(editions_index):
    docs = [h.doc for h in editions_index.search("证据保全").hits]
    assert docs[0] == "b_new"  # the newer edition first
    assert docs.index("c_other") < docs.index("a_old")  # another law before the older edition's copy
    assert "a_old" in docs  # still reachable


def test_a_typed_full_form_is_also_searched_as_its_short_form():
    by_text = {s.text: s for s in spellings("电子竞技赛事")}
    assert by_text["电竞赛事"].weight == ALIAS_WEIGHT  # a policy prints 电竞赛事
    assert {s.text for s in spellings("交强险")} >= {"机动车第三者责任强制保险"}
    assert {s.text: s.weight for s in spellings("房东")}.get("出租人") == RELATED_WEIGHT
    assert {s.text: s.weight for s in spellings("公安局")}.get("公安机关") == ALIAS_WEIGHT  # the law's name
    assert "借款逾期" in {s.text for s in spellings("借款到期不还")}  # 逾期: the law's word for it


def test_replacing_looks_up_only_keys_a_text_can_hold_and_answers_as_every_key_scanned():
    """A spelling's keys are looked up among those beginning with one of its characters: the same
    replacements, in the same order, as every key of the table tried longest first."""
    from index.vocabulary import NEGATIONS, load_vocabulary

    vocabulary = load_vocabulary()
    tables = [vocabulary.abbreviations, vocabulary.expansions, vocabulary.related, vocabulary.paraphrases]

    def scanned(text: str, table: dict[str, list[str]], edges_only: bool) -> list[str]:
        out: list[str] = []
        taken: list[tuple[int, int]] = []
        for key in sorted(table, key=len, reverse=True):
            start = text.find(key)
            if start < 0 or len(key) < 2:
                continue
            if edges_only and ((start != 0 and not text.endswith(key)) or (start > 0 and text[start - 1] in NEGATIONS)):
                continue
            if text.endswith(key) and start != 0:
                start = len(text) - len(key)
            end = start + len(key)
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            out += [text[:start] + m + text[end:] for m in table[key] if not (key in m and m in text)]
        return out

    words = sorted({w for table in tables for key, members in table.items() for w in (key, *members)})
    texts = [*words, *(a + "的" + b for a, b in zip(words, reversed(words), strict=True)), "不起诉", "开发区融资"]
    for table in tables:
        for text in texts:
            assert len(vocabulary._keys_starting_in(text, table)) < len(table)
            for edges_only in (False, True):
                assert vocabulary._replaced(text, table, edges_only=edges_only) == scanned(text, table, edges_only)


def test_related_wording_is_also_the_shorter_term_inside_the_typed_one():
    # 投融资 typed, 融资渠道 printed: related both ways, never 投投融资
    assert {s.text: s.weight for s in spellings("体育产业投融资")}.get("体育产业融资") == RELATED_WEIGHT
    assert {s.text for s in spellings("投融资")} == {"投融资", "融资"}


def test_a_law_is_named_by_its_short_form():
    from index.compiler import laws_abbreviated

    titles = {
        "a": "中华人民共和国刑事诉讼法",
        "b": "中华人民共和国个人信息保护法",
        "c": "中华人民共和国环境保护法",
        "d": "中华人民共和国环境保护税法",
        "e": "广州市公共租赁住房管理办法\n广州市人民政府办公厅",
    }
    assert laws_abbreviated("刑诉法", titles) == {"a"}
    assert laws_abbreviated("个保法", titles) == {"b"}
    assert laws_abbreviated("环保法", titles) == {"c"}  # the shortest name, not 环境保护税法
    assert laws_abbreviated("诉讼法", titles) == set()  # a short form begins as the law's name does
    assert laws_abbreviated("刑诉", titles) == set()


def test_a_short_form_of_a_law_finds_its_articles(tmp_path):
    # Two laws say the same; the short form 测诉法 names the second (测试诉讼法), read after the first.
    rule = "\n\n第一章 总则\n\n第一条 当事人认为审判人员与案件有利害关系的，有权申请回避。\n"
    files = {"a.txt": "中华人民共和国测试仲裁法" + rule, "b.txt": "中华人民共和国测试诉讼法" + rule}
    with library_index(tmp_path / "laws", files, tmp_path / "index") as ix:
        results = ix.search("测诉法 申请回避")
    assert results.hits[0].doc_title == "中华人民共和国测试诉讼法"
    assert results.notice is None  # found with every word: the title answers for 测诉法


def test_a_law_is_named_by_a_form_no_text_prints():
    from index.compiler import laws_named
    from index.homophones import Library

    titles = {
        "a": "中华人民共和国消费者权益保护法",
        "b": "中华人民共和国消防法",
        "c": "中华人民共和国合伙企业法",
        "d": "中华人民共和国刑事诉讼法",
        "e": "消费投诉处理办法",
        "f": "中华人民共和国个人信息保护法",
    }
    printed = {"合法": 40, "个保": 40}  # 各个保险 holds 个保
    library = Library(lambda gram: True, lambda text, enough: min(enough, printed.get(text, 0)), lambda text: "")
    assert laws_named("消法", titles, library) == {"a", "b"}  # every law it could be, not a rule's 办法
    assert laws_named("合法", titles, library) == set()  # a word the texts print
    assert laws_named("刑诉", titles, library) == {"d"}  # 刑诉法 without its 法
    assert laws_named("个保", titles, library) == {"f"}  # cut 个/保: never a word of the texts
    assert laws_named("刑诉", titles) == set()  # without the texts, no telling a name from a word
    assert laws_named("刑诉法", titles) == {"d"}


def test_a_law_named_by_its_first_character_finds_its_articles(tmp_path):
    rule = "\n\n第一章 总则\n\n第一条 当事人认为审判人员与案件有利害关系的，有权申请回避。\n"
    files = {"a.txt": "中华人民共和国测试仲裁法" + rule, "b.txt": "中华人民共和国验证诉讼法" + rule}
    with library_index(tmp_path / "laws", files, tmp_path / "index") as ix:
        assert ix.search("验法 申请回避").hits[0].doc_title == "中华人民共和国验证诉讼法"
        assert ix.search("验诉 申请回避").hits[0].doc_title == "中华人民共和国验证诉讼法"


def test_each_typed_word_of_a_run_may_stand_in_the_laws_wording(tmp_path):
    # 辞退员工: the law says neither word, but 解除劳动合同 for 辞退 and 劳动者 for 员工, both at once.
    law = (
        "中华人民共和国测试用工法\n\n第一章 总则\n\n第一条 劳动者严重违反用人单位的规章制度的，用人单位可以解除劳动合同。\n\n"
        "第二条 用人单位应当依法建立劳动规章制度。\n"
    )
    with library_index(tmp_path / "laws", {"a.txt": law}, tmp_path / "index") as ix:
        results = ix.search("辞退员工")
    assert [h.address.split("/")[-1] for h in results.hits][:1] == ["第一条"]
    assert results.notice is None  # found as meant, not by any one word of it


def test_a_law_typed_with_what_to_find_in_it_is_searched_as_the_two():
    from index.compiler import law_names_apart, name_and_rest
    from index.query import Node, Unit

    titles = {"a": "中华人民共和国刑法", "b": "中华人民共和国个人信息保护法", "c": "中华人民共和国劳动法"}
    assert name_and_rest("刑法第二十条", titles) == ("刑法", "第二十条")
    assert name_and_rest("个人信息保护法第三十一条", titles) == ("个人信息保护法", "第三十一条")
    assert name_and_rest("《刑法》正当防卫", titles) == ("刑法", "正当防卫")
    assert name_and_rest("中华人民共和国刑法第二十条", titles) == ("中华人民共和国刑法", "第二十条")
    assert name_and_rest("劳动法律", titles) is None  # the name ends where a word does
    assert name_and_rest("刑法", titles) is None
    tree = law_names_apart(Node("AND", [Unit("刑法第二十条"), Unit("防卫")]), titles)
    assert isinstance(tree, Node) and [u.text for u in tree.children if isinstance(u, Unit)] == [
        "刑法",
        "第二十条",
        "防卫",
    ]
    assert isinstance(law_names_apart(Unit("刑法第二十条", phrase=True), titles), Unit)  # quoted: as typed


def test_a_law_typed_with_an_article_finds_that_article(tmp_path):
    rule = "\n\n第一章 总则\n\n第一条 当事人认为审判人员与案件有利害关系的，有权申请回避。\n\n第二条 审判人员应当依法回避。\n"
    files = {"a.txt": "中华人民共和国测试仲裁法" + rule, "b.txt": "中华人民共和国测试诉讼法" + rule}
    with library_index(tmp_path / "laws", files, tmp_path / "index") as ix:
        hits = ix.search("测试诉讼法第二条").hits
    assert (hits[0].doc_title, hits[0].address.split("/")[-1]) == ("中华人民共和国测试诉讼法", "第二条")


def test_a_law_named_leads_the_laws_that_hold_its_name_or_cite_it(tmp_path):
    rule = "\n\n第一章 总则\n\n第一条 当事人认为仲裁员与案件有利害关系的，有权申请回避。\n"
    files = {
        "a.txt": "中华人民共和国劳动争议测试仲裁法" + rule,  # its title holds the name typed
        "b.txt": "中华人民共和国测试仲裁法" + rule,
        "c.txt": "中华人民共和国测试调解法\n\n第一章 总则\n\n第一条 调解员的回避，依照测试仲裁法申请回避。\n",
    }
    with library_index(tmp_path / "laws", files, tmp_path / "index") as ix:
        titles = [h.doc_title for h in ix.search("测试仲裁法 申请回避").hits]
    assert titles[0] == "中华人民共和国测试仲裁法"
    assert titles.index("中华人民共和国测试仲裁法") < titles.index("中华人民共和国测试调解法")


def test_an_article_asked_by_number_leads_the_clauses_citing_it(tmp_path):
    law = (
        "中华人民共和国测试程序法\n\n第一章 总则\n\n第一条 当事人可以申请复核。\n\n"
        "第二条 依照本法第一条申请复核的，依照本法第一条规定的期限提出；本法第一条另有规定的除外。\n"
    )
    with library_index(tmp_path / "laws", {"a.txt": law}, tmp_path / "index") as ix:
        assert ix.search("测试程序法 第一条").hits[0].address.split("/")[-1] == "第一条"
        assert ix.search("第1条").hits[0].address.split("/")[-1] == "第一条"


def test_a_lone_unit_no_clause_says_whole_is_answered_by_its_head_first(tmp_path):
    # 校园霸凌 is a kind of 霸凌 (the law's 欺凌): no clause says it whole, and many say 校园 alone.
    campus = "".join(f"第{n}条 学校应当保障校园安全，维护校园秩序，建设平安校园。\n\n" for n in "一二三四五六七八九十")
    law = "中华人民共和国测试学校法\n\n第一章 总则\n\n" + campus + "第十一条 学校应当建立学生欺凌防控工作制度。\n"
    with library_index(tmp_path / "laws", {"a.txt": law}, tmp_path / "index") as ix:
        hits = ix.search("校园霸凌").hits
    assert hits[0].address.split("/")[-1] == "第十一条"


def test_a_statutes_article_counts_once_before_another_laws_article(tmp_path):
    # The second paragraph of an article already listed says more of the same answer: another
    # law's article on the subject comes before it.
    a = "中华人民共和国测试诉讼法\n\n第一章 总则\n\n第一条 当事人有权申请回避。\n当事人申请回避，应当说明理由。\n\n第二条 审判人员应当依法审判。\n"
    b = "中华人民共和国测试仲裁法\n\n第一章 总则\n\n第一条 仲裁员有下列情形之一的，必须回避，当事人也有权提出回避申请。当事人可以申请回避。\n"
    with library_index(tmp_path / "laws", {"a.txt": a, "b.txt": b}, tmp_path / "index") as ix:
        addresses = [h.address for h in ix.search("申请回避").hits]
    assert addresses[:3] == ["a/第一章/第一条", "b/第一章/第一条", "a/第一章/第一条#2"]


def test_an_article_typed_with_arabic_digits_is_found_as_printed(law_index):
    from index.vocabulary import chinese_number, numbered_in_chinese

    assert [chinese_number(n) for n in (10, 39, 101, 110, 1084)] == [
        "十",
        "三十九",
        "一百零一",
        "一百一十",
        "一千零八十四",
    ]
    assert numbered_in_chinese("民法典第1084条") == "民法典第一千零八十四条"
    assert _articles(law_index, "第6条")[0] == "第六条"


def test_a_title_opening_with_a_division_is_a_local_rule():
    from index.jurisdiction import is_local, is_national_law

    assert is_local("上海市物业管理条例")
    assert is_local("景宁畲族自治县荣誉市民条例")
    assert not is_local("中华人民共和国劳动合同法")
    assert not is_local("公安机关督察条例")  # 公安 is a county's short form, not a place here
    assert is_national_law("中华人民共和国劳动合同法")
    assert is_national_law("中华人民共和国民法典")
    assert not is_national_law("中华人民共和国外交特权与豁免条例")


def test_a_national_law_leads_the_rules_below_it_saying_as_much(tmp_path):
    # All say the same (the rules below the law are read first); the law leads unless the query names one.
    rule = "\n\n第一章 总则\n\n第一条 竞业限制的期限，不得超过二年。\n"
    titles = {"a.txt": "上海市测试保护条例", "b.txt": "企业技术秘密测试条例", "c.txt": "中华人民共和国测试劳动法"}
    with library_index(
        tmp_path / "laws", {name: title + rule for name, title in titles.items()}, tmp_path / "index"
    ) as ix:
        assert ix.search("竞业限制 期限").hits[0].doc_title == "中华人民共和国测试劳动法"
        assert ix.search("上海 竞业限制 期限").hits[0].doc_title == "上海市测试保护条例"
        assert ix.search("技术秘密 竞业限制 期限").hits[0].doc_title == "企业技术秘密测试条例"


def test_courts_and_procuratorates_are_searched_by_their_statutory_names():
    # The segmenter keeps 人民法院 whole: a typed 法院 must also look for it.
    assert {s.text: s.weight for s in spellings("法院")}.get("人民法院") == ALIAS_WEIGHT
    assert {s.text: s.weight for s in spellings("检察院")}.get("人民检察院") == ALIAS_WEIGHT
    assert "人民法院" not in {s.text for s in spellings("人民法院")[1:]}  # already what it says
    assert {s.text: s.weight for s in spellings("实名")}.get("真实身份") == RELATED_WEIGHT
    assert "基层人民法院" in {s.text for s in spellings("基层法院")}  # inside a typed word too
    assert "中级人民法院" in {s.text for s in spellings("中院")}


def test_a_negated_word_is_not_rewritten_as_its_related_wording():
    # 不起诉 is a prosecutor's decision, not 不提起诉讼; 起诉 alone still is 提起诉讼.
    assert [s.text for s in spellings("不起诉")] == ["不起诉"]
    assert "提起诉讼" in {s.text for s in spellings("起诉")}


def test_days_typed_as_tian_are_searched_as_the_laws_count_them():
    from index.vocabulary import days_as_printed

    assert days_as_printed("七天无理由退货") == "七日无理由退货"
    assert days_as_printed("15天内答复") == "十五日内答复"
    assert days_as_printed("每天") == "每天"  # no number: not a time limit
    assert {s.text: s.weight for s in spellings("三天")}.get("三日") == ALIAS_WEIGHT


def test_a_time_limit_is_the_laws_own_wording_of_a_typed_deadline():
    # 应当在七日内立案 is the 期限 of 立案: ranked with the clauses that say 期限, not below them.
    from index.tiers import PARAPHRASE, level_of

    found = {s.text: s for s in spellings("立案期限")}
    assert level_of(found["立案日内"]) == PARAPHRASE
    assert level_of({s.text: s for s in spellings("起诉时限")}["起诉月内"]) == PARAPHRASE
    assert level_of({s.text: s for s in spellings("期限")}["期间"]) > PARAPHRASE  # a neighbouring word only


RECALL_LAW = """中华人民共和国测试食品法

（根据全国人民代表大会常务委员会关于加强食品召回管理的决定制定）

第一章 总则

第一条 为了保障食品安全，制定本法。

第二条 本法适用于下列事项：
（一）食品生产和经营；
（二）食品召回的监督管理。

第三条 国家建立食品召回制度。食品生产者发现其生产的食品不符合食品安全标准的，应当立即停止生产。

第四条 食品生产者应当对召回的食品采取无害化处理等措施，并将食品召回和处理情况向县级以上人民政府食品安全监督管理部门报告；需要对召回的食品进行无害化处理的，应当在处理前通知。

第五条 食品经营者应当配合生产者的食品召回，按照规定保存相关的记录。
"""


@pytest.mark.parametrize(
    ("title", "first"),
    [("中华人民共和国测试食品法", "第三条"), ("测试食品安全条例", "第三条"), ("某区测试食品安全管理办法", "第五条")],
)
def test_the_article_where_a_statute_first_uses_a_term_leads(tmp_path, title, first):
    # 第五条 is shorter and says 食品召回 as often; 第三条 sets the system up, and the later ones refer to it
    # (第二条's item only lists it, and the note under the title is no article). A policy's 办法 is not drafted so.
    text = RECALL_LAW.replace("中华人民共和国测试食品法", title, 1)
    with library_index(tmp_path / "law", {"食品法.txt": text}, tmp_path / "index") as ix:
        articles = [h.address.split("/")[-1] for h in ix.search("食品召回").hits if "/" in h.address]
        assert articles[0] == first


def test_a_body_is_named_by_its_short_form_as_the_titles_spell_it():
    from index.compiler import bodies_abbreviated, compile_unit
    from index.query import Unit

    titles = {
        "a": "中华人民共和国村民委员会组织法",
        "b": "中华人民共和国各级人民代表大会常务委员会监督法",
        "c": "中华人民共和国人民检察院组织法",
    }
    assert bodies_abbreviated("村委会", titles) == ["村民委员会"]
    assert bodies_abbreviated("人大常委会", titles) == ["人民代表大会常务委员会"]
    assert bodies_abbreviated("检察院", titles) == []  # a title prints it as typed
    assert bodies_abbreviated("委员会", titles) == []
    assert bodies_abbreviated("罢免权", titles) == []  # not a body
    assert "村民委员会" in compile_unit(Unit("村委会"), titles).needles
    assert "村民委员会" not in compile_unit(Unit("村委会")).needles


MEASURES = """某区促进人力资源服务业发展若干措施

第一条 支持人力资源服务机构集聚发展。对新落户本区的人力资源服务机构给予一次性落户奖励。

第二条 鼓励人力资源服务机构引进人才。对成功引进产业人才的人力资源服务机构给予引才奖励。

第三条 本措施具体由某区人力资源和社会保障局负责组织实施，自印发次年起每年发布申报指南。人力资源服务机构按自愿原则申报，奖励、补贴或补助的涉税支出由获得奖励的人力资源服务机构承担。
"""


def test_a_closing_provision_names_its_document_not_a_subject():
    assert is_closing(normalize("本通知自印发之日起施行，有效期5年。原通知同时废止。"))
    assert is_closing(normalize("本措施具体由某区人力资源和社会保障局负责组织实施，自印发次年起每年发布申报指南。"))
    assert is_closing(normalize("本法自2021年1月1日起施行。"))
    assert not is_closing(normalize("本办法所称长者饭堂是指区民政部门设置的场所。"))
    assert not is_closing(normalize("本市特困人员认定条件按国家、省有关规定实施。"))


def test_the_measures_lead_the_closing_provision_that_repeats_their_words(tmp_path):
    with library_index(tmp_path / "docs", {"措施.txt": MEASURES}, tmp_path / "index") as ix:
        hits = ix.search("人力资源服务机构 奖励", limit=10).hits
        assert hits[0].address.endswith("第一条") or hits[0].address.endswith("第二条")
        # asked about, it is found first
        assert ix.search("人力资源服务机构 组织实施", limit=10).hits[0].address.endswith("第三条")


def test_with_no_clause_having_every_word_the_ones_with_more_of_them_lead(tmp_path):
    files = {
        "a.txt": "某市人才安居办法\n\n一、总则\n\n（一）人才公寓面向引进人才配租，由区住房保障部门统一管理，"
        "租金按照同地段市场租金的一定比例确定，具体办法另行制定。\n\n（二）加强组织领导。\n",
        "b.txt": "某市统计工作要点\n\n一、重点工作\n\n（一）完善占比统计。占比指标按季度发布，占比口径统一。\n",
    }
    with library_index(tmp_path / "docs", files, tmp_path / "index") as ix:
        hits = ix.search("人才公寓 租金 占比", limit=10).hits
        # 占比 said three times in a short clause scores higher than 人才公寓 and 租金 in a long one
        assert hits[0].text.startswith("人才公寓面向引进人才配租")
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)


def test_a_body_s_predecessors_come_from_the_agency_successions():
    from index import external

    assert {"劳动", "劳动和社会保障", "人事"} <= set(external.former_stems("人力资源社会保障"))
    assert "工商行政管理" in external.former_stems("市场监管")
    assert "建设" in external.former_stems("住房城乡建设")
    assert not any("省" in old for olds in map(external.former_stems, ("市场监管", "生态环境")) for old in olds)


LABOUR_LAW = """中华人民共和国劳动测试法

第一条 为了保护劳动者的合法权益，制定本法。

第二条 县级以上人民政府劳动行政部门对用人单位遵守劳动合同制度的情况进行监督检查。

第三条 用人单位应当依法订立劳动合同。
"""


def test_a_body_typed_by_its_current_name_finds_the_law_naming_its_predecessor(tmp_path):
    files = {"劳动测试法.txt": LABOUR_LAW}
    with library_index(tmp_path / "laws", files, tmp_path / "index") as ix:
        hits = ix.search("人社局").hits
    assert [h.address.split("/")[-1] for h in hits] == ["第二条"], "劳动行政部门: the 人社 department's old name"


SPEECH_LAW = """中华人民共和国测试民事法

第一章 总则

第一条 禁止高利放贷，借款的利率不得违反国家有关规定。

第二条 男女双方自愿离婚的，应当签订书面离婚协议，并亲自到婚姻登记机关申请离婚登记。

第三条 自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。

第四条 借款人应当按照约定的期限返还借款，并按照约定支付利息。
"""


@pytest.mark.parametrize(("typed", "article"), [("高利贷", "第一条"), ("离婚冷静期", "第三条")])
def test_everyday_speech_finds_the_article_in_statute_wording(tmp_path, typed, article):
    # 高利贷 is 高利放贷 in 民法典 第六百八十条; the cooling-off period is 撤回离婚登记申请 in 第一千零七十七条
    with library_index(tmp_path / "laws", {"民事测试法.txt": SPEECH_LAW}, tmp_path / "index") as ix:
        hits = ix.search(typed).hits
    assert [h.address.split("/")[-1] for h in hits][:1] == [article]


def test_remembered_zone_classes_and_former_bodies_follow_the_users_table_files(monkeypatch):
    """Read back from what an earlier process remembered, and worked out again once the user's file changes."""
    from documents.locations import config_dir
    from index import external

    monkeypatch.setattr(external, "_worked_out", {})
    assert "边境经济合作区" in external.zone_class_names()
    assert "边民互市贸易区" not in external.zone_class_names()
    zones = config_dir() / "zones.toml"
    zones.parent.mkdir(parents=True, exist_ok=True)
    zones.write_text('[[zone]]\nname = "边民互市贸易区"\nkind = "class"\n', encoding="utf-8")
    assert "边民互市贸易区" in external.zone_class_names()
    assert "边民互市贸易区" in external.zone_class_names()  # kept while the file stays as it is
    assert "工商行政管理" in external.former_stems("市场监管")
    agencies = config_dir() / "agencies.toml"
    agencies.write_text(
        '[[agency]]\nname = "国家物价局"\nlevel = "central"\nsuccessor = "国家市场监督管理总局"\n', encoding="utf-8"
    )
    assert "物价" in external.former_stems("市场监管")


def test_joined_titles_find_the_titles_a_scan_finds():
    """The titles holding a string, found in one joined text, are those a scan of each title finds, in order."""
    from index.compiler import JoinedTitles

    titles = {"a": "行政许可法", "b": "上海市条例\n许可办法", "c": "", "d": "许可许可", "e": "法"}
    joined = JoinedTitles.of(titles)
    for string in ["许可", "法", "许", "可法", "条例\n许", "行政许可法", "无"]:
        assert joined.holding(string) == [key for key, names in titles.items() if string in names], string
