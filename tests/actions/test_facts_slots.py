"""Every money and text slot reaches its `Facts` field (from_slots names them one by one, typed)."""

from dataclasses import fields

from actions.parsing import MONEY_SLOTS, TEXT_SLOTS, Facts


def test_every_money_and_text_slot_is_read_into_its_field() -> None:
    slots = {name: "30万" for name in MONEY_SLOTS} | {name: " 580计划 " for name in TEXT_SLOTS}
    facts = Facts.from_slots(slots)
    assert {f.name for f in fields(Facts)} >= {*MONEY_SLOTS, *TEXT_SLOTS}
    assert {name: getattr(facts, name) for name in MONEY_SLOTS} == dict.fromkeys(MONEY_SLOTS, 300_000)
    assert {name: getattr(facts, name) for name in TEXT_SLOTS} == dict.fromkeys(TEXT_SLOTS, "580计划")


def test_an_ambiguous_title_is_settled_by_the_one_given_earlier() -> None:
    """ "我是国家千人…" then "那再加上千人计划的100万购房补贴…": the honour slot now holds "千人计划" (国家 or 省),
    but the talent already said which — 国家“千人计划”人选, not an open question or a title "不在其中" (dev10)."""
    from tests.actions.trackers import asked

    tracker = asked("ask_housing", "那再加上千人计划的100万购房补贴，两个能一起拿吗？", honour=["千人计划"])
    tracker.events = [
        {"event": "user", "text": "我是国家千人，来永嘉创业"},
        {"event": "slot", "name": "honour", "value": ["国家“千人计划”人选"]},
        {"event": "user", "text": "那再加上千人计划的100万购房补贴，两个能一起拿吗？"},
        {"event": "slot", "name": "honour", "value": ["千人计划"]},
    ]
    assert Facts.from_tracker(tracker).honours == ["国家“千人计划”人选"]
    tracker.events = tracker.events[2:]  # nothing said before: still ambiguous
    assert Facts.from_tracker(tracker).honours == ["千人计划"]


def test_an_ambiguous_title_the_latest_words_settle_is_not_the_earlier_one() -> None:
    """ "我是国家千人" then "不对不对，我说错了，是浙江省的千人计划，不是国家的…" (dev60): the model tags only "千人计划",
    and the message itself reads as 省千人 — not the 国家千人 said before."""
    from tests.actions.trackers import asked

    latest = "不对不对，我说错了，是浙江省的千人计划，不是国家的。那我在县里算第几类？"
    tracker = asked("correct", latest, honour=["千人计划"])
    tracker.events = [
        {"event": "user", "text": "你好，我是国家千人，想了解下永嘉县的人才政策。"},
        {"event": "slot", "name": "honour", "value": ["国家“千人计划”人选"]},
        {"event": "user", "text": latest},
        {"event": "slot", "name": "honour", "value": ["千人计划"]},
    ]
    assert Facts.from_tracker(tracker).honours == ["省“千人计划”入选者"]


def test_a_title_whose_condition_the_words_say_is_unmet_is_read_with_them() -> None:
    """二 第5类: 近5年，获得县科技进步奖一等奖及以上…第1完成人 — "七八年前拿过一次县科技进步一等奖" (dev60): the model hands
    on the title alone; it is read with the sentence that says it is older than 5 years, so no category is told."""
    from policy_kb import api
    from tests.actions.trackers import asked

    latest = "我大概七八年前拿过一次县科技进步一等奖，是第一完成人。这个老奖还能用吗？能按第5类算吗？"
    tracker = asked("ask_category", latest, honour=["县科技进步一等奖"])
    held = Facts.from_tracker(tracker).honours
    assert held != ["县科技进步一等奖"]
    result = api.category_for_honours(held)
    assert result.values.get("category") is None and "已超过5年" in result.answer


def test_a_rank_revised_by_a_follow_up_replaces_the_earlier_title() -> None:
    """二: "哦，那我是第二层次的，算哪类" after 551第一层次 (第4类) is 市“551人才工程”第二层次培养人员, 第5类 — the
    honour slot still held the first rank, and 第4类 was answered (stop 29)."""
    from tests.actions.trackers import asked

    first = "温州551人才工程第一层次的，在永嘉属于哪类人才？"
    held = ["市“551人才工程”第一层次培养人员"]
    tracker = asked("ask_category", "哦，那我是第二层次的，算哪类，最多能拿多少？", honour=held)
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert Facts.from_tracker(tracker).honours == ["市“551人才工程”第二层次培养人员"]
    # a follow-up that names a title of its own is read as the model tagged it
    tracker = asked("ask_category", "那省千人呢", honour=["省千人"])
    tracker.latest_message["entities"] = [{"entity": "honour", "value": "省千人"}]
    tracker.events = [{"event": "user", "text": first}, *tracker.events]
    assert Facts.from_tracker(tracker).honours == ["省千人"]
