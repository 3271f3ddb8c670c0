"""Talent services, the gold card and the hotline, per region, from `data/services-*.yaml`.

Why data: the ten 永嘉 services and the 台州 items are lists of who-does-what with the sentence that
says so; replies, the hotline page and search all read the same entries. Why the care with “not
stated”: the 台州 plan gives no hotline number and does not say who holds an 英才卡 — the bot must
say so and point to where to ask, never fill the gap from the other county or from memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from policy_kb.editions import not_covered_note, resolve_region
from policy_kb.model import Citation, Result, Status, invalid
from policy_kb.passages import SourceDoc, document_for_edition, documents

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_REGION = "永嘉县"
BASIS_NOTE = {
    "stated": "",
    "by_function": "（按职能对应，文件未逐项写明）",
    "lead_units": "（文件未逐项写明，此为牵头单位）",
    "none": "",
}


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    content: str  # one-line summary; its numbers all appear in the quote
    citation: Citation
    lead_units: tuple[str, ...]  # 牵头单位 (永嘉) or 责任单位 (台州)
    supporting_units: tuple[str, ...]  # 配合单位 (永嘉 only)
    units_citation: Citation
    units_label: str  # 牵头单位 | 责任单位
    extra_citations: tuple[Citation, ...] = ()
    departments: tuple[str, ...] = ()  # for one service inside a multi-service item
    departments_basis: str = ""

    def units_text(self) -> str:
        text = f"{self.units_label}：{'、'.join(self.lead_units)}"
        if self.supporting_units:
            text += f"；配合单位：{'、'.join(self.supporting_units)}"
        return text


@dataclass(frozen=True)
class CardBenefit:
    id: str
    name: str
    citation: Citation
    departments: tuple[str, ...]
    departments_basis: str  # stated | by_function | lead_units | none


@dataclass(frozen=True)
class GoldCard:
    name: str
    service: Service
    benefits: tuple[CardBenefit, ...]
    holders: str | None
    holders_citation: Citation | None
    precondition: str | None
    precondition_citation: Citation | None
    holders_note: str = ""


@dataclass(frozen=True)
class Hotline:
    number: str | None
    name: str
    citation: Citation | None
    service: Service  # the service that runs it, or where to ask when no number is stated
    for_whom: str = ""
    note: str = ""


@dataclass(frozen=True)
class Served:
    summary: str
    citation: Citation


@dataclass(frozen=True)
class ServiceCatalogue:
    doc: SourceDoc
    services: tuple[Service, ...]
    gold_card: GoldCard
    hotline: Hotline
    served: Served | None

    def service(self, sid: str) -> Service:
        return next(s for s in self.services if s.id == sid)


def _load(path: Path) -> ServiceCatalogue:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = document_for_edition(data["edition"])
    label = data["units_label"]

    def cite(clause: str, quote: str) -> Citation:
        return Citation(doc=doc.doc, clause=clause, quote=quote, title=doc.title, region=doc.region)

    services = tuple(
        Service(
            id=s["id"],
            name=s["name"],
            content=s["content"],
            citation=cite(s["clause"], s["quote"]),
            lead_units=tuple(s.get("lead_units", [])),
            supporting_units=tuple(s.get("supporting_units", [])),
            units_citation=cite(s["clause"], s["units_quote"]),
            units_label=label,
            extra_citations=tuple(cite(s["clause"], q) for q in s.get("extra_quotes", [])),
            departments=tuple(s.get("departments", [])),
            departments_basis=s.get("departments_basis", ""),
        )
        for s in data["services"]
    )
    by_id = {s.id: s for s in services}
    g = data["gold_card"]
    card = GoldCard(
        name=g["name"],
        service=by_id[g["service"]],
        benefits=tuple(
            CardBenefit(
                id=b["id"],
                name=b["name"],
                citation=cite(g["clause"], b["quote"]),
                departments=tuple(b.get("departments", [])),
                departments_basis=b["departments_basis"],
            )
            for b in g["benefits"]
        ),
        holders=g.get("holders"),
        holders_citation=cite(g["clause"], g["holders_quote"]) if g.get("holders_quote") else None,
        precondition=g.get("precondition"),
        precondition_citation=cite(g["clause"], g["precondition_quote"])
        if g.get("precondition_quote")
        else None,
        holders_note=g.get("holders_note", ""),
    )
    h = data["hotline"]
    hotline = Hotline(
        number=str(h["number"]) if h.get("number") else None,
        name=h.get("name", "人才服务热线"),
        citation=cite(h["clause"], h["quote"]) if h.get("quote") else None,
        service=by_id[h["service"]],
        for_whom=h.get("for", ""),
        note=h.get("note", ""),
    )
    served = data.get("served")
    return ServiceCatalogue(
        doc=doc,
        services=services,
        gold_card=card,
        hotline=hotline,
        served=Served(served["summary"], cite(served["clause"], served["quote"])) if served else None,
    )


@cache
def catalogue_for(edition_id: str) -> ServiceCatalogue:
    return _load(DATA_DIR / f"services-{edition_id}.yaml")


def all_catalogues() -> list[ServiceCatalogue]:
    """Every region's services (for the search index)."""
    return [
        catalogue_for(d.edition) for d in documents() if (DATA_DIR / f"services-{d.edition}.yaml").exists()
    ]


def _resolve(rule: str, region: str | None) -> ServiceCatalogue | Result:
    scope = resolve_region(region or DEFAULT_REGION)
    ed = scope.edition if scope.status == "covered" else None
    if ed is None or not (DATA_DIR / f"services-{ed.id}.yaml").exists():
        message, _ = not_covered_note(scope, region)
        return invalid(rule, message, region=str(region))
    return catalogue_for(ed.id)


def _result(
    rule: str,
    cat: ServiceCatalogue,
    answer: str,
    values: dict[str, Any],
    citations: list[Citation],
    message: str = "",
) -> Result:
    r = Result(
        rule=rule,
        status=Status.OK,
        region=cat.doc.region,
        edition=cat.doc.edition,
        answer=answer,
        values=values,
        message=message,
    )
    r.cite(*citations)
    return r


# a service's name in the words: the parts of its name ("健康管理服务与保健医生" → 健康管理服务, 保健医生)
_NAME_PARTS = re.compile(r"[与和及、（）()“”]")
# the whole list asked ("台州有哪些人才服务"), not one service
_LIST_ASKED = re.compile(r"哪些|哪几|有什么|都有啥|包括|清单|列表|所有|全部")
# whether the asker is one of those served ("我能不能享受", "在读博士算不算")
_FOR_ME_ASKED = re.compile(
    r"能不能|可不可以|能否|是否|我能|能享受|享受得|算不算|够不够|有没有资格|有资格|符合"
)
# a level of talent the text names without defining it here (台州's levels are in a directory we do not hold)
_LEVEL = re.compile(r"高级以上人才|高端以上人才|高层次人才")


def named_services(cat: ServiceCatalogue, asked: str) -> list[Service]:
    """The services the words name by a part of their name ("保健医生" → 健康管理服务与保健医生); [] when the words
    ask for the whole list or name none."""
    words = re.sub(r"\s+", "", asked or "")
    if not words or _LIST_ASKED.search(words):
        return []
    found = [
        s for s in cat.services if any(len(part) >= 3 and part in words for part in _NAME_PARTS.split(s.name))
    ]
    return found if 0 < len(found) <= 2 else []


def services(region: str | None = None, service_words: str | None = None) -> Result:
    """The region's service list: each service, what it offers and who is responsible. A service the words
    name ("听说台州给高级以上人才配保健医生，我能不能享受？", dev61) is answered alone — and when the words ask whether
    the asker is served and the service is for a level the text leaves to a directory we do not hold, so is that."""
    cat = _resolve("services", region)
    if isinstance(cat, Result):
        return cat
    words = service_words if isinstance(service_words, str) else ""  # (anything else names no service)
    named = named_services(cat, words)
    if named:
        return _services_named(cat, named, words)
    lines = [f"{cat.doc.region}人才服务（{cat.doc.doc}）："]
    lines += [f"{i}. {s.name}：{s.content}。（{s.units_text()}）" for i, s in enumerate(cat.services, 1)]
    citations = [s.citation for s in cat.services]
    if cat.served:
        lines.insert(1, f"服务对象：{cat.served.summary}。")
        citations.insert(0, cat.served.citation)
    values = {
        "services": [
            {
                "id": s.id,
                "name": s.name,
                "content": s.content,
                "clause": s.citation.clause,
                "lead_units": list(s.lead_units),
                "supporting_units": list(s.supporting_units),
                "units_label": s.units_label,
            }
            for s in cat.services
        ],
        "served": cat.served.summary if cat.served else None,
    }
    return _result("services", cat, "\n".join(lines), values, citations)


def _services_named(cat: ServiceCatalogue, named: list[Service], asked: str) -> Result:
    lines = [f"{cat.doc.region}（{cat.doc.doc}）{s.name}：{s.content}。（{s.units_text()}）" for s in named]
    citations = [s.citation for s in named]
    level = next((m.group(0) for s in named if (m := _LEVEL.search(s.content))), None)
    if level and _FOR_ME_ASKED.search(asked):
        scope = resolve_region(cat.doc.region)
        ed = scope.edition
        directory = (
            ed.param("service.category_directory") if ed and ed.has("service.category_directory") else None
        )
        if directory is not None:
            units = "、".join(named[0].departments or named[0].lead_units)
            lines.append(
                f"“{level}”具体包括哪些人，{cat.doc.doc}以{directory.value}为准，该目录不在我们收录的文件中，"
                f"您是否属于，我们无法替您判断；请向{units}咨询。"
            )
            citations.append(directory.citation)
    values = {"services": [{"id": s.id, "name": s.name, "content": s.content} for s in named]}
    return _result("services", cat, "\n".join(lines), values, citations)


def gold_card(region: str | None = None) -> Result:
    """Gold-card benefits item by item (台州: the 英才卡), with the precondition and departments."""
    cat = _resolve("gold_card", region)
    if isinstance(cat, Result):
        return cat
    card = cat.gold_card
    head = f"{cat.doc.region}{card.name}"
    if card.holders:
        head += f"发放给{card.holders}"
    head += f"，{card.precondition}可享有：" if card.precondition else "："
    lines = [head]
    for i, b in enumerate(card.benefits, 1):
        dept = (
            f"；相关部门：{'、'.join(b.departments)}{BASIS_NOTE[b.departments_basis]}"
            if b.departments
            else ""
        )
        lines.append(f"{i}. {b.name}{dept}")
    lines.append(f"{card.service.units_text()}。")
    message = ""
    if card.holders_note:
        message = (
            f"{card.holders_note}；具体以{card.service.units_label}解释为准，可到“一站式”人才服务平台咨询。"
        )
        lines.append(message)
    citations = [c for c in (card.holders_citation, card.precondition_citation) if c]
    citations += [b.citation for b in card.benefits] + [card.service.units_citation]
    values = {
        "card": card.name,
        "holders": card.holders,
        "precondition": card.precondition,
        "benefits": [
            {
                "id": b.id,
                "name": b.name,
                "departments": list(b.departments),
                "departments_basis": b.departments_basis,
            }
            for b in card.benefits
        ],
        "lead_units": list(card.service.lead_units),
        "supporting_units": list(card.service.supporting_units),
    }
    return _result("gold_card", cat, "\n".join(lines), values, citations, message)


def hotline(region: str | None = None) -> Result:
    """The talent hotline; where the text states none, say so and name the service that answers."""
    cat = _resolve("hotline", region)
    if isinstance(cat, Result):
        return cat
    h = cat.hotline
    where = h.service
    if h.number:
        answer = (
            # the clause's own heading (开通一条人才“服务专线”) says what people call it besides 热线
            f"{cat.doc.region}{h.name}：{h.number}（{where.name}：为{h.for_whom}开通，{where.units_text()}）。"
            f"{where.content}。"
        )
        own = h.citation if h.citation and h.citation.quote not in where.citation.quote else None
        citations = [c for c in (own, where.citation, where.units_citation) if c]
        return _result(
            "hotline", cat, answer, {"number": h.number, "stated": True, "service": where.id}, citations
        )
    message = f"{h.note}。人才服务事项可到{where.name}咨询（{where.units_text()}）。"
    return _result(
        "hotline",
        cat,
        message,
        {"number": None, "stated": False, "service": where.id},
        [where.citation, where.units_citation],
        message=message,
    )
