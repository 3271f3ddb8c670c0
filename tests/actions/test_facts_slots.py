"""Every money and text slot reaches its `Facts` field (from_slots names them one by one, typed)."""

from dataclasses import fields

from actions.parsing import MONEY_SLOTS, TEXT_SLOTS, Facts


def test_every_money_and_text_slot_is_read_into_its_field() -> None:
    slots = {name: "30万" for name in MONEY_SLOTS} | {name: " 580计划 " for name in TEXT_SLOTS}
    facts = Facts.from_slots(slots)
    assert {f.name for f in fields(Facts)} >= {*MONEY_SLOTS, *TEXT_SLOTS}
    assert {name: getattr(facts, name) for name in MONEY_SLOTS} == dict.fromkeys(MONEY_SLOTS, 300_000)
    assert {name: getattr(facts, name) for name in TEXT_SLOTS} == dict.fromkeys(TEXT_SLOTS, "580计划")
