"""A follow-up that changes one figure or title replaces it in the question before (policy_kb.followups)."""

from __future__ import annotations

from policy_kb.followups import names_own_title, revise, set_aside


def test_a_new_pay_takes_the_old_ones_place() -> None:
    """三（四）: two engineers at 45万 and 80万, then "80万那个涨到100万" is 45万 and 100万, not four people."""
    r = revise("引进了两个海外工程师，年薪45万和80万，资助一共多少？", "那如果80万那个年薪涨到100万呢？")
    assert r is not None
    assert "45万和100万" in r.earlier and "80万" not in r.text
    assert "100万" not in r.followup  # the new figure is read once, where the old one was


def test_a_new_plan_takes_the_old_ones_place() -> None:
    """三（十）: one of three referred became 省千人; "如果入选的那个是国家千人计划呢" asks about 国家千人计划 only."""
    r = revise("引荐了3个都完成申报评审，一个入选省千人，一共多少？", "如果入选的那个是国家千人计划呢？")
    assert r is not None
    assert "国家千人计划" in r.earlier and "省千人" not in r.text


def test_nothing_is_replaced_that_the_follow_up_does_not_replace() -> None:
    # the old figure is not in the question before: nothing to put the new one in place of
    assert revise("批了300万，第二期多少", "那如果80万涨到100万呢") is None
    # no title in the follow-up, or a title the catalogue does not list: read both messages as before
    assert revise("批了300万，第二期多少", "那如果是创新类呢") is None
    assert revise("我是博士，算第几类？", "那副教授呢") is None
    # a long message is a question of its own
    long = "那如果是国家千人计划的专家来我们公司做兼职顾问一年付他四十万的话企业能拿多少奖励呢"
    assert revise("我是博士，算第几类？", long) is None


def test_a_title_read_from_words_apart_takes_the_old_ones_place() -> None:
    """二: 国家"万人计划"杰出人才 is 第1类, its 青年拔尖人才 第2类 — "那同样是万人计划，青年拔尖人才那一档呢" asks about
    the second title alone; read with the first it was 'several titles, the highest: 第1类' (dev9)."""
    r = revise("国家“万人计划”杰出人才在永嘉算哪一类？", "那同样是万人计划，青年拔尖人才那一档呢？")
    assert r is not None
    assert "青年拔尖人才" in r.earlier and "杰出人才" not in r.text


def test_a_rank_alone_takes_the_earlier_titles_rank() -> None:
    """二: 市"551人才工程"第一层次 is 第4类, 第二层次 第5类 — "那第二层次呢" asks about the second (it was answered
    第4类 again, dev9); a rank the catalogue does not list stays in the title, to be read as not listed."""
    r = revise("温州市551人才工程第一层次培养人员在永嘉算第几类？", "那第二层次呢？")
    assert r is not None
    assert "551人才工程第二层次培养人员" in r.earlier and "第一层次" not in r.text
    third = revise("温州市551人才工程第一层次培养人员在永嘉算第几类？", "那第三层次呢？")
    assert third is not None and "551人才工程第三层次" in third.earlier
    # no rank in the earlier title, or the same rank again: nothing to put in its place
    assert revise("省千人算第几类？", "那第二层次呢？") is None
    assert revise("551第一层次算第几类？", "那第一层次的奖励呢？") is None


def test_a_rating_alone_takes_the_earlier_rating_s_place() -> None:
    """附件1 二（二）: "那如果只评了重点推荐呢？" after 第5类 特别推荐 (100万元) asks 重点推荐 alone (40% = 40万元);
    read with both ratings it was answered as a comparison (相差60万元), which was not asked (dev10)."""
    got = revise(
        "我博士毕业，在永嘉应该算第5类吧，项目要是评上特别推荐能给多少？", "那如果只评了重点推荐呢？"
    )
    assert got is not None and "重点推荐" in got.text and "特别推荐" not in got.text
    # two ratings named in the follow-up compare them: nothing is replaced
    assert revise("第3类特别推荐多少", "那重点推荐和一般推荐差多少") is None
    assert revise("第5类特别推荐能给多少", "那重点推荐呢？两个差多少？") is None  # a difference asked (dev8)
    # the same rating again replaces nothing
    assert revise("第3类特别推荐多少", "那如果是特别推荐呢") is None


def test_a_tranche_alone_takes_the_earlier_tranche_s_place() -> None:
    """附件1 三（一）: "第二期呢？" after "创业项目批了270万，第一期能拿多少？" asks the second tranche of the same
    270万 (30% = 81万元); read with both tranches it was answered with the first again and no figure for
    the second (dev11)."""
    got = revise("永嘉创业项目批了270万，第一期能拿多少？", "第二期呢？")
    assert got is not None and "第二期" in got.earlier and "第一期" not in got.text and "270万" in got.earlier
    last = revise("创业项目批了270万，第一期能拿多少？", "那最后一笔呢")
    assert last is not None and "最后一笔" in last.earlier and "第一期" not in last.text
    # both tranches asked, or the same one again: nothing is replaced
    assert revise("创业项目批了270万，第一期能拿多少？", "第二期呢？两期一共多少？") is None
    assert revise("创业项目批了270万，第一期能拿多少？", "第一期呢？") is None
    # the earlier tranche was paid, not asked: the one named now is asked, nothing is swapped (dev15:
    # swapped, "第二笔已经到账了" read as two paid and the third answered)
    assert (
        revise(
            "我在永嘉的创业项目批了360万，第一期已经到账了。", "那第二笔要满足什么条件才能申请？能拿多少？"
        )
        is None
    )
    # a longer message is a question of its own
    assert (
        revise("创业项目第一期能拿多少？", "我们是创新类项目，批了150万，第二期要满足什么条件才能申请呢？")
        is None
    )


def test_a_project_type_alone_takes_the_earlier_type_s_place() -> None:
    """附件1 三（一）、（二）: "那如果是创新类呢？分几回给" after "创业项目的钱是分三期给的" asks the 创新 schedule
    (两期, 50% each); read with both types it was answered for both and the one asked not singled out (dev13)."""
    got = revise(
        "永嘉人才创业项目的钱是分三期给的，第一期40%，对吧？", "那如果是创新类呢？分几回给，每回多少比例？"
    )
    assert got is not None and "创新项目" in got.earlier and "创业" not in got.text
    # both types compared, or the same type again: nothing is replaced
    assert revise("创业项目批了270万，第一期多少", "那创新类呢？两个有啥区别") is None
    assert revise("创业项目批了270万，第一期多少", "那创业类呢") is None


def test_a_title_set_against_the_one_before_is_not_put_in_its_place() -> None:
    """附件1 二（一）: "那假如我只是省151重点资助培养的，上限跟刚才差多少？" after 国家杰青's project funding compares
    the two (600万 − 270万); swapped, the 杰青 was gone and no gap could be said (dev17)."""
    assert (
        revise(
            "我拿过国家杰青，打算去永嘉搞个项目，县里的项目资助最多能给到多少？",
            "那假如我只是省151重点资助培养的，上限跟刚才差多少？",
        )
        is None
    )


def test_a_follow_up_after_an_interjection_still_replaces() -> None:
    """二: "哦，那我是第二层次的" after 551第一层次 is the second level (dev18)."""
    got = revise(
        "温州551人才工程第一层次的，在永嘉属于哪类人才？", "哦，那我是第二层次的，算哪类，最多能拿多少？"
    )
    assert got is not None and "第二层次" in got.earlier and "第一层次" not in got.text


def test_a_short_question_naming_its_own_title_is_not_read_with_the_earlier_titles() -> None:
    """二: "我是省千人，在永嘉算第几类" after 国家杰青's 奖励资助 asks about 省千人 alone; read together, the two
    titles were one talent's and 第2类 was answered for "several honours" (stop 29's wrong answer)."""
    two_titles = "国家杰青和省千人计划两个人，按县里的奖励资助，两个人最高加起来能拿多少"
    assert names_own_title("国家杰青按县里奖励资助能拿多少", "我是省千人，在永嘉算第几类")
    assert names_own_title(two_titles, "我是副研究员，在永嘉算第几类")  # a title the catalogue does not list
    # a title added to the talent's own, set against the earlier one, or the same title again: read together
    assert not names_own_title("国家杰青按县里奖励资助能拿多少", "我还是省千人，算第几类")
    assert not names_own_title("省特级专家的项目资助最多多少？", "国家万人计划领军人才比省特级专家多多少？")
    assert not names_own_title("国家杰青按县里奖励资助能拿多少", "国家杰青住房补贴多少")
    # nothing earlier to be confused with: no title before it
    assert not names_own_title("创业项目分几期拨付？", "我是省千人，算第几类")


def test_a_figure_said_to_be_a_mistake_is_replaced() -> None:
    """ "不好意思我看错了，合同上写的是正好50万，那算哪档？" after "年薪45万给多少" (dev31): 50万 in place of 45万 — the
    band is 50万元（含）－70万元, not the 45万's."""
    from policy_kb.followups import corrects, revise

    earlier, later = (
        "海外工程师那个资助是按年薪分档的吧，年薪45万给多少",
        "不好意思我看错了，合同上写的是正好50万，那算哪档？",
    )
    assert corrects(later)
    revised = revise(earlier, later)
    assert revised is not None and "年薪50万" in revised.earlier and "45万" not in revised.text
    assert revise("两个人年薪45万和60万", "我看错了，是50万") is None  # which one is not guessed
    assert not corrects("那50万呢")


def test_two_plans_set_against_each_other_are_both_kept() -> None:
    """ "那要是选上的是国家千人，单位能多拿多少？" after 省千人's reward: both plans stay, to be compared (dev30);
    "那国家千人呢" still puts the new plan in the old one's place."""
    from policy_kb.followups import revise

    assert (
        revise(
            "我们员工从永嘉报的浙江省千人计划选上了，单位有奖吗？", "那要是选上的是国家千人，单位能多拿多少？"
        )
        is None
    )
    revised = revise("我是省千人，能拿多少", "那国家千人呢")
    assert revised is not None and "国家千人" in revised.earlier


def test_a_matter_put_aside_is_not_read_as_asked() -> None:
    """ "房子的事先放一放，看病这块有没有什么照顾？" asks about health care (台州 五、21., dev33); "海外工程师那块先这样。回到
    一开始那个项目…" about the project (dev37): the part that puts a matter aside is dropped, nothing else."""
    assert set_aside("房子的事先放一放，看病这块有没有什么照顾？") == "看病这块有没有什么照顾？"
    assert (
        set_aside("海外工程师那块先这样。回到一开始那个项目，县里配多少？")
        == "回到一开始那个项目，县里配多少？"
    )
    assert set_aside("带头人个人那块的政策我后面再问。团队本身县里配不配套？") == "团队本身县里配不配套？"
    # nothing put aside, or nothing left: the words as they are
    assert set_aside("这样吧，我先问第一期") == "这样吧，我先问第一期"
    assert set_aside("先这样吧") == "先这样吧"


def test_a_longer_follow_up_opening_with_the_other_project_type_asks_of_that_type() -> None:
    """ "那如果是创新类呢？我们批了72万，公司得先投多少进去，第一笔给多少？" after "创业类的项目补助是分三期给的对吧？" (dev36):
    the project is 创新 (第一期 50% = 36万元); read with both types, 创业's 28.8万元 was a confident wrong answer."""
    r = revise(
        "创业类的项目补助是分三期给的对吧？",
        "那如果是创新类呢？我们批了72万，公司得先投多少进去，第一笔给多少？",
    )
    assert r is not None and "创新" in r.text and "创业" not in r.text and "72万" in r.text
    # both types set side by side are both asked
    assert (
        revise(
            "创业类的项目补助是分三期给的对吧？",
            "那创新类呢？两个有什么区别，我们批了72万，公司得先投多少进去",
        )
        is None
    )


def test_later_tranches_asked_after_the_first_replace_it() -> None:
    """附件1 三（一）: "第二期多少？最后一期呢？" after "永嘉创业项目批了300万，第一期多少？" asks the second and the last of
    the same 300万 — not the first again (dev42)."""
    revised = revise("永嘉创业项目批了300万，第一期多少？", "第二期多少？最后一期呢？")
    assert revised is not None
    assert "第二期多少" in revised.earlier and "第一期" not in revised.earlier
    assert "最后一期" in revised.followup


def test_a_level_said_alone_takes_the_earlier_levels_place() -> None:
    """二: 市“551人才工程”第一层次 is 第4类, 第二层次 第5类 — "那第二层次的呢？" after "温州551第一层次在永嘉是第4类" is
    the same title at the second level (dev43); the level alone matches no title."""
    revised = revise(
        "温州551第一层次在永嘉是第4类，这个我知道了。", "那第二层次的呢？我们还有两个人是第二层次。"
    )
    assert revised is not None and "551第二层次" in revised.earlier
    assert revise("温州551第一层次在永嘉是第几类", "那第一层次呢？") is None


def test_a_title_corrected_with_a_question_after_takes_the_old_ones_place() -> None:
    """ "不对不对，我说错了，是浙江省的千人计划，不是国家的。那我在县里算第几类？" after "我是国家千人" (dev60): longer than
    a bare follow-up, but it says the title before was a mistake — 省千人 (第3类) takes 国家千人's place, with the 的
    inside the title read through."""
    revised = revise(
        "你好，我是国家千人，想了解下永嘉县的人才政策。",
        "不对不对，我说错了，是浙江省的千人计划，不是国家的。那我在县里算第几类？",
    )
    assert revised is not None and "浙江省千人计划" in revised.earlier and "国家千人" not in revised.earlier
    # a long message that corrects nothing is a question of its own
    assert (
        revise("我是国家千人", "另外我还想问一下，浙江省的千人计划在永嘉县里一般算第几类人才呢？谢谢") is None
    )


def test_a_term_said_again_takes_the_old_terms_place() -> None:
    """附件1 一（一）: 签订5年及以上正式劳动合同 — "那要是把合同改签成5年呢？" after "劳动合同签了3年…他能当创新类项目的
    领衔人吗" (dev59) asks the same check with 5年; "那要是待10个月呢" likewise for the months a year."""
    revised = revise(
        "我们单位引进了一个博士，来永嘉全职快两年了，劳动合同签了3年，他能当创新类项目的领衔人吗？",
        "那要是把合同改签成5年呢？",
    )
    assert revised is not None and "劳动合同签了5年" in revised.earlier and "3年" not in revised.earlier
    months = revise("领衔人每年在永嘉待8个月，能报创新类项目吗", "那要是待10个月呢")
    assert months is not None and "10个月" in months.earlier
    assert revise("领衔人每年在永嘉待8个月，能报创新类项目吗", "那6月份能报吗") is None


def test_each_change_a_follow_up_makes_is_made() -> None:
    """附件1 三（二）: "那如果是创新类呢？第一期多少？" after "创业类项目批了300万，第二期能拨多少？" (dev61) changes the type
    and the tranche — 创新 第一期 150万元, not 创业's 120万 beside it; "那要是第4类呢？" replaces 第5类 (dev61), but "换成
    第5类…两个差多少钱？" sets the two side by side (dev42)."""
    both = revise("我们创业类项目批了300万，第二期能拨多少？", "那如果是创新类呢？第一期多少？")
    assert both is not None and "创新类项目批了300万" in both.earlier and "第一期" in both.earlier
    assert "创业" not in both.earlier
    category = revise("我是第5类人才，最高100万是全给个人的吗？", "那要是第4类呢？总额最高多少？")
    assert category is not None and "第4类" in category.earlier and "第5类" not in category.earlier
    assert (
        revise("永嘉第4类人才项目评了重点推荐，给多少？", "换成第5类人才也是重点推荐呢？两个差多少钱？")
        is None
    )
