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
