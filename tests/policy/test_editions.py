"""No figure can be invented: every quoted sentence in the editions and catalogues is in sources/."""

from __future__ import annotations

import pytest

from policy_kb import inputs
from policy_kb.catalogue import catalogue, catalogues, class_names, user_dictionary_terms
from policy_kb.editions import MONEY_UNITS, all_editions, edition_for_region

UNITS = {*MONEY_UNITS, "percent", "years", "year", "months", "count", "text", "list", "map"}  # year: calendar
PARAMS = [(e.id, p) for e in all_editions().values() for p in e.parameters.values()]


def test_both_documents_are_editions() -> None:
    docs = {e.doc for e in all_editions().values()}
    assert "永委办发〔2016〕82号" in docs


@pytest.mark.parametrize(("edition_id", "param"), PARAMS, ids=[f"{e}:{p.id}" for e, p in PARAMS])
def test_quote_is_verbatim_in_source(edition_id: str, param) -> None:
    source = all_editions()[edition_id].source_text()
    assert param.citation.quote in source, f"{param.id}: quote not found verbatim"
    assert param.unit in UNITS
    if param.unit in MONEY_UNITS:
        assert isinstance(param.value, int) and param.value > 0, "money is a positive integer of 元"


@pytest.mark.parametrize(
    ("edition_id", "param"),
    [x for x in PARAMS if x[1].unit in {"亿元", "万元", "percent"}],
    ids=[f"{e}:{p.id}" for e, p in PARAMS if p.unit in {"亿元", "万元", "percent"}],
)
def test_figure_appears_in_its_own_quote(edition_id: str, param) -> None:
    """The number stored must be written in the quoted sentence (catches a figure typed from memory)."""
    raw = param.raw_value
    if raw == 100 and "等额" in param.citation.quote:
        return  # 等额配套: "an equal amount" is 100% though no digit is written
    number = str(int(raw)) if float(raw).is_integer() else str(raw)
    assert number in param.citation.quote, f"{param.id}: {number} not in “{param.citation.quote}”"


@pytest.mark.parametrize("cat_id", sorted(catalogues()))
def test_catalogue_quotes_verbatim_and_every_alias_resolves(cat_id: str) -> None:
    cat = catalogue(cat_id)
    source = cat.edition.source_text()
    for honour in cat.honours.values():
        assert honour.citation.quote in source, honour.id
        assert 1 <= honour.category <= 5
        for alias in (honour.name, *honour.aliases):
            found = cat.match(alias)
            assert honour in found.honours, f"alias {alias!r} does not resolve to {honour.id}"


def test_each_category_name_is_quoted_from_the_catalogue_clause() -> None:
    """二 "第4类：市级领军人才": the name is the category's, quoted verbatim with its number."""
    cat = catalogue("yongjia-2016")
    source = cat.edition.source_text()
    assert sorted(n for n, _ in cat.classes.values()) == [1, 2, 3, 4, 5]
    for name, (n, citation) in cat.classes.items():
        assert citation.quote in source and citation.quote == f"第{n}类：{name}"
    assert class_names()["市级领军人才"] == 4
    # a form's answer "县级领军人才" to "您属于第几类人才" is read as the category it names
    assert inputs.category("县级领军人才") == 5 and inputs.category("第三类") == 3


def test_every_category_has_honours() -> None:
    cat = catalogue("yongjia-2016")
    assert sorted(cat.by_category()) == [1, 2, 3, 4, 5]


def test_user_dictionary_has_aliases() -> None:
    terms = user_dictionary_terms()
    assert {"杰青", "国千", "省千", "580", "正高", "博士", "长江学者"} <= set(terms)


@pytest.mark.parametrize(("name", "region"), [("永嘉", "永嘉县"), ("楠溪江", "永嘉县"), ("瓯北", "永嘉县")])
def test_region_aliases(name: str, region: str) -> None:
    ed = edition_for_region(name)
    assert ed is not None and ed.region == region


def test_wenzhou_is_not_an_alias_of_yongjia() -> None:
    """温州市 is the city 永嘉县 belongs to; its own and its other counties' policies are not ours."""
    assert edition_for_region("温州") is None
    assert all("温州" not in a for e in all_editions().values() for a in e.aliases)


@pytest.mark.parametrize("edition_id", sorted(all_editions()))
def test_scope_quote_is_verbatim(edition_id: str) -> None:
    ed = all_editions()[edition_id]
    assert ed.scope_citation().quote in ed.source_text()
    assert ed.meta["level"] in {"province", "city", "county"}
