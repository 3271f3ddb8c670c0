"""Which region a question is about: covered by one of our texts, not covered, or not named.

Why: 永委办发〔2016〕82号 is 永嘉县's and 台市委发〔2018〕39号 is 台州市's. A question about 鹿城, 温州市
itself, 杭州 or 上海 must get "these policies are 永嘉县's and 台州市's; ask your local office", never
永嘉's or 台州's figures (温州 was once an alias of 永嘉县, so 鹿城 questions got county answers).
"""

from __future__ import annotations

import pytest

from policy_kb import api, services
from policy_kb.editions import edition_for_region, resolve_region
from policy_kb.model import Status

UNCOVERED_ANSWER = "这些政策是永嘉县（永委办发〔2016〕82号）和台州市（台市委发〔2018〕39号）的"

YONGJIA = [
    "永嘉",
    "永嘉县",
    "楠溪江",
    "瓯北",
    "上塘",
    "桥头镇",
    "岩头",
    "温州永嘉",
    "温州市永嘉县",
    "浙江温州永嘉",
]
TAIZHOU = [
    "台州",
    "台州市",
    "浙江台州",
    "椒江",
    "黄岩区",
    "路桥",
    "临海市",
    "温岭",
    "玉环",
    "天台县",
    "仙居",
    "三门",
]
TAIZHOU += ["台州市路桥区"]
# 温州市 itself and its districts/counties other than 永嘉; other cities and provinces
UNCOVERED = ["温州", "温州市", "鹿城", "鹿城区", "瓯海", "龙湾区", "洞头", "瑞安", "乐清市", "龙港"]
UNCOVERED += ["平阳", "苍南县", "文成", "泰顺", "温州鹿城", "杭州", "宁波市", "义乌", "浙江省", "上海"]
UNCOVERED += ["北京", "深圳", "江苏南京"]


@pytest.mark.parametrize("name", YONGJIA)
def test_yongjia_and_its_own_places_are_covered(name: str) -> None:
    scope = resolve_region(name)
    assert scope.status == "covered" and scope.edition is not None
    assert scope.edition.region == "永嘉县"
    assert edition_for_region(name).region == "永嘉县"


@pytest.mark.parametrize("name", TAIZHOU)
def test_taizhou_and_its_counties_are_covered(name: str) -> None:
    """39号 is addressed to 各县(市、区)党委和政府: its counties and districts are in its scope."""
    scope = resolve_region(name)
    assert scope.status == "covered" and scope.edition.region == "台州市"
    assert edition_for_region(name).region == "台州市"


@pytest.mark.parametrize("name", UNCOVERED)
def test_regions_the_texts_do_not_cover(name: str) -> None:
    scope = resolve_region(name)
    assert scope.status == "uncovered", scope
    assert scope.edition is None
    assert edition_for_region(name) is None


@pytest.mark.parametrize("name", [None, "", "  ", "火星", "abc", "永", "台"])
def test_no_region_named(name) -> None:
    assert resolve_region(name).status == "unknown"
    assert edition_for_region(name) is None


@pytest.mark.parametrize(
    ("text", "status", "place"),
    [
        ("我在鹿城区开公司，博士能拿多少补贴", "uncovered", "鹿城区"),
        ("入选温州市580计划，在永嘉是第几类", "covered", "永嘉"),
        ("瑞安的企业柔性引进人才有奖励吗", "uncovered", "瑞安"),
        ("在杭州工作，想来永嘉创业", "covered", "永嘉"),
        ("上海·台州高层次人才洽谈活动什么时候办", "covered", "台州"),
        # a place inside the name of an honour, plan or employer is not where the talent is
        ("温州市580计划入选者能拿多少", "unknown", None),
        ("我是浙江省千人计划专家", "unknown", None),
        ("我是温州市首席技师", "unknown", None),
        ("温州大学的教授可以申请吗", "unknown", None),
        ("入选温州市领军型创新创业团队有配套吗", "unknown", None),
        ("如果这个人没入选温州市的“海外工程师”呢", "unknown", None),  # 的 between place and title
        ("但是还没去报温州那个海外工程师", "unknown", None),  # 那个 between place and title (dev16)
        ("它是依据温州市哪个文件制定的", "unknown", None),  # a document, not where the talent is
        # the level of an honour, plan or team the talent holds (三（二）, 三（四）, 三（五）, 二 第4类)
        ("已入选温州的洋工程师项目，县里一次性补助多少", "unknown", None),
        ("引進的洋工程師入選溫州計劃後企業能拿多少資助", "unknown", None),
        ("进了温州市级领军团队的经费怎么管", "unknown", None),
        ("我们团队入选了浙江省的领军团队，县里还会再给钱吗", "unknown", None),
        ("温州评的首席技师是不是奖5万", "unknown", None),
        ("在温州挂牌的技能大师工作室，领头的人能不能算第5类", "unknown", None),
        ("以前领过温州市重点团队的负责人算哪一档", "unknown", None),
        # where a project was already reviewed (附件1 二（二） 温州市 评定结果), a title's short name (专技拔尖)
        ("温州市已经评过的项目县里还要重新评吗？", "unknown", None),
        ("去年有个企业的专家项目在温州市那边评过一次，今年报县里，按哪个结果", "unknown", None),
        ("员工以前评过温州市专技拔尖人才，申报时按哪一类算？", "unknown", None),
        # where a plan selection was applied for (附件1 二（二）'s 以永嘉地), not the place asked about
        ("我是国家千人计划专家，当年是通过杭州的单位申报入选的。", "unknown", None),
        # where a person hired lives, not where the asker is (dev59); the asker's own home still counts
        ("我们请了一位温州市首席技师（住在鹿城区）来厂里短期兼职，算柔性引才的对象吗？", "unknown", None),
        ("我住在鹿城区，有什么补贴", "uncovered", "鹿城区"),
        ("我在杭州创业，能拿多少", "uncovered", "杭州"),
        ("我在鹿城区申报的项目能拿多少资助", "uncovered", "鹿城区"),
        ("温州市的人才政策有什么", "uncovered", "温州市"),
        # a covered place before a plan's name is that region's own plan
        ("台州市500精英计划有什么支持", "covered", "台州市"),
        ("台州学院的老师可以申请吗", "covered", "台州"),
        # a place the 台州 text itself names, asked with its words (三、10. 人才飞地 in 上海、深圳、杭州)
        ("人才飞地 上海 深圳", "covered", "台州市"),
        ("离岸飞地和在上海建人才飞地是同一个东西吗", "covered", "台州市"),
        ("杭州那块人才飞地是谁负责的", "covered", "台州市"),
        # …but that place's own policy is still not covered
        ("上海的人才政策怎么样", "uncovered", "上海"),
        ("我在深圳开公司能拿多少补贴", "uncovered", "深圳"),
        # a place at the head of an institution's name (四、14. lists research institutes)
        ("文件点名要建的科创平台里，有没有浙江工业大学的？", "unknown", None),
        # a partner's place (附件2 第五条's 对口支援, dev14): where the other party is, not the asker's region…
        (
            "我们跟杭州一家研究所签了整体合作协议，他们派研究员来我们厂，这算柔性引才里的哪一种？",
            "unknown",
            None,
        ),
        # …but where the asker works still is
        ("我在杭州一家公司上班，能享受人才政策吗", "uncovered", "杭州"),
        # where a service is bought (台州 四、14.'s 创新券 in 市外定点使用单位, dev9, dev28): a destination with the
        # provider after it, not the asker's region…
        ("比如我们想去杭州找个检测机构做测试，能用吗", "unknown", None),
        ("到上海的检测机构做实验，创新券能用吗", "unknown", None),
        # …but going there to work is where the asker will be
        ("我想去杭州工作，能享受人才政策吗", "uncovered", "杭州"),
        # a covered place denied is not the asker's; the other place named is (dev31)
        ("我们公司在瑞安，不在永嘉，也能按这个标准拿吗", "uncovered", "瑞安"),
        # a person referred from there (三（十）, dev30)
        ("那我推荐的是北京一个研究员，一直在国内，没出过国，这种也能拿吗？", "unknown", None),
        # a team hired from there (dev31)
        ("我们医院想把上海一个科室整建制挖过来，这种能享受啥政策", "unknown", None),
        # (dev27: the team comes from there, 16 characters before 挖过来)
        ("我们医院要是把上海一家医院整个科室连人带团队挖过来，能享受什么待遇？", "unknown", None),
        # an expert hired from there (附件2 柔性引才, dev36)
        ("想把温州市区一位刚退休的正高级工程师请过来带实训，能算县里说的柔性引才吗？", "unknown", None),
        # the body that organises a trip (三（八）'s 市级及以上组织人事部门统一组织, dev38), not the asker's place…
        ("老板下个月要跟温州市人社局组织的团去德国招工程师，来回机票住宿县里能报一点吗？", "unknown", None),
        # …but that body's own policy is not covered
        ("杭州市政府的人才政策有哪些", "uncovered", "杭州市"),
        # (dev34: the expert's employer there)
        (
            "我们厂想请上海一位工程院院士当技术顾问，他人还在上海原单位，一年过来几趟指导。公司能拿奖励吗",
            "unknown",
            None,
        ),
    ],
)
def test_places_in_a_question(text: str, status: str, place: str | None) -> None:
    scope = resolve_region(text)
    assert scope.status == status, scope
    assert scope.place == place


def test_a_covered_and_an_uncovered_place_named_together() -> None:
    scope = resolve_region("鹿城和永嘉的政策一样吗")
    assert scope.status == "covered" and scope.edition.region == "永嘉县"
    assert scope.also_uncovered == ("鹿城",)


@pytest.mark.parametrize("name", ["鹿城", "温州", "杭州", "上海"])
def test_region_scope_answer_for_an_uncovered_region(name: str) -> None:
    result = api.region_scope(name)
    assert result.status is Status.NEEDS_ASSESSMENT
    assert result.values["scope"] == "uncovered"
    text = result.answer
    assert UNCOVERED_ANSWER in text and "请咨询当地人才工作部门" in text and name in text
    assert "万元" not in text
    assert {c.doc for c in result.citations} == {"永委办发〔2016〕82号", "台市委发〔2018〕39号"}
    for c in result.citations:
        assert c.quote in api.resolve(c.region).source_text()


def test_region_scope_for_a_district_of_wenzhou_says_yongjia_is_only_the_county() -> None:
    result = api.region_scope("鹿城区")
    assert "温州市" in result.answer and "永嘉县" in result.answer


def test_region_scope_covered_and_unknown() -> None:
    covered = api.region_scope("瓯北")
    assert covered.ok and covered.region == "永嘉县" and covered.values["scope"] == "covered"
    assert covered.citations
    unknown = api.region_scope("能拿多少钱")
    assert unknown.status is Status.NEEDS_INPUT and unknown.values["scope"] == "unknown"
    assert [m.name for m in unknown.missing] == ["region"]


@pytest.mark.parametrize("region", ["鹿城", "温州", "温州市", "瑞安", "杭州", "上海"])
def test_rules_never_answer_an_uncovered_region_with_covered_figures(region: str) -> None:
    for result in (
        api.total_award(3, region=region),
        api.benefits(3, region=region),
        api.project_funding(3, "重点推荐", region=region),
        api.flexible_reward("30万", region=region),
        api.category_for_honours("杰青", region=region),
    ):
        assert result.status is Status.NEEDS_ASSESSMENT, result.render()
        assert UNCOVERED_ANSWER in result.answer and "万元" not in result.answer


@pytest.mark.parametrize("region", ["鹿城", "温州", "杭州"])
def test_services_of_an_uncovered_region(region: str) -> None:
    for result in (services.services(region), services.gold_card(region), services.hotline(region)):
        assert not result.ok
        assert UNCOVERED_ANSWER in result.message and "0577" not in result.message


def test_covered_region_still_answers() -> None:
    assert api.total_award(3, region="温州永嘉").values["cap"] == 4_500_000
    assert api.total_award(3, region="瓯北").ok
    assert api.total_award(3).ok  # no region: 永嘉县, the only edition with categories 1–5


@pytest.mark.parametrize(
    ("words", "region"),
    [
        ("以情聚才对单位领导有什么要求？", "永嘉县"),
        ("金卡有什么用", "永嘉县"),
        ("英才卡能干嘛", "台州市"),
        ("房票补贴怎么领", "台州市"),
        ("人才服务有哪些", None),  # both texts have 人才服务
        ("金卡和英才卡有什么区别", None),  # a term of each: the words do not settle it
        ("一年最多奖几万", None),  # 最多 is only in 台州's 最多跑一次, but an everyday word
        ("奖励资金没到账可以打哪个电话", None),
    ],
)
def test_region_from_the_policy_terms_only_one_text_uses(words: str, region: str | None) -> None:
    assert api.region_from_words(words) == region


@pytest.mark.parametrize(
    "words",
    [
        "我们请了一位顾问，人事关系还在上海，计税报酬20万",  # where his ties are, not the question's place
        "今年从杭州全职引进了一个博士",
        "宁波过来的工程师在这里能拿多少",
        # a person hired from there (附件2's 县外人才 come from somewhere)
        "我请了一位杭州的教授周末来厂里指导，这种算不算柔性引才",
        "公司想请北京的一位行业大咖当战略顾问，属于哪种引才方式",
        "我们柔性引进了一名上海的专家，奖励怎么算",
        "我们请了4个上海的专家周末过来指导，县里一年最多奖我们多少",  # a count of them (dev23)
        # (dev57) the person described by where they are or work, and the person signed with
        "我们厂想返聘一位杭州那边已经退休的正高级工程师，每个月过来两三次帮我们改工艺",
        "我们公司跟上海一个博士签了顾问协议，只签了半年，这算不算柔性引才？",
        "专家是宁波一所高校的，人事关系都不动，就每个季度来几天",
    ],
)
def test_where_a_person_comes_from_is_not_the_place_asked_about(words: str) -> None:
    assert resolve_region(words).status != "uncovered"


def test_a_place_asked_about_is_still_not_covered() -> None:
    assert resolve_region("我在杭州工作，能享受吗").status == "uncovered"
    assert resolve_region("宁波的人才政策有哪些").status == "uncovered"
    assert resolve_region("我在杭州请了个顾问，能拿奖励吗").status == "uncovered"
    assert (
        resolve_region("我是上海的博士，有什么人才政策").status == "uncovered"
    )  # the asker, not a person hired
    assert (
        resolve_region("杭州国企给技术人员股权奖励，按什么比例").status == "uncovered"
    )  # the place's firm gives
    # the asker's firm there, then the experts it hired (a comma between); a bare "宁波 博士" may be the asker
    assert (
        resolve_region("我们公司在乐清，也柔性引进了几个专家，能申请这个柔性引才奖励吗？").status
        == "uncovered"
    )
    assert resolve_region("宁波 博士 安家费 多少").status == "uncovered"
    assert resolve_region("瑞安的博士 有啥补贴").status == "uncovered"


def test_places_named_by_a_text_are_quoted_from_the_clause_they_cite() -> None:
    """An edition's `places_named` makes a place outside it part of its own clause: each entry's quote is
    verbatim in the passage it cites and holds the place and every word that triggers it."""
    from policy_kb.editions import all_editions
    from policy_kb.passages import all_passages

    entries = [(e, x) for e in all_editions().values() for x in e.meta.get("places_named") or ()]
    assert entries
    for e, x in entries:
        clause = " ".join(p.text for p in all_passages(e.region) if p.clause == x["clause"])
        assert x["quote"] in clause.replace(" ", ""), x  # verbatim, in the clause it cites
        assert x["place"] in x["quote"], x
        for word in x["words"]:
            assert word in clause, (x, word)
    scope = resolve_region("人才飞地 上海 深圳")
    assert scope.edition is not None and scope.edition.region == "台州市"
