"""The one reader of figures in free words (policy_kb.reading), from the phrasing people use.

The chat's head counts and company ages, the hotline's keyword figures and the rule registry's amounts
all come from here; these cases are the boundaries and the junk as well as the everyday phrasing.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from policy_kb import reading, registry
from policy_kb.reading import Amount, read

# ---- amounts and what each one is ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "yuan"),
    [
        ("270万", 2_700_000),
        ("270万元", 2_700_000),
        ("2.7亿", 270_000_000),
        ("一百五十万", 1_500_000),
        ("1,200,000元", 1_200_000),
        ("１，２００，０００元", 1_200_000),  # full-width digits and comma
        ("１５０萬", 1_500_000),  # traditional 萬
        ("30w", 300_000),
        ("3000块", 3_000),
        ("1000 万", 10_000_000),
        ("0万", 0),  # said, so read: the rule decides what a zero means
    ],
)
def test_amounts_as_people_write_them(words: str, yuan: int) -> None:
    assert reading.amounts(words) == (Amount(yuan),)


@pytest.mark.parametrize(
    "words",
    [
        "柔性引进人才有什么奖励",  # no amount
        "柔性 -30万",  # refused, not read as 30万
        "年薪 .5万",  # not 5万
        "10000亿",  # 10^12 元: a typo, not a talent project
        "1000000000000元",
        "580 购房",  # a plan number, no unit
        "151 第三层次",
        "一万人计划",  # 万人 is people, not money
        "几十万",  # not a figure
    ],
)
def test_no_amount_is_made_up(words: str) -> None:
    assert reading.amounts(words) == ()


def test_a_space_between_two_numbers_keeps_them_apart() -> None:
    assert reading.amounts("580 30万") == (Amount(300_000),)


@pytest.mark.parametrize(
    ("words", "role"),
    [
        ("核定270万", "approved_total"),
        ("批了150万", "approved_total"),
        ("项目资助150万", "approved_total"),
        ("获批80万", "approved_total"),
        ("第一期拿了75万", "received"),
        ("已拨75万", "received"),
        ("已经拿到60万", "received"),
        ("产品卖了160万", "sales"),
        ("销售额300万", "sales"),
        ("销售收入300万", "sales"),
        ("营业收入300万", "sales"),
        ("投了500万", "investment"),
        ("研发投入200万", "investment"),
        ("投资1.2亿", "investment"),
        ("项目支出120万", "spending"),
        ("到现在项目上实际花出去90万", "spending"),  # 附件1 三（一）2 (dev20)
        ("实缴100万", "paid_in_capital"),
        ("注册资本500万", "paid_in_capital"),
        ("年薪80万", "salary"),
        ("工资30万", "salary"),
        ("年收入40万", "salary"),  # a person's income, not a firm's 收入
        ("中介费24万", "fee"),
        ("猎头费10万", "fee"),
        ("贷款200万", "loan_amount"),
        ("贷了600万", "loan_amount"),
        ("税收600万", "tax"),
        ("公司这三年交的税加起来大概300万", "tax"),  # 三（三）: the tax said in other words (dev13)
        ("总共是300万", None),  # no cue: no role
        # a category's maximum said back is the text's standard, not the total the review gave (dev61)
        ("最高资助标准是100万吧", "standard"),
        ("柔性 30万", None),
    ],
)
def test_the_word_before_an_amount_says_what_it_is(words: str, role: str | None) -> None:
    (found,) = reading.amounts(words)
    assert found.role == role


def test_two_amounts_with_different_roles_in_one_message() -> None:
    words = "创新类项目资助150万，第一期已经拿了75万，产品卖了160万"
    assert reading.amounts(words) == (
        Amount(1_500_000, "approved_total"),
        Amount(750_000, "received"),
        Amount(1_600_000, "sales"),
    )
    figures = read(words)
    assert figures.amount("sales") == 1_600_000 and figures.amount("investment", default=False) is None
    assert figures.project_type == "创新" and figures.tranches_received == 1 and figures.tranche is None


def test_traditional_characters_read_the_same() -> None:
    assert read("創新類項目資助１５０萬，第一期已經拿了７５萬").amounts == (
        Amount(1_500_000, "approved_total"),
        Amount(750_000, "received"),
    )


def test_a_cue_in_another_clause_does_not_name_the_amount() -> None:
    # 拿了 is about the prize; 奖金 is no role we read
    assert reading.amounts("工作成果拿了省科技进步奖，个人奖金5万") == (Amount(50_000),)
    # the cue is looked for since the amount before: 14万 has none
    assert reading.amounts("中介费10万，又一个14万") == (Amount(100_000, "fee"), Amount(140_000))


def test_the_nearest_cue_wins() -> None:
    assert reading.amounts("资助的项目我们投了200万") == (Amount(2_000_000, "investment"),)
    assert reading.amounts("资助总额270万") == (Amount(2_700_000, "approved_total"),)


def test_every_role_a_registry_input_declares_is_read() -> None:
    declared = {spec.role for spec in registry.inputs().values() if spec.role}
    assert declared <= set(reading.ROLES)
    assert all(spec.unit == "元" for spec in registry.inputs().values() if spec.role)


# ---- tranches ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("第一期怎么申请", 1),
        ("第1期", 1),
        ("首期", 1),
        ("头一期要什么材料", 1),
        ("头期 材料", 1),
        ("第一笔", 1),
        ("第二笔资助资金怎么申请拨付", 2),
        ("第三期", 3),
        ("尾款", "last"),
        ("创新 最后一期", "last"),
        ("創業項目最後那三成的錢，要做到什麼程度才會撥", "last"),  # the last 30% (dev22)
        ("然后第二期呢", 2),  # 后 before 第 is not 后两期
        ("创业类 分三期", None),  # how many, not which
        ("两期各拿多少", None),
        ("下一期怎么申请", None),  # the next after which? not guessed
        ("每一期都要审计吗", None),
        ("哪一期", None),
        ("第四期", None),  # there are at most three
        ("第13期", None),
        # a payment counted by 次 is the tranche of that number; 第一次申请 / 第一次来 are not payments
        ("这笔钱是一次性给吗？第一次能到手多少？", 1),
        ("第二次拨款要什么条件", 2),
        ("第一次申请要什么材料", None),
        ("我第一次来永嘉", None),
        # 批 with money after it is a tranche (dev15); 第一批入选 is a batch of talents
        ("第一批钱申请的时候要交些什么东西", 1),
        ("最后一批资金什么时候拨", "last"),
        ("我是第一批入选的", None),
        # "再给一笔" is another sum of money (三（二）'s 配套, dev28), not the first tranche
        ("永嘉县里还会再给一笔吗？给多少", None),
        ("县里另外补一笔吗", None),
        ("能先拿一笔吗", 1),
        ("第一笔多少", 1),
    ],
)
def test_the_tranche_asked(words: str, asked: int | str | None) -> None:
    assert read(words).tranche == asked


@pytest.mark.parametrize(
    ("words", "received", "asked"),
    [
        ("第一期拿了75万，第二期能拿多少", 1, 2),
        ("已经拿了第一期", 1, None),
        ("第一期已经到账了，接下来要干嘛", 1, None),
        ("前两期都拿了，尾款呢", 2, "last"),
        ("拿了两期", 2, None),
        ("一期都没拿到", 0, None),
        ("还没拿到钱，第一期怎么申请", 0, 1),
        ("第二期已经拨了吗", None, 2),  # a question, not a statement
        ("第一期拿到了没", None, 1),
        ("第一期什么时候到账", None, 1),
        ("拿了第一期能申请第二期吗", 1, 2),
        ("还没有发票", None, None),  # 没有发票 is about receipts
        ("第一批钱去年已经拿到了，剩下那一半什么时候才能申请", 1, None),
        # the rest asked after a tranche paid is the next one (创新类: 第二期, dev38)
        ("创新类项目，县里批了200万，头一笔已经到了，剩下那部分要做到什么程度才能拿？", 1, 2),
        ("剩下的钱能干嘛", None, None),  # nothing paid said: no tranche
        # 把 before it and a question mark: asking to be paid it (dev55), not saying it was
        ("创新项目还没全部做完，但产品销售额已经超过资助总额了，能不能先把第二期拿了？", None, 2),
        ("把第一期拿了，第二期什么条件", 1, 2),  # no question mark: paid
    ],
)
def test_tranches_already_received(words: str, received: int | None, asked: int | str | None) -> None:
    figures = read(words)
    assert (figures.tranches_received, figures.tranche) == (received, asked)


# ---- people, selected ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "count"),
    [
        ("海外工程师 2人 年薪80万", 2),
        ("4人 每人30万", 4),
        ("柔性引进了两位专家", 2),
        ("十二名专家", 12),
        ("柔性引进4个人才", 4),
        ("公司去年柔性引进了2个专家", 2),
        ("5个工人新取得了国家一级职业资格证书", 5),
        ("两个老员工新拿到了国家一级职业资格证书", 2),  # a word before the noun (dev9)
        ("我们请了4个上海的专家周末过来指导", 4),  # where they come from, before the noun (dev23)
        ("两个北京来的院士", 2),
        ("5个项目的人才", None),  # a thing's count, not people's
        ("3个月的专家", None),
        ("我一个人", 1),
        ("２人", 2),  # full-width
        ("2 人", 2),
        ("第3类人才", None),  # a category, not a count
        ("3人才", None),
        ("151人才工程", None),
        ("年薪80万元人民币", None),  # 人民币 is not 人
        ("1000人民币", None),
        ("千人计划", None),
        ("四个一批人员", None),  # an honour
        ("每年在永嘉工作10个月", None),  # months, not people
        ("三四个人", None),  # three or four: not one count
        ("0人", None),
        ("500人的企业", None),  # a firm's staff, not the talents it brings
        ("我们厂今年考出来3个，总共多少", 3),  # counted after the verb (三（五）, dev28)
        ("评上了两个市首席技师", 2),
        # everyone together, said with 仨/俩, is the total — not "另外两个同事" on the way (dev37)
        ("我是高级技师。厂里另外两个同事也一起考出来了。那我们仨一起算，县里一共奖多少钱？", 3),
        ("他俩合同年薪一样，都是40万", 2),
        # …unless a count is said after it ("三个人一共多少")
        ("他俩都是40万。还有一个日本工程师，年薪25万。三个人一共多少？", 3),
    ],
)
def test_people(words: str, count: int | None) -> None:
    assert reading.people(words) == count


def test_the_selected_are_not_the_people_counted() -> None:
    words = "我个人引荐了2位海外人才，都完成了580计划申报评审，其中1位入选了580，我一共能拿多少？"
    assert (reading.people(words), reading.selected(words)) == (2, 1)
    assert (reading.people("其中1人入选，一共引荐了3人"), reading.selected("其中1人入选")) == (3, 1)
    assert reading.selected("其中两位都入选了省千人计划") == 2
    assert reading.selected("引荐了3人") is None


# ---- company age -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "years"),
    [
        ("我公司是2012年注册的，今年2016年想报创业类项目资助", 4),
        ("2012年註冊，今年是2016年", 4),  # traditional
        ("成立了3年", 3),
        ("注册了三年", 3),
        ("成立十年了", 10),
        ("成立于2015年，今年是2018年", 3),
        ("2012年注册的", None),  # 今年 not written: the texts date from 2016–2018
        ("2018年成立，今年2016年", None),  # founded after "this year"
        ("注册资本500万", None),
        ("成立2015年", None),  # a year, not an age
        ("公司成立都三年半了", Decimal("3.5")),
        ("2014年5月成立的，现在是2016年8月", Decimal("2.25")),  # 27 months
        ("公司去年刚成立", 1),  # relative years need no date (dev9)
        ("今年才注册的公司", 0),
        ("前年成立的", 2),
        # years and months (dev29: past 3周年 by two months), counted from registration to now
        ("我们公司注册到现在三年零两个月了，还赶得上不？", 3 + Decimal(2) / 12),
        ("注册了3年2个月", 3 + Decimal(2) / 12),
    ],
)
def test_company_age(words: str, years: int | None) -> None:
    assert reading.company_age(words) == years


@pytest.mark.parametrize(
    ("words", "full_time", "contract", "months"),
    [
        ("劳动合同签了6年，来永嘉全职已经4年半了", Decimal("4.5"), 6, None),
        ("2015年6月全职到永嘉，准备2016年12月申报", Decimal("1.5"), None, None),
        ("公司跟我签的是3年劳动合同", None, 3, None),
        ("签了5年合同，一年能在永嘉待10个月", None, 5, 10),
        ("每年有三个月要回上海", None, None, 9),  # months away: the rest of the year is in 永嘉
        ("2014年底全职来永嘉", None, None, None),  # 2014 is a year, not a count of years
    ],
)
def test_innovation_conditions_are_read_from_the_words(
    words: str, full_time: Decimal | None, contract: int | None, months: int | None
) -> None:
    """附件1 一（一）: 来永嘉全职工作时间未超过3年, 5年及以上正式劳动合同, 每年在永嘉工作时间不少于9个月."""
    assert (
        reading.years_full_time(words),
        reading.contract_years(words),
        reading.months_per_year(words),
    ) == (
        full_time,
        contract,
        months,
    )


def test_the_leads_share_is_told_from_the_other_holders() -> None:
    """附件1 一（二）: the lead must be 第一大股东 — "我们公司" is not the lead; the other share is kept."""
    assert reading.shares("大股东占45%，我本人占35%") == (Decimal("35"), Decimal("45"))
    assert reading.shares("我们公司的投资方持股60%") == (Decimal("60"), None)  # one share, said of no one
    assert reading.own_investment("本人实际投入了120万") == 1_200_000
    assert reading.own_investment("我们公司投了500万") is None
    assert reading.own_investment("我实际投进去的现金只有80万") == 800_000


def test_a_share_before_its_noun_is_read() -> None:
    """ "我只有25%的股份，但其他几个人都比我少" (dev29): the share said before 股份 is the lead's own."""
    assert reading.shares("我只有25%的股份，但其他几个人都比我少，我还是最大的") == (Decimal("25"), None)
    assert reading.shares("我持有40%的股权，投资方有45%的股份") == (Decimal("40"), Decimal("45"))
    assert reading.shares("文件说股权要30%的股份以上") == (None, None)  # the threshold quoted back


def test_a_share_said_of_another_holder_leaves_the_other_to_the_lead() -> None:
    """附件1 一（二） 第一大股东: "老板…占35%，但第一大股东是一家投资机构，占45%" — the lead holds 35%."""
    words = "我们老板是公司创始人，占35%，但第一大股东是一家投资机构，占45%"
    assert reading.shares(words) == (Decimal("35"), Decimal("45"))
    assert reading.shares("投资人占51%，技术带头人占30%") == (Decimal("30"), Decimal("51"))
    assert reading.shares("甲占51%，乙占30%") == (None, None)  # no holder said to be another: not guessed


def test_the_texts_threshold_quoted_back_is_not_a_holding() -> None:
    """附件1 一（二） 股权一般不低于30％: "只占了25%的股份…文件里说股权不低于30%" — the lead holds 25% (dev9);
    "投了300多万" is at least 300万."""
    words = (
        "我们老板是公司第一大股东，但只占了25%的股份，他自己投了300多万。文件里说股权不低于30%，还有希望吗"
    )
    assert reading.shares(words) == (Decimal("25"), None)
    assert reading.own_investment(words) == 3_000_000
    assert reading.shares("股权要求30%以上吗") == (None, None)
    # "听说县里文件写股权要30%" is the threshold too (dev24): the lead holds 28%
    said = "我是第一大股东，不过股份只有28%，我自己投了150万进去。听说县里文件写股权要30%，我差两个点"
    assert reading.shares(said) == (Decimal("28"), None)


# ---- category, rating, project type, percent -------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "category"),
    [
        ("第三类 重点推荐", 3),
        ("第3类", 3),
        ("三类人才", 3),
        ("那第二类呢", 2),
        ("贷款 第二类 300万", 2),  # a figure right after 类
        ("第3类人才", 3),
        ("正高职称 哪一类", None),
        ("第几类", None),
        ("也是这一类吗", None),
        ("这五类人才名单", None),
        ("第1至第5类", None),  # a range
        ("第15类", None),
        ("第6类", None),
    ],
)
def test_category(words: str, category: int | None) -> None:
    assert reading.category(words) == category


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("第2类的项目资助最高多少？我合伙人是第3类的，跟我差多少", [2, 3]),  # named apart, in order
        ("第四类和第二类", [4, 2]),
        ("我是三类，他也是第3类", [3]),  # each once; the bare 三类 as `category` reads it
        ("第1类至第3类都能申请吗", []),  # a range names no one category
        ("第1类到第5类", []),
        ("第几类，哪一类", []),
        ("这五类人才", []),
        ("那要是我能认成市级领军人才呢，比县级能多拿多少？", [4, 5]),  # 二's names, a level compared (dev14)
        ("省级领军人才和国家级的差多少", [3, 2]),
        ("省级技能大师工作室", []),  # a level of something else
        # dev29: 二's names without 人才; 那 before 二 to 五 starts the sentence; 分五类 counts the categories
        ("市级领军和省级领军两档人才，总的奖励资助上限差了多少", [4, 3]),
        ("省级领军型创业创新团队和第3类", [3]),  # a team, not 第3类's name
        ("永嘉的人才是不是分五类？那二类和三类人才，县里各自最多给多少？", [2, 3]),
        ("那一类的上限呢", []),  # that category, not 第1类
    ],
)
def test_categories(words: str, named: list[int]) -> None:
    assert reading.categories(words) == named


def test_rating_type_and_percent() -> None:
    assert reading.rating("第三类 重点推荐") == "重点推荐"
    assert reading.project_type("创业 第二期") == "创业" and reading.project_type("创業類") == "创业"
    assert reading.project_type("创业创新团队") is None  # names both
    assert reading.percent("贷款 200万 第三类 4.35%") == Decimal("4.35")
    assert reading.percent("利率４．３５％") == Decimal("4.35")
    assert reading.percent("利率百分之四点三五") == Decimal("4.35")
    assert reading.percent("没有利率") is None


def test_nothing_in_empty_words() -> None:
    assert read("") == reading.Reading(text="")
    assert read("   ") == reading.Reading(text="")


# ---- the rule registry reads roled amounts ---------------------------------------------------------


def test_the_registry_fills_each_input_from_the_amount_of_its_role() -> None:
    words = "创新类项目资助150万，第一期已经拿了75万，产品卖了160万，拨付第二期要什么条件"
    result = registry.compute_from_words("附件1 三（一）", "永嘉县", words)
    assert result is not None and result.rule == "next_tranche"
    # 150万 is the total (not 75万 received, not 160万 sales); the words' other figures are read too:
    # 创新类 with 第一期 paid is 三（二）2's 第2期 50% = 75万元, and 销售额160万元 meets 150万元
    assert result.values["project_type"] == "创新" and result.values["tranche"] == 2
    assert result.values["amount"] == 750_000 and "累计150万元" in result.answer
    assert "相关产品销售额160万元，达到150万元的要求已满足。" in result.answer


def test_the_registry_reads_the_rule_s_other_stated_figures() -> None:
    """台州 六、25.: 净资产增值额2000万 × 15% = 300万元; "我在这干了两年半" is under 连续工作三年以上 (dev10)."""
    words = "我们公司近三年税后利润累计形成的净资产增值额是2000万，最多能拿多少出来奖励？我在这干了两年半，能拿吗？"
    result = registry.compute_from_words("六、25.", "台州市", words)
    assert result is not None and result.values["registry_rule"] == "equity_award"
    assert "最高300万元" in result.answer and "不足3年" in result.answer


def test_the_task_credit_asked_in_other_words_is_the_recruitment_rule() -> None:
    """台州 七、29.: "能顶一个什么级别的项目" (after a 招商任务 question, dev23) asks the task credit: 自主申报的
    省千人 counts as 重大项目. A question about another clause with the same words computes nothing."""
    words = "那我们引进一个自主申报的省千人计划专家，能顶一个什么级别的项目？"
    result = registry.compute_from_words("七、29.", "台州市", words)
    assert result is not None and result.values["registry_rule"] == "recruitment_task"
    assert "视同完成重大项目招商引资任务" in result.answer
    assert registry.compute_from_words("六、25.", "台州市", words) is None


def test_homes_a_developer_must_set_aside_asked_in_other_words() -> None:
    """台州 五、21.: "规划2000套房，听说要配人才房，按比例最少要配多少套" — 2000 × 5% = 100套 (dev24)."""
    words = "我们是开发商，在台州新拿了块地，规划2000套房，听说要配人才房，按比例最少要配多少套？"
    result = registry.compute_from_words("五、21.", "台州市", words)
    assert result is not None and result.values["registry_rule"] == "talent_housing_homes"
    assert "2000 × 5% = 100套" in result.answer


def test_an_amount_of_another_input_does_not_fill_the_asked_one() -> None:
    # 销售额 is the tranche rule's sales figure, not its approved total
    assert registry.compute_from_words("附件1 三（二）", "永嘉县", "销售额现在50万，能拿第二期吗？") is None
    # 税收 is the loan rule's tax figure, not the loan
    assert registry.compute_from_words("三（三）", "永嘉县", "税收做到600万了，追加的那一年贴息多少") is None


def test_the_registry_reads_what_the_old_one_amount_path_missed() -> None:
    result = registry.compute_from_words("三、9.", "台州市", "全职引进一个人，中介费240,000元，能补助多少")
    assert result is not None and "12万元" in result.answer


# ---- loan rates: 三（三） pays the benchmark rate, or the actual one where it is lower ------------------
@pytest.mark.parametrize(
    ("words", "benchmark", "actual"),
    [
        ("现在又有一笔1200万的贷款，实际利率3.9%，基准是4.35%", "4.35", "3.9"),
        ("基准利率4.35%，我们实际执行的是5%", "4.35", "5"),
        ("贷款500万 利率4.35%", "4.35", None),  # a lone rate is the benchmark, as the form asks it
        ("利率百分之四点三五", "4.35", None),
        ("利率4.35%和3.9%", None, None),  # two rates with no cue: not guessed
        ("贷款500万", None, None),
        # one uncued rate beside a named benchmark is the loan's own (dev46)
        ("银行给我们的贷款利率是4%，比基准4.35%还低。两年的贴息是按4.35%还是按4%算？", "4.35", "4"),
        ("贷款300万，银行给的利率是6%，基准是4.35%。", "4.35", "6"),
        # the % dropped after 利率 ("急准利率4.75", its typo read as 基准 by policy_kb.typos)
        ("借了两百万，基准利率4.75，一年能贴多少", "4.75", None),
        ("贷了4年，利率表上写的", None, None),  # a count of years is not a rate
    ],
)
def test_rates_are_read_by_their_cue(words: str, benchmark: str | None, actual: str | None) -> None:
    assert reading.rates(words) == reading.Rates(benchmark, actual)


@pytest.mark.parametrize(
    ("words", "actual", "below"),
    [
        ("贷了500万，但银行给的利率是6%，比基准高", "6", False),  # the loan's own rate, above
        ("银行给我们的利率只有3.8%，比基准还低", "3.8", True),
        ("银行利率3.8%，低于基准利率", "3.8", True),
        # the same rate said again is not a second, uncued rate (dev53)
        ("利率是6%，比基准高，县里是按6%给我全贴吗", "6", False),
    ],
)
def test_a_rate_set_against_the_benchmark_is_the_loans_own(words: str, actual: str, below: bool) -> None:
    assert reading.rates(words) == reading.Rates(None, actual, below)


def test_the_extra_year_granted_is_the_extra_year_asked() -> None:
    # "已经拿到第二轮择优贴息的资格了" (dev53): the 择优 year itself, not the two years
    assert reading.loans("我们已经拿到第二轮择优贴息的资格了，贷款1000万") == reading.Loans(
        10000000, None, True
    )


@pytest.mark.parametrize(
    ("words", "ratings"),
    [
        ("第2类项目 特别/重点/一般推荐 三档各多少钱", ["特别推荐", "重点推荐", "一般推荐"]),
        ("特别、重点推荐分别多少", ["特别推荐", "重点推荐"]),
        ("第3类 三档各多少", ["特别推荐", "重点推荐", "一般推荐"]),  # none named: the three paid
        ("各档多少钱", ["特别推荐", "重点推荐", "一般推荐"]),
        ("第三档是多少", []),  # one tier by its number is not every tier
        ("重点推推荐，资主有多少钱", ["重点推荐"]),  # a key pressed twice
        # each at its first mention, a later list notwithstanding (dev10)
        ("给的是一般推荐。只说了重点推荐和特别推荐，一般推荐给多少", ["一般推荐", "重点推荐", "特别推荐"]),
    ],
)
def test_ratings_named_in_lists_and_all_tiers(words: str, ratings: list[str]) -> None:
    assert reading.ratings_named(words) == ratings


@pytest.mark.parametrize(
    ("words", "loan", "later", "extra_only"),
    [
        ("第5类 创业项目 已入选市十条 贷150万 基准4.35% 两年贴息多少", 1_500_000, None, False),
        # a later loan for the extra year (又/续贷), the 500万 between them is the tax
        ("公司贷了500万…后面三年内我们交税过了500万，又贷了1000万一年期", 5_000_000, 10_000_000, False),
        (
            "第一年就贷了800万，两年期。后来三年内交税累计超过了500万，又续贷了800万一年期",
            8_000_000,
            8_000_000,
            False,
        ),
        # two banks' loans of one amount are summed (the subsidy is on the loans together, up to the cap)
        ("分别在两家银行各贷了200万，基准都是4.35%", 4_000_000, None, False),
        # the two years already had: only the extra year is asked
        ("前两年的贴息已经拿完了。三年内税收累计600万，今年又向工行贷了1500万", None, 15_000_000, True),
        ("实缴100万，卖了160万", None, None, False),
        # the extra year named as such: that year is asked, whatever the category (dev61)
        (
            "额外那一年的贴息，我们税收已经达标了，贷款800万，利率5.5%，基准4.35%，能补多少",
            8_000_000,
            None,
            True,
        ),
    ],
)
def test_loans_are_read_with_their_part(
    words: str, loan: int | None, later: int | None, extra_only: bool
) -> None:
    assert reading.loans(words) == reading.Loans(loan, later, extra_only)


# ---- head counts per plan: 三（八） and 三（十） pay each selection on its own plan's figure ------------------
@pytest.mark.parametrize(
    ("words", "counts"),
    [
        ("有1个人入选国家千人计划，2个人入选温州580计划", {"国家千人计划": 1, "580计划": 2}),
        ("其中1个入选国家千人计划、1个入选温州580，另一个落选了", {"国家千人计划": 1, "580计划": 1}),
        ("两位入选浙江省“千人计划”", {"省千人计划": 2}),
        ("有3个人年薪580万", {}),  # 580万 is pay, not the plan
        ("我是国家千人计划", {}),  # no count next to the plan
        # the plan named without 计划: 国家千人, 浙江省千人
        ("有2个人入选国家千人、1个入选浙江省千人", {"国家千人计划": 2, "省千人计划": 1}),
        # up to twelve characters between, inside one clause (dev38)
        (
            "有一位同事在永嘉这边申报进了国家千人计划，另一位进了温州580计划",
            {"国家千人计划": 1, "580计划": 1},
        ),
        ("引荐了3个人来永嘉，都报了国家千人", {}),  # a comma between: not the count of that plan
        # what two applied for is not what they were selected for (dev19)
        ("两个都走完了千人计划或者580的申报评审，其中一个最后进了温州580", {"580计划": 1}),
        # (dev56) a count of those who only applied is not a count selected, nor the whole a later count is of
        ("3位都走完了温州580计划的申报和评审，最后只有1位入选了580。", {"580计划": 1}),
        ("那4个里有2个入选了省千人。我总共能拿多少？", {"省千人计划": 2}),
        # (dev57) the plans named in full first, then who was selected by the plan's level alone
        (
            "两个报的国家千人、一个报的省千人；最后国家的那两个里有一个入选了，报省里的那个也入选了",
            {"国家千人计划": 1, "省千人计划": 1},
        ),
        ("省千人的那个也选上了", {"省千人计划": 1}),
        ("国家的那两个里有三个入选了", {}),  # more selected than there were: not read
        ("我是国家的那个人才", {}),  # no selection said
    ],
)
def test_plan_counts_are_read_next_to_their_plan(words: str, counts: dict[str, int]) -> None:
    assert reading.plan_counts(words) == counts


def test_a_head_count_of_titled_workers_is_read() -> None:
    """三（五） pays 3000元 per 高级技师: "有4个高级技师新取得…" counts four."""
    assert reading.people("车间有4个高级技师今年新取得一级证书") == 4


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("我们单位是市级重点创新团队带头人牵头的项目", None),  # 创新 inside a title
        ("创新型企业的项目", None),
        ("他现在自己开公司创业", "创业"),
        ("创新类项目评了一般推荐", "创新"),
        ("省领军型创业创新团队", None),
    ],
)
def test_a_project_type_is_read_only_where_it_is_the_projects(words: str, kind: str | None) -> None:
    assert reading.project_type(words) == kind


def test_a_referrer_s_count_and_tranches_paid_in_other_words() -> None:
    """三（十） pays 2万元 per talent referred: "我引荐了3个" counts three. 附件1 三（一）: "已经拨付了两期" is two
    paid, and "还剩多少没拿" asks what is left — it does not say nothing was paid."""
    from policy_kb import reading

    said = reading.read("我引荐了3个，都完成了申报评审，其中一个入选了浙江省千人计划，我总共能拿多少？")
    assert said.people == 3 and said.selected == 1
    paid = reading.read("創業類項目已經撥付了兩期，資助總額是162萬，還剩多少沒拿？")
    assert paid.tranches_received == 2
    assert reading.read("第一期还没拿到").tranches_received == 0


def test_several_tranches_asked_about_are_all_read() -> None:
    """ "第二期…？最后那30%又要啥条件？" asks about 第2期 and the last; "最后那个问题" names no tranche."""
    assert reading.tranches("第二期30%什么条件下能申请？最后那30%又要啥条件？") == reading.Tranches(
        2, None, ("last",)
    )
    assert reading.tranches("第一期和第二期分别要什么材料").also == (2,)
    assert reading.tranches("最后那个问题") == reading.Tranches()


def test_a_count_of_tranches_asked_each_is_no_tranche_asked() -> None:
    """ "创业项目 360万 三期 各多少" asks for every tranche, not the third."""
    assert reading.tranches("创业项目 360万 三期 各多少") == reading.Tranches()
    assert reading.tranches("两期分别是多少").asked is None
    assert reading.tranches("第三期多少").asked == 3


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("我是国家千人计划专家，当年是通过杭州的单位申报入选的。", False),
        ("我在上海的公司申报入选了国家千人", False),
        ("去年以我们永嘉企业的名义申报入选了温州市580计划", True),
        ("我是2014年通过永嘉的企业申报入选省千人的", True),
        ("以永嘉地申报入选国家千人计划的创业人才", True),
        ("我们公司的创业人才是以永嘉为申报地入选国家千人计划的", True),  # 申报地 (dev9)
        ("他的申报地是永嘉", True),
        ("申报地在杭州，入选了省千人", False),
        ("我是2015年用永嘉的名义入选温州580计划的", True),  # in its name (dev14)
        ("当时是用杭州公司的名义入选的省千人", False),
        ("我是国家千人，在永嘉创业", None),  # nothing said of where the selection was applied for
        ("通过单位申报入选的", None),  # a unit, no place
    ],
)
def test_where_a_plan_selection_was_applied_for(words: str, said: bool | None) -> None:
    """附件1 二（二）: 以永嘉地申报入选 … 的创业人才 — only they are priced at the plan's 特别推荐 standard."""
    from policy_kb.reading import selected_in_yongjia

    assert selected_in_yongjia(words) is said


@pytest.mark.parametrize(
    ("words", "types"),
    [
        ("创业项目和创新项目的第一笔钱分别是多少", ("创业", "创新")),
        ("创新类和创业类一样吗", ("创业", "创新")),  # asks about both
        ("创新类项目是不是也跟创业类一样，第一期先拨40%？", ("创新",)),  # likened to 创业, asks about 创新
        ("创业创新团队", ()),  # the stock phrase names no project type
        ("创业人才 第一期多少", ("创业",)),
        # a project described, not named (附件1 一（一）: 与用人单位签订…劳动合同; 一（二）: 企业的主要创办人), dev55
        ("项目是在我们公司里搞研发的那种，不是他自己开公司。", ("创新",)),
        ("是他自己开的公司", ()),  # founding a firm is not read as 创业: such askers are answered with both
        ("在公司里搞研发的那种，第一期多少", ("创新",)),
    ],
)
def test_the_project_types_the_words_ask_about(words: str, types: tuple[str, ...]) -> None:
    from policy_kb.reading import project_types

    assert project_types(words) == types


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("比县级能多拿多少", True),  # dev14
        ("第3类比第4类少给多少", True),
        ("跟我差多少", True),
        ("最多拿多少", False),  # a cap, not a difference
        ("最多多少", False),
        ("能拿多少", False),
    ],
)
def test_a_difference_is_asked(words: str, asked: bool) -> None:
    from policy_kb.text import GAP_ASKED

    assert bool(GAP_ASKED.search(words)) is asked


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("我跟朋友合伙在永嘉开了个厂，我占25%是二股东，他是大股东", False),  # dev11
        ("我只是小股东", False),
        ("我不是第一大股东", False),
        ("我是大股东吗", None),  # asked, not said
        ("我占40%", None),
    ],
)
def test_whether_the_talent_is_said_not_to_be_the_largest_holder(words: str, said: bool | None) -> None:
    """附件1 一（二）: 项目领衔人应为企业的主要创办人，且为第一大股东."""
    assert reading.largest_holder(words) is said


@pytest.mark.parametrize(
    ("words", "years"),
    [
        ("我在这干了两年半", Decimal("2.5")),
        ("我才进公司两年，今年能拿吗？", 2),  # dev15
        ("入职三年了", 3),
        ("去年才跳槽到这家国企", 1),
        ("来永嘉两年", None),  # in the county, not in the firm
        ("我才干了两年，现在能拿吗？", 2),  # the speaker's own years (dev16)
    ],
)
def test_years_worked_in_the_firm(words: str, years: Decimal | int | None) -> None:
    """台州 六、25.'s 连续工作三年以上 is checked against the years in the firm, however they are said."""
    assert reading.years_worked(words) == years


@pytest.mark.parametrize(
    ("words", "year"),
    [
        ("我是2014年通过永嘉的企业申报入选省千人的", 2014),  # dev4
        ("14年入选的也适用吗", 2014),
        ("入选是在2014年", 2014),
        ("我是2015年入选的，也能享受吗", 2015),
        ("2016年成立的公司", None),  # a founding year, not a selection
        ("工作10年后入选省千人", None),  # a span of years
    ],
)
def test_the_year_of_a_plan_selection(words: str, year: int | None) -> None:
    """附件1 二（二） includes 含2015年度入选人员: the year a selection was made is read where the words give it."""
    assert reading.selection_year(words) == year


def test_wan_typed_by_its_sound_after_a_figure_is_wan() -> None:
    """ "我批的是100玩" (dev8): 万 typed as 玩 right after a figure is the unit; 2晚上 is not money."""
    assert reading.amounts("创业项目第二期，我批的是100玩。") == (Amount(yuan=1_000_000, role=None),)
    assert reading.plain("住了2晚上") == "住了2晚上"


@pytest.mark.parametrize(
    ("words", "months"),
    [
        ("我们老板一年大概只能在这边待半年。", 6),  # dev18
        ("不过我每年还得回国外的实验室待四五个月，这样有影响吗？", 8),  # away 4–5: at most 8 in 永嘉 (dev18)
        ("一年最多过来8个月", 8),
        ("每年有两个月要回杭州", 10),
        ("学校这边走不开，一年顶多能过去待四五个月，剩下的时间都得在上海", 5),  # a range: at most 5 (dev20)
        ("每年有两三个月要回杭州", 10),  # away 2–3: at most 10 in 永嘉
    ],
)
def test_months_a_year_in_yongjia(words: str, months: int) -> None:
    """附件1 一（一）: 承诺每年在永嘉工作时间不少于9个月 is checked against the months the words give."""
    assert reading.months_per_year(words) == months


def test_the_share_of_a_holder_named_just_before_it_is_theirs() -> None:
    """附件1 一（二） 第一大股东: "博士合伙人牵头…他占股35%…但另外一个投资人占了40%，是最大的股东" is the lead's 35%
    against another's 40% — the lead is also called 合伙人, further back (dev18)."""
    words = (
        "我们公司是几个合伙人一起在永嘉办的，打算让博士合伙人牵头报创业类项目。他占股35%，也是创始人之一，"
        "但另外一个投资人占了40%，是最大的股东。这种情况下用博士的名义能报吗？"
    )
    assert reading.shares(words) == (Decimal("35"), Decimal("40"))


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("平时不拿工资，年底只按股份分红，去年分了50万", "股份分红"),  # all he gets (dev23)
        ("分红算不算他的报酬", "分红"),
        ("期权收益能不能计入报酬", "期权收益"),
        ("年薪50万，企业能拿多少奖励", None),  # pay for work
        ("年薪40万，另外年底有分红", None),  # a wage stated, the dividend not asked about
    ],
)
def test_income_that_is_not_pay_for_work(words: str, kind: str | None) -> None:
    """附件2 第七条 counts 年计税劳动报酬; 分红 asked about (or all the talent gets) is read as such."""
    assert reading.pay_kind(words) == kind


@pytest.mark.parametrize(
    ("words", "years"),
    [
        ("每年税前报酬18万，合约签了3年，3年下来公司总共能拿到多少引才奖励", 3),  # dev24
        ("三年加起来一共多少", 3),
        ("合约签了3年，今年能拿多少", None),  # one year's figure asked
        ("已经拿了3年", None),
    ],
)
def test_years_a_total_is_asked_over(words: str, years: int | None) -> None:
    assert reading.years_summed(words) == years


@pytest.mark.parametrize(
    "words",
    ["项目偏房地产和物业服务这一块", "我们一块儿去参加活动", "每人一块奖牌", "给了5块"],
)
def test_a_piece_is_not_money(words: str) -> None:
    """块 after one digit is a piece or a line of business, not 元: "项目偏房地产…这一块" once priced a
    project at 1元 and split it into 0元 tranches (dev27). 3000块 stays money."""
    assert reading.amounts(words) == ()
    assert reading.amounts("给了3000块")[0].yuan == 3000


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("另外我们还跟着市人社局统一组织的团去了趟欧洲招人", "organised"),
        ("我们还去欧洲参加了市里组织的招才活动", "organised"),
        ("我们自己去美国招聘了一次", "own"),
        ("公司出国招人了", "unsaid"),
        ("他是从美国回来的", None),
    ],
)
def test_a_trip_abroad_to_recruit(words: str, said: str | None) -> None:
    """三（八）: 参加市级及以上组织人事部门统一组织的赴国外招才引智活动 — who organised the trip decides it."""
    assert reading.overseas_trip(words) == said


def test_money_asked_first_is_the_first_tranche() -> None:
    """附件1 三（二）1: "什么时候能先拿到一部分钱" asks the first tranche (dev27)."""
    assert reading.tranches("老板问我什么时候能先拿到一部分钱、要交哪些证明？").asked == 1


def test_amounts_one_person_each_share_the_first_s_role() -> None:
    """ "中介费一个20万一个30万": both are fees (dev34); "项目批了300万，100万已经到了" keeps its second sum apart."""
    assert [a.role for a in reading.amounts("中介费一个20万一个30万，能补多少？")] == ["fee", "fee"]
    assert [a.role for a in reading.amounts("年薪一个40万，另一个30万")] == ["salary", "salary"]
    assert reading.amounts("项目批了300万，100万已经到了")[1].role is None


def test_what_a_firm_pays_a_year_is_a_salary() -> None:
    """三（四）: "我们这位一年给他120万，能拿多少" after 海外工程师 — 120万 is his pay (dev34)."""
    assert reading.amounts("我们这位一年给他120万，能拿多少")[0].role == "salary"


def test_a_talent_said_not_selected_is_none_selected() -> None:
    """三（十）: "评审都走完了但最后没选上" (dev38) — none selected, so no award after selection; a selection said
    beside a failure is left to the counts."""
    assert reading.selected("他报了浙江省千人计划，评审都走完了但最后没选上，我个人能拿到点什么吗？") == 0
    assert reading.selected("一个入选了国家千人，另一个没选上") is None
    assert reading.selected("引荐了两个，其中1个入选了580") == 1
    # ("推荐了三位海外人才…不过最后只有一位入选580", dev38)
    assert reading.selected("推荐了三位海外人才，都走完了申报和评审，不过最后只有一位入选580") == 1


def test_the_later_half_of_an_innovation_project_is_its_second_tranche() -> None:
    """附件1 三（二）: 创新类 is paid 50% + 50%, so "后面那一半的钱" is the second tranche (dev36); a 创业 project's
    40/30/30 has no half to name."""
    assert reading.tranches("創新類項目後面那一半的錢，要做到什麼程度才能拿到？").asked == 2
    assert reading.tranches("创业类项目后面那一半的钱什么时候给").asked is None


def test_money_put_into_the_project_and_a_share_typed_by_its_sound() -> None:
    """附件1 二（二）、一（二）: "单位准备在这个项目上投50万" is the project's investment (the 创新 cap); "站股25%" is
    占股 typed by its sound (dev42)."""
    assert (
        reading.amounts("我们报的是创新类，单位准备在这个项目上投50万，那最后能拿多少？")[0].role
        == "investment"
    )
    assert reading.shares("我在永嘉的公司里站股25%，不过是第一大股东")[0] == 25


def test_a_company_age_said_after_already_full() -> None:
    """附件1 一（二）: 企业成立3周年以内 — "我们公司注册已经满4年了" is 4 years (dev44)."""
    assert reading.company_age("我们公司注册已经满4年了，还能报吗") == 4
    assert reading.company_age("注册资本3000万，成立2年") == 2


@pytest.mark.parametrize(
    ("words", "fixed"),
    [
        ("市里确定的资助金额是150万。", 1_500_000),
        ("市里给我定了150万，永嘉会不会按第3类270万的最高标准再调一下？", 1_500_000),
        ("项目批了300万", None),  # an approved total, not the city's
        ("温州市里评过的人才科技项目，永嘉县里还要重新评一遍吗？", None),
        ("温州市里给了我们团队500万，县里配套多少", None),  # a team's money, 三（二）'s 配套
    ],
)
def test_the_city_s_fixed_amount_is_read(words: str, fixed: int | None) -> None:
    """附件1 二（二）: a project in the city's 人才新政十条 is funded at the amount the city fixed."""
    assert reading.city_amount(words) == fixed


def test_a_kind_of_is_not_a_category() -> None:
    """ "人才联谊会一类的组织" is "a kind of organisation" (dev48), not 第1类; "我是三类的" and "第一类的组织" are."""
    assert reading.categories("县里有没有人才联谊会一类的组织？") == []
    assert reading.categories("我是三类的，能拿多少") == [3]
    assert reading.category("第一类的组织") == 1


@pytest.mark.parametrize(
    ("words", "hoped"),
    [
        ("能不能往上算一档、变成第4类？", 4),
        # applying as a category is hoping to hold it (dev55: a 在读博士)
        ("县里那个博士人才的政策，我现在就能按第5类申请吗？", 5),
        ("我是第5类，能申请吗", None),  # held, not hoped
    ],
)
def test_a_category_hoped_for(words: str, hoped: int | None) -> None:
    from policy_kb.reading import hoped_category

    assert hoped_category(words) == hoped


@pytest.mark.parametrize(
    ("words", "role", "labour", "years", "contract"),
    [
        # 附件1 一（一）: 项目领衔人应为项目主要负责人或关键技术持有者 — either is enough (dev56)
        (
            "项目的总负责人是我们老板，专利和核心技术在引进的博士手里，博士不是项目负责人",
            True,
            None,
            None,
            None,
        ),
        ("我在项目组里只是一般研发成员，既不是负责人，核心技术也不在我手上", False, None, None, None),
        ("他不负责这个项目、也不掌握核心技术，就是挂个名", False, None, None, None),
        ("我也是项目的关键技术人", True, None, None, None),
        # 与用人单位签订…正式劳动合同: a 顾问 agreement is not one, and its years are not the contract's
        ("签的不是劳动合同，是一份5年的技术顾问服务协议", None, False, None, None),
        ("我全职在永嘉已经3年零2个月了", None, None, Decimal(38) / 12, None),
        ("我是三年前的今天全职到永嘉上班的，到今天正好满3年", None, None, 3, None),
        ("我们跟引进的技术总监签的是4年的正式劳动合同", None, None, None, 4),
    ],
)
def test_the_innovation_leads_role_contract_and_years(
    words: str, role: bool | None, labour: bool | None, years: Decimal | int | None, contract: int | None
) -> None:
    figures = read(words)
    assert (figures.lead_role, figures.labour_contract) == (role, labour)
    assert (figures.years_full_time, figures.contract_years) == (years, contract)


def test_the_leads_role_is_cited_from_its_sentence() -> None:
    """附件1 一（一）: a lead whose role the words settle is checked against the clause's own sentence."""
    from policy_kb import api

    result = api.project_eligibility("创新", lead_role=False, region="永嘉县")
    assert "项目领衔人应为项目主要负责人或关键技术持有者" in {c.quote for c in result.citations}


@pytest.mark.parametrize(
    ("words", "completed"),
    [
        # 三（十）'s fee is for each referred talent who 完成…申报、评审 (dev56)
        ("陆续介绍了5个海外人才来永嘉。其中4个完成了浙江省千人计划的申报评审，还有1个还在谈。", 4),
        ("3位都走完了温州580计划的申报和评审", 3),
        ("今年给永嘉引荐了3个海外博士", None),
    ],
)
def test_referred_talents_who_completed_the_application(words: str, completed: int | None) -> None:
    assert reading.referred_completed(words) == completed


@pytest.mark.parametrize(
    ("words", "months"),
    [
        ("协议只签半年", 6),
        ("服务期2年", 24),
        ("协议签了两年，第一年报酬20万", 24),  # 第一年 counts a year, it is not the term
        # a correction replaces the term said before it; 没到一年 compares, it is not a term (dev57)
        (
            "我们和专家签了柔性引进协议，约定服务期限两年。不对，我说错了，协议上写的是十个月，没到一年。这样还符合要求吗？",
            10,
        ),
    ],
)
def test_an_agreements_term(words: str, months: int) -> None:
    assert reading.agreement_months(words) == months


@pytest.mark.parametrize(
    ("words", "asked"),
    [
        ("项目内容是传统泵阀的工艺改进，这种方向有没有要求？县里优先支持哪种？", True),  # dev59
        ("创新类项目支持什么方向", True),
        ("领衔人合同签了5年，能报创新类项目吗", None),
    ],
)
def test_a_question_about_the_kind_of_project_is_read(words: str, asked: bool | None) -> None:
    """附件1 一: 要求以培育战略性新兴产业…为目标，优先支持… — asked when the words ask what kind of project is wanted."""
    assert reading.aim_asked(words) is asked


@pytest.mark.parametrize(
    ("words", "informal"),
    [
        ("公司资金紧张，我从亲戚那借了100万，年息8%", True),  # dev61
        ("找朋友拆借了50万周转", True),
        ("在农商银行贷了300万，利率4.35%", False),
    ],
)
def test_money_borrowed_from_people_is_not_a_bank_loan(words: str, informal: bool) -> None:
    """三（三）: 获得正规金融机构贷款的 — money from relatives or friends is not such a loan."""
    assert reading.informal_loan(words) is informal


@pytest.mark.parametrize(
    ("words", "denied"),
    [
        ("创业项目只拿到县里的一般推荐，没有入选温州市人才新政十条", True),  # dev61
        ("市十条没评上", True),
        ("项目入选了市十条", False),
    ],
)
def test_a_project_said_not_selected_for_the_ten_is_read(words: str, denied: bool) -> None:
    """三（三）: 入选市“人才新政十条”科技项目…的 — a project said not to be selected gets no 贴息."""
    assert reading.ten_not_selected(words) is denied


@pytest.mark.parametrize(
    ("words", "late"),
    [
        # 三（三）'s extra year needs the tax 3年内: reached later, the condition is not met (dev64)
        ("永嘉的公司成立第4年税收才累计到500万，还能申请那个1000万贷款额的一年贴息吗", True),
        ("3年后税收才到500万", True),
        ("3年内税收600万", False),
        ("公司成立三年多了，税收600万", False),  # the firm's age, not when the tax was reached
    ],
)
def test_a_tax_reached_after_the_three_years_is_read(words: str, late: bool) -> None:
    assert reading.tax_late(words) is late


def test_firms_with_a_loan_each_are_counted_apart_from_one_firms_two_banks() -> None:
    assert reading.firms_each("两家公司各贷了400万，利率都是4.35%") == 2
    assert reading.firms_each("分别在两家银行各贷了200万") is None


@pytest.mark.parametrize(
    ("words", "hoped"),
    [
        ("国家级的奖应该算永嘉的第2类吧？", 2),  # the asker's guess (dev64)
        ("我能不能按第3类算，拿450万那一档？", 3),  # (dev63)
        ("我是第3类人才，第一期多少", None),  # said, not hoped
    ],
)
def test_a_category_guessed_or_hoped_for_is_read_as_such(words: str, hoped: int | None) -> None:
    assert reading.hoped_category(words) == hoped


@pytest.mark.parametrize(
    ("words", "informal", "not_own"),
    [
        # 三（三） 其企业获得正规金融机构贷款 (dev65)
        ("是从他哥哥开的贸易公司借了400万，年利息8%", True, False),
        ("集团用集团名义在银行贷了1000万，转借了500万给他的新公司用", False, True),
        ("这家新公司自己没去银行贷款", False, True),
        ("公司在农商行贷了400万", False, False),
    ],
)
def test_a_loan_not_from_a_bank_or_not_the_firms_own_is_read(
    words: str, informal: bool, not_own: bool
) -> None:
    assert reading.informal_loan(words) is informal and reading.loan_not_own(words) is not_own
