"""The blind corpus is frozen and well formed; the grader tells right, wrong, referred and missed apart."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pytest

from evaluation.grading import Outcome, clause_family, grade
from evaluation.run_blind import CORPUS, Item, check, load


@cache
def _corpus() -> tuple[Item, ...]:
    """The corpus read once for the module: it is ~10 MB of YAML, and each dev/test pair's test read it again."""
    return tuple(load())


def test_corpus_files_match_their_frozen_hashes() -> None:
    for line in (CORPUS / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        assert hashlib.sha256((CORPUS / name).read_bytes()).hexdigest() == digest, name


def test_corpus_is_big_enough_and_split() -> None:
    items = _corpus()
    chat = [i for i in items if i.kind == "chat"]
    staff = [i for i in items if i.kind == "staff"]
    assert len(chat) >= 600 and len(staff) >= 150
    assert {i.split for i in chat} == {
        "dev",
        "test",
        "dev2",
        "test2",
        "dev3",
        "test3",
        "dev4",
        "test4",
        "dev5",
        "test5",
        "dev6",
        "dev7",
        "test7",
        "dev8",
        "dev9",
        "dev10",
        "test10",
        "dev11",
        "test11",
        "dev12",
        "test12",
        "dev13",
        "test13",
        "dev14",
        "test14",
        "dev15",
        "test15",
        "dev16",
        "test16",
        "dev17",
        "test17",
        "dev18",
        "dev19",
        "test19",
        "dev20",
        "test20",
        "dev21",
        "test21",
        "dev22",
        "test22",
        "dev23",
        "test23",
        "dev24",
        "test24",
        "dev25",
        "test25",
        "dev26",
        "test26",
        "dev27",
        "test27",
        "dev28",
        "dev29",
        "dev30",
        "dev31",
        "dev32",
        "test32",
        "dev33",
        "dev34",
        "dev35",
        "dev37",
        "dev38",
        "dev39",
        "dev40",
        "dev36",
        "test36",
        "dev42",
        "dev43",
        "dev44",
        "dev41",
        "test41",
        "dev46",
        "dev47",
        "dev48",
        "dev45",
        "test45",
        "dev50",
        "dev51",
        "dev49",
        "test49",
        "dev53",
        "dev52",
        "test52",
        "dev55",
        "dev56",
        "dev57",
        "dev54",
        "dev59",
        "dev60",
        "dev61",
        "dev58",
        "dev63",
        "dev64",
        "dev65",
        "dev66",
        "dev67",
        "dev68",
        "dev69",
        "dev70",
        "dev71",
        "dev72",
        "dev73",
        "test73",
        "dev74",
        "dev75",
        "test75",
        "dev76",
        "test76",
        "dev77",
        "test77",
        "dev78",
        "dev79",
        "test79",
        "dev62",
        "test62",
        "test58",
        "test54",
    }
    assert len({(i.split, i.id) for i in items}) == len(items)
    assert all(i.must or i.must_not for i in items), "a question that grades nothing"


@pytest.mark.parametrize(
    ("dev", "test"),
    [
        ("dev", "test"),
        ("dev2", "test2"),
        ("dev3", "test3"),
        ("dev4", "test4"),
        ("dev5", "test5"),
        ("dev7", "test7"),
        ("dev10", "test10"),
        ("dev11", "test11"),
        ("dev12", "test12"),
        ("dev13", "test13"),
        ("dev14", "test14"),
        ("dev15", "test15"),
        ("dev16", "test16"),
        ("dev17", "test17"),
        ("dev19", "test19"),
        ("dev20", "test20"),
        ("dev21", "test21"),
        ("dev22", "test22"),
        ("dev23", "test23"),
        ("dev24", "test24"),
        ("dev25", "test25"),
        ("dev26", "test26"),
        ("dev27", "test27"),
        ("dev32", "test32"),
        ("dev36", "test36"),
        ("dev41", "test41"),
        ("dev45", "test45"),
        ("dev49", "test49"),
        ("dev52", "test52"),
        ("dev54", "test54"),
        ("dev58", "test58"),
        ("dev62", "test62"),
        ("dev73", "test73"),
        ("dev75", "test75"),
        ("dev76", "test76"),
        ("dev77", "test77"),
        ("dev79", "test79"),
    ],
)
def test_every_clause_family_of_the_test_split_has_dev_questions(dev: str, test: str) -> None:
    items = _corpus()
    worked = {i.family for i in items if i.split == dev}
    assert {i.family for i in items if i.split == test} <= worked


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        ("第一期拨付资助总额的40%，即108万元，须实缴注册资本到位", Outcome.RIGHT),
        ("第一期 1,080,000 元？不，108 万元；注册资本", Outcome.RIGHT),
        ("属于第5类，108万元，注册资本", Outcome.WRONG),
        ("请拨打人才服务热线咨询", Outcome.REFERRED),
        ("项目确定的资助总额是多少？", Outcome.MISSED),
        ("108万元", Outcome.MISSED),
    ],
)
def test_grade(answer: str, outcome: Outcome) -> None:
    assert grade(answer, [["108万"], ["注册资本", "实缴"]], ["第5类"]).outcome is outcome


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        ("每家企业每年最高15万元", Outcome.MISSED),  # 15万 does not state a per-person 5万
        ("每人每年最高5万元，每家企业15万元", Outcome.RIGHT),
        ("资助1.5万元", Outcome.MISSED),
        ("奖励5万元", Outcome.RIGHT),
        ("奖励 5 万元", Outcome.RIGHT),
    ],
)
def test_grade_reads_a_figure_only_as_a_whole_number(answer: str, outcome: Outcome) -> None:
    assert grade(answer, [["5万"]], []).outcome is outcome


@pytest.mark.parametrize(
    ("answer", "outcome"), [("补助140万元", Outcome.MISSED), ("补助40万元", Outcome.WRONG)]
)
def test_a_forbidden_figure_is_found_only_as_a_whole_number(answer: str, outcome: Outcome) -> None:
    assert grade(answer, [["注册资本"]], ["40万"]).outcome is outcome


def test_grade_reads_traditional_and_full_width() -> None:
    assert grade("資助１０８萬元", [["108万"]], []).outcome is Outcome.RIGHT


@pytest.mark.parametrize(
    ("region", "clause", "family"),
    [
        ("永嘉县", "永嘉 附件1 三（一）", "永嘉 附件1"),
        ("永嘉县", "永嘉 二 第5类", "永嘉 二"),
        ("永嘉县", "永嘉 三（九）", "永嘉 三"),
        ("台州市", "台州 五、21", "台州 五"),
        ("none", "不在覆盖范围", "未覆盖地区"),
    ],
)
def test_clause_family(region: str, clause: str, family: str) -> None:
    assert clause_family(region, clause) == family


def test_floor_check_fails_below_and_passes_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import evaluation.run_blind as rb

    floors = tmp_path / "t.yaml"
    floors.write_text("dev:\n  chat_right: 0.8\n  chat_wrong_max: 2\n", encoding="utf-8")
    monkeypatch.setattr(rb, "THRESHOLDS", floors)
    assert check({"dev": {"chat_right": 0.9, "chat_wrong": 1}}) == []
    assert len(check({"dev": {"chat_right": 0.7, "chat_wrong": 3}})) == 2
