"""Tasks and their lead / participating / inherited agencies."""

from __future__ import annotations

from documents.extract.tasks import bracket_roles, subject_roles, tasks_of

INHERITED = ["各市州人民政府", "各园区管委会"]


def by_address(document):
    return {t.address: t for t in tasks_of(document)}


def test_001_every_numbered_item_is_a_task_with_its_agencies(seeds):
    tasks = by_address(seeds["001"])
    items = [s.address for s in seeds["001"].sections() if s.level == 3]
    assert list(tasks) == items and len(items) == 24
    # 按职责分工负责 names responsible bodies, not a lead: 001 prints no 牵头 and no first-listed rule
    assert all(t.lead == [] for t in tasks.values())
    assert tasks["001/三/（一）/1"].participants[:3] == ["省发展改革委", "省科技厅", "省商务厅"]
    assert tasks["001/三/（三）/4"].participants[:1] == ["省商务厅"]
    assert tasks["001/三/（四）/1"].participants[:3] == ["省生态环境厅", "省发展改革委", "省自然资源厅"]
    assert tasks["001/三/（七）/2"].participants[:6] == [
        "省委编办",
        "省政务局",
        "省住房城乡建设厅",
        "省发展改革委",
        "省科技厅",
        "省商务厅",
    ]


def test_001_inherited_participants_apply_after_the_statement_only(seeds):
    tasks = tasks_of(seeds["001"])
    first = tasks[0]
    assert first.address == "001/三/（一）/1"
    assert first.participants[-2:] == INHERITED and first.inherited == []
    for task in tasks[1:]:
        assert set(INHERITED) <= set(task.agencies), task.address
    assert tasks[1].inherited == INHERITED
    # the bracket names the responsible bodies; 各市州, the subject of a sentence in the body, takes part
    item = next(t for t in tasks if t.address == "001/三/（三）/2")
    assert item.participants[:2] == ["省工业和信息化厅", "省发展改革委"] and item.lead == []
    assert "各市州人民政府" in item.participants + item.inherited


def test_a_body_subject_does_not_lead_when_a_bracket_names_the_agencies():
    from documents.extract.tasks import clause_roles

    roles, _ = clause_roles("省商务厅要制定实施方案，各市州结合实际推进落实。（省发展改革委牵头）")
    assert [(r.name, r.role) for r in roles if r.role == "lead"] == [("省发展改革委", "lead")]
    assert ("省商务厅", "participant") in [(r.name, r.role) for r in roles]
    roles, _ = clause_roles("省商务厅要制定实施方案。（省发展改革委负责）")
    assert [r.name for r in roles if r.role == "lead"] == []
    # a subject alone is responsible, as (省商务厅负责) is: it leads only where it 牵头 or 会同s others
    roles, _ = clause_roles("省商务厅要制定实施方案。")
    assert [(r.name, r.role) for r in roles] == [("省商务厅", "participant")]
    roles, _ = clause_roles("省商务厅牵头制定实施方案。")
    assert [(r.name, r.role) for r in roles] == [("省商务厅", "lead")]
    roles, _ = clause_roles("省商务厅应当会同省财政厅制定实施方案。")
    assert [(r.name, r.role) for r in roles] == [("省商务厅", "lead"), ("省财政厅", "participant")]


def test_001_older_names_are_reported_under_the_current_body_and_keep_the_printed_name(seeds):
    task = by_address(seeds["001"])["001/三/（七）/4"]
    assert "人民银行湖南省分行" in task.participants
    assert task.printed["人民银行湖南省分行"] == "人民银行长沙中心支行"
    assert "人民银行长沙中心支行" in task.text
    assert task.as_printed("人民银行湖南省分行") == "人民银行长沙中心支行 → 人民银行湖南省分行"
    assert task.as_printed("省发展改革委") == "省发展改革委"
    assert task.to_dict()["printed"] == task.printed


def test_000_predecessor_names_are_kept_as_printed(seeds):
    task = by_address(seeds["000"])["000/四/（四）"]
    for current, printed in (
        ("省生态环境厅", "省环保厅"),
        ("省自然资源厅", "省国土资源厅"),
        ("省工业和信息化厅", "省经信委"),
    ):
        assert task.printed.get(current) == printed and printed in task.text
    assert task.printed["省发展改革委"] == "省发改委"  # every name as printed, abbreviations too
    assert task.as_printed("省发展改革委") == "省发改委 → 省发展改革委"


def test_bracket_lead_and_participants():
    roles = bracket_roles("省发展改革委牵头，省财政厅、省商务厅配合")
    assert [(r.name, r.role) for r in roles] == [
        ("省发展改革委", "lead"),
        ("省财政厅", "participant"),
        ("省商务厅", "participant"),
    ]
    roles = bracket_roles("牵头单位：省环保厅；配合单位：省国土资源厅")
    assert [(r.name, r.role) for r in roles] == [("省生态环境厅", "lead"), ("省自然资源厅", "participant")]


def test_unknown_agencies_in_a_bracket_are_kept():
    roles = bracket_roles("市水利局、省财政厅按职责分工负责")
    assert [(r.name, r.known) for r in roles] == [("市水利局", False), ("省财政厅", True)]


def test_subject_sentences():
    roles = subject_roles("省发改委会同省经信委、省科技厅研究制定评估办法")
    assert [(r.name, r.role) for r in roles] == [
        ("省发展改革委", "lead"),
        ("省工业和信息化厅", "participant"),
        ("省科技厅", "participant"),
    ]
    assert [r.name for r in subject_roles("省商务厅负责示范区建设的组织实施")] == ["省商务厅"]
    assert subject_roles("支持省商务厅开展工作") == []


def test_000_会同_task_with_predecessor_names(seeds):
    task = by_address(seeds["000"])["000/四/（四）"]
    assert task.lead == ["省发展改革委"]
    assert {"省工业和信息化厅", "省自然资源厅", "省生态环境厅", "省科技厅"} <= set(task.participants)


def test_002_and_003_sentence_tasks(seeds):
    t002 = by_address(seeds["002"])
    assert t002["002/三/（一）/4"].participants == ["市级各部门", "各县区人民政府"]
    t003 = by_address(seeds["003"])
    assert t003["003/六/（一）"].participants == ["省发展改革委", "省商务厅", "省直有关单位", "各市州人民政府"]
    assert "湘南湘西承接产业转移示范区" in t003["003/六/（一）"].zones


def test_unknown_names_that_name_no_body_are_not_agencies():
    from documents.extract.tasks import CATCH_ALL, generic_agency

    # back references and bare nouns
    for odd in ("其有关部门", "其部门", "该部门", "本机关", "上述机关", "前款规定的行政主管部门", "部门", "主管部门"):
        assert generic_agency(odd) is None, odd
    # 有关/相关 before a bare noun: whichever bodies are concerned
    for concerned in ("有关主管部门", "相关部门", "其他相关部门", "有关机关", "各部门"):
        assert generic_agency(concerned) == CATCH_ALL, concerned
    # a lead-in or a coordinated name is cut off; 有关 before a real name goes
    assert generic_agency("具体办法由国务院财政部门") == "国务院财政部门"
    assert generic_agency("外交部或者国务院有关部门") == "国务院有关部门"
    assert generic_agency("有关军事机关") == "军事机关"
    assert generic_agency("故意阻碍国家安全机关") == "国家安全机关"
    # real names stay as printed
    for real in (
        "县级以上地方人民政府",
        "本级人民政府",
        "药品监督管理部门",
        "行政机关",
        "市水利局",
        "人力资源和社会保障部门",
        "自由贸易试验区管理委员会",
        "原发证部门",
        "各该级选举委员会",
        "人民政府",
        "常务委员会",
    ):
        assert generic_agency(real) == real, real


def test_law_sentences_name_the_body_and_its_own_departments():
    roles = subject_roles("国务院及其有关部门应当在职权范围内，采取措施")
    assert [(r.name, r.role) for r in roles] == [("国务院", "participant"), ("国务院有关部门", "participant")]
    roles = subject_roles("县级以上地方人民政府及其有关部门应当采取措施")
    assert [r.name for r in roles] == ["县级以上地方人民政府", "县级以上地方人民政府有关部门"]
    roles = subject_roles("具体办法由国务院财政部门会同国务院有关部门制定")
    assert [(r.name, r.role) for r in roles] == [("国务院财政部门", "lead"), ("国务院有关部门", "participant")]
    assert subject_roles("其有关部门应当予以配合") == []
    assert subject_roles("主管部门应当将研究处理情况向常务委员会提出书面报告") == []
    roles = subject_roles("国务院和县级以上地方各级人民政府应当加强领导")
    assert [r.name for r in roles] == ["国务院", "县级以上地方各级人民政府"]
    roles = subject_roles("各级人民代表大会及其常务委员会应当加强监督")
    assert [r.name for r in roles] == ["各级人民代表大会", "各级人民代表大会常务委员会"]
    assert [r.name for r in bracket_roles("县级以上人民政府及其有关部门按职责分工负责")] == [
        "县级以上人民政府",
        "县级以上人民政府有关部门",
    ]


def test_000_a_subject_list_ending_with_等部门(seeds):
    task = by_address(seeds["000"])["000/四/（一）/2"]
    assert {"省财政厅", "省发展改革委", "省工业和信息化厅", "省科技厅", "省商务厅"} <= set(task.participants)
    assert not any("等" in name for name in task.participants)


def test_assignment_forms_nationwide():
    def roles(text, **kw):
        return [(r.name, r.role) for r in bracket_roles(text, **kw)]

    # （A、B负责）: responsible bodies, no lead named
    assert roles("海关总署、商务部负责") == [("海关总署", "participant"), ("商务部", "participant")]
    # （A牵头，B、C配合）
    assert roles("省商务厅牵头，省外办、省贸促会按职责分工配合") == [
        ("省商务厅", "lead"),
        ("省外事办", "participant"),  # printed 省外办
        ("省贸促会", "participant"),
    ]
    # （责任单位：…） and （责任部门：…）, local bodies anywhere, a second list after a comma
    assert roles("责任单位：区规划和自然资源局、区文化广电旅游局") == [
        ("区规划资源局", "participant"),
        ("区文化广电旅游局", "participant"),
    ]
    assert [r.printed for r in bracket_roles("责任部门：市规划资源局，各区政府")] == ["市规划资源局", "各区政府"]
    # （牵头单位：…；配合单位：…） with short forms: 省住建厅 = 省住房和城乡建设厅, 市经信局
    assert roles("牵头单位：省住建厅；配合单位：市经信局") == [
        ("省住房城乡建设厅", "lead"),
        ("市经济和信息化局", "participant"),
    ]
    # the first-listed rule, in the bracket itself; 排在第一位的部门 is no agency
    assert roles("税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同") == [
        ("税务总局", "lead"),
        ("财政部", "participant"),
        ("海关总署", "participant"),
    ]
    assert roles("财政部、人民银行负责", first_lead=True) == [("财政部", "lead"), ("人民银行", "participant")]
    # 等 ends a list; 和 splits two names but not 文化和旅游部
    listed = bracket_roles("人力资源社会保障部、文化和旅游部等有关部门和单位负责")
    assert [(r.printed, r.role) for r in listed] == [
        ("人力资源社会保障部", "participant"),
        ("文化和旅游部", "participant"),
    ]
    assert [r.printed for r in bracket_roles("中国民航局和各地方人民政府按职责分工负责")] == [
        "中国民航局",
        "各地方人民政府",
    ]


def test_bare_lists_rules_and_following_statements_in_a_document():
    from documents.parsing.parser import parse_text

    text = (
        "关于促进就业的意见\n"
        "一、稳定岗位\n"
        "（一）支持企业稳岗。对不裁员的企业返还失业保险费。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）"
        "以下均需地方人民政府负责，不再列出。\n"
        "（二）加强职业培训。扩大培训规模。（财政部、教育部负责）\n"
        "（三）优化营商环境。做好规划资源管理。（区经委、区规划资源局）\n"
    )
    doc = parse_text(text, "900_test", None)
    tasks = tasks_of(doc)
    first, second, third = tasks[0], tasks[1], tasks[2]
    assert first.lead == ["人力资源社会保障部"] and first.participants == ["财政部"]
    assert second.lead == ["财政部"] and second.participants == ["教育部"]  # 下同
    assert second.inherited == ["地方人民政府"]
    assert third.lead == ["区经委"] and third.participants == ["区规划资源局"]
    assert third.printed == {}  # printed as the canonical names


def test_regulation_articles_name_bodies_by_their_form():
    from documents.extract.tasks import clause_roles

    def roles(text):
        return [(r.name, r.role) for r in clause_roles(text)[0]]

    # levels sharing a body; a body alone is responsible, not a lead
    assert roles("市、区住房保障部门应当加强公共租赁住房保障资格监管。") == [
        ("市住房保障部门", "participant"),
        ("区住房保障部门", "participant"),
    ]
    assert roles("州、县（市）人民政府应当推进政务数据资源依法有序共享。") == [
        ("州人民政府", "participant"),
        ("县（市）人民政府", "participant"),
    ]
    # a second name in brackets goes with the body; an alias given to it does not
    found = clause_roles("镇人民政府（街道办事处）负责具体实施老年人助餐配餐服务工作。")[0]
    assert [(r.name, r.printed) for r in found] == [("镇人民政府", "镇人民政府（街道办事处）")]
    found = clause_roles(
        "市住房保障办公室（以下称市住房保障部门）是全市公共租赁住房保障工作的具体实施机构，负责资格审核。"
    )[0]
    assert [(r.name, r.printed) for r in found] == [("市住房保障办公室", "市住房保障办公室")]
    # fields sharing the noun that ends the list, each a body printed as the field
    found = clause_roles("各级发展改革、财政、社会组织管理部门和市残疾人联合会按各自职责协同实施本办法。")[0]
    assert [(r.name, r.printed) for r in found][:3] == [
        ("各级发展改革部门", "发展改革"),
        ("各级财政部门", "财政"),
        ("各级社会组织管理部门", "社会组织管理部门"),
    ]
    assert roles("收费办法由国务院财政、价格部门制定。") == [
        ("国务院财政部门", "participant"),
        ("国务院价格部门", "participant"),
    ]
    # the agent of 由 anywhere; 授权 gives the work to the body named after it
    assert roles("收入标准实行动态调整，由市住房城乡建设局根据本市经济社会发展水平确定。") == [
        ("市住房城乡建设局", "participant")
    ]
    assert roles("州人民政府授权州数据资源主管部门负责统筹全州政务数据资源管理工作。") == [
        ("州数据资源主管部门", "participant")
    ]
    # 会同 in a later part makes the sentence's subject lead; 有关部门 named by a sentence stays
    assert roles("各区住房保障部门负责房源配租等工作，会同相关职能部门做好保障资格审核等相关工作。") == [
        ("区住房保障部门", "lead"),
        ("有关部门", "participant"),
    ]


def test_clause_words_are_not_read_as_a_body():
    from documents.extract.tasks import clause_roles

    def names(text):
        return [r.name for r in clause_roles(text)[0]]

    assert names("当事人对公安机关依照本法给予的拘留处罚决定不服的，可以向上一级公安机关提出申诉。") == []
    assert names("涉嫌犯罪的，应当及时移送司法机关依法处理。") == []
    assert names("政务部门应当梳理本部门可以共享的政务数据资源。") == ["政务部门"]
    assert names("生产经营单位进行爆破、吊装、动火等危险作业，应当安排专门人员。") == []
    assert names("租赁物被司法机关查封的，承租人可以请求减少租金。") == []
    assert names("被授权机关应当在授权范围内实施。") == ["被授权机关"]


def test_statute_subjects_named_as_bodies_mechanisms_and_lists():
    from documents.extract.tasks import clause_roles

    def printed(text):
        return [(r.name, r.printed) for r in clause_roles(text)[0]]

    # 及其有关部门: the body and its departments, printed without the conjunction
    assert printed("县级以上地方人民政府及其有关部门应当组织开展节水宣传教育。") == [
        ("县级以上地方人民政府", "县级以上地方人民政府"),
        ("县级以上地方人民政府有关部门", "有关部门"),
    ]
    # a body's own 有关部门 named as one subject
    assert [n for n, _ in printed("县级以上地方人民政府有关部门按照职责分工做好节水工作。")] == [
        "县级以上地方人民政府有关部门"
    ]
    # leading and managing 机构 and coordinating 机制 are bodies; a regulated institution is not
    assert [n for n, _ in printed("中央国家安全领导机构负责国家数据安全工作的决策。")] == ["中央国家安全领导机构"]
    assert [n for n, _ in printed("国家数据安全工作协调机制统筹协调有关部门制定重要数据目录。")][:1] == [
        "国家数据安全工作协调机制"
    ]
    assert printed("金融机构应当报告大额交易。") == []
    # a list of bodies ending with 等
    assert [n for n, _ in printed("公安机关、国家安全机关等依照本法承担数据安全监管职责。")] == [
        "公安机关",
        "国家安全机关",
    ]


def test_fields_of_work_include_经济和信息化_and_机关事务管理():
    from documents.extract.tasks import clause_roles

    found = clause_roles("发展改革、经济和信息化、机关事务管理等部门按照各自职责，协同做好节水工作。")[0]
    assert [r.name for r in found] == ["发展改革部门", "经济和信息化部门", "机关事务管理部门"]


def test_a_statute_article_is_cut_at_each_sentence_naming_its_subject():
    from documents.extract.agencies import default_table
    from documents.extract.tasks import task_pieces

    text = (
        "国务院水行政主管部门负责全国节水工作。国务院住房城乡建设主管部门按照职责分工指导城市节水工作。"
        "节水工作应当坚持节约优先。"
    )
    assert task_pieces(text, default_table(), article=True) == [
        "国务院水行政主管部门负责全国节水工作。",
        "国务院住房城乡建设主管部门按照职责分工指导城市节水工作。节水工作应当坚持节约优先。",
    ]
    assert task_pieces(text, default_table()) == [text]


def test_a_longer_name_is_read_when_the_verb_follows_it_and_not_the_shorter():
    from documents.extract.tasks import clause_roles

    def names(text):
        return [r.name for r in clause_roles(text)[0]]

    assert names("县级以上地方人民政府水行政主管部门负责本行政区域内的节水工作。") == [
        "县级以上地方人民政府水行政主管部门"
    ]
    assert names("省、自治区、直辖市人民政府根据实际需要，可以制定地方用水定额。") == ["省、自治区、直辖市人民政府"]


def test_collectives_concerned_bodies_and_subjects_listed_across_a_comma():
    from documents.extract.tasks import clause_roles

    def printed(text):
        return [(r.name, r.printed) for r in clause_roles(text)[0]]

    assert [p for _, p in printed("各地区、各部门对本地区、本部门工作中收集和产生的数据负责。")] == ["各地区", "各部门"]
    assert "流域管理机构" in [n for n, _ in printed("城市节水主管部门会同城市供水主管部门或者相应流域管理机构制定。")]
    assert [n for n, _ in printed("市、县（市、区）人民政府，某港区管委会应当建立协调机制。")] == [
        "市人民政府",
        "县（市、区）人民政府",
        "某港区管委会",
    ]
    assert [n for n, _ in printed("发生数据安全事件，有关主管部门应当依法启动应急预案。")] == ["有关部门"]


def test_bodies_coordinated_by_统筹协调_take_part():
    from documents.extract.tasks import clause_roles

    found = clause_roles("国家数据安全工作协调机制统筹协调有关部门制定重要数据目录。")[0]
    assert [(r.name, r.role) for r in found] == [
        ("国家数据安全工作协调机制", "participant"),
        ("有关部门", "participant"),
    ]


def test_the_agent_of_由_after_所在地的():
    from documents.extract.tasks import clause_roles

    found = clause_roles("不能确定管理人的，由所在地的镇人民政府或者街道办事处确定。")[0]
    assert [r.name for r in found] == ["镇人民政府", "街道办事处"]


def test_a_governments_department_is_the_agent_of_由_whatever_verb_follows():
    from documents.extract.tasks import clause_roles

    found = clause_roles("冷凝水未回收利用的，由县级以上地方人民政府水行政主管部门责令改正，可以处罚款。")[0]
    assert [r.name for r in found] == ["县级以上地方人民政府水行政主管部门"]


def test_the_bodies_taken_along_by_会同_end_with_有关部门():
    from documents.extract.tasks import clause_roles

    found = clause_roles("省级以上人民政府林业草原主管部门应当会同有关部门约谈该地区人民政府的主要负责人。")[0]
    assert [r.name for r in found] == ["省级以上人民政府林业草原主管部门", "有关部门"]


def test_a_name_with_等_before_its_noun_names_the_first_field():
    from documents.extract.tasks import generic_agency

    assert generic_agency("县级以上人民政府生态环境等主管部门") == "县级以上人民政府生态环境主管部门"
    assert generic_agency("县级以上人民政府林业草原等有关主管部门") == "县级以上人民政府林业草原主管部门"


def test_a_body_acting_for_a_purpose_is_the_subject():
    from documents.extract.tasks import clause_roles

    def names(text):
        return [r.name for r in clause_roles(text)[0]]

    assert names("公安机关、国家安全机关因侦查犯罪的需要调取数据，应当经过严格的批准手续。") == [
        "公安机关",
        "国家安全机关",
    ]
    assert names("国家机关为履行法定职责的需要收集数据，应当在其职责范围内进行。") == ["国家机关"]


def test_a_statutes_lead_in_assigns_its_items_and_a_body_named_by_its_duty_acts():
    """第六十二条 国家网信部门…推进下列工作：（一）…（二）…: each item is the lead-in body's task; 履行/负有…职责的部门
    is a body (the usual name in statutes for whichever departments hold that duty)."""
    from documents.parsing.parser import parse_text

    text = (
        "# 中华人民共和国某某保护法\n\n"
        "## 第六章 履行保护职责的部门\n\n"
        "第六十一条 履行个人信息保护职责的部门应当开展个人信息保护宣传教育，指导、监督个人信息处理者开展个人信息保护工作。\n\n"
        "第六十二条 国家网信部门统筹协调有关部门依据本法推进下列个人信息保护工作：\n\n"
        "（一）制定个人信息保护具体规则、标准；\n\n"
        "（二）推进网络身份认证公共服务建设；\n\n"
        "第六十三条 负有扬尘污染防治监督管理职责的部门应当公开投诉举报方式。\n"
    )
    doc = parse_text(text, "law_test", None)
    by_text = {t.text[:8]: t.participants + t.lead for t in tasks_of(doc)}
    assert "履行个人信息保护职责的部门" in by_text["履行个人信息保护"]
    assert "国家网信部门" in by_text["制定个人信息保护"]
    assert "国家网信部门" in by_text["推进网络身份认证"]
    assert "负有扬尘污染防治监督管理职责的部门" in by_text["负有扬尘污染防治"]
