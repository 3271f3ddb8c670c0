"""Who decides what a quoted clause does not settle for the talent's own case.

Why: a passage answers with the text, but the question is often about a case the text does not settle
("小额贷款公司算不算正规金融机构", "5年到了还没做完能不能延期", "湾区协同创新基金规模多大"). A government
answer then says what the text says *and who decides* — never a guess. The body is the one the text
itself names for that part: 永嘉县's edition lists them (edition meta `deciders`, each quoted from its
clause); a 台州 clause names its own (责任单位：…). 永嘉县's hotline follows when its text states one.
"""

from __future__ import annotations

from policy_kb import services
from policy_kb.editions import edition_for_region
from policy_kb.model import Citation, Result, Status
from policy_kb.passages import UNITS_NOTE, all_passages


def who_decides(region: str | None, clause: str, shown: str = "") -> Result | None:
    """One sentence naming who decides cases `clause` leaves open in `region`'s text, with its
    citations; None when the text names no one for it (台州's targets, the preamble).

    A clause's own note (台州's 责任单位, 永嘉 附件3's 牵头单位) names the body first; otherwise the edition's
    `deciders` entry for the part the clause is in. A note already in `shown` (the passage as displayed)
    is referred to, not repeated. The region's hotline follows when its text states one."""
    ed = edition_for_region(region)
    if ed is None:
        return None
    note = _units_note(ed.region, clause)
    if note is not None:
        label, units, citation = note
        said = units in shown.replace("\n", "")
        text = (
            f"原文没有写明的具体情形，请咨询本条所列的{label}"
            if said
            else f"原文没有写明的具体情形，请咨询本条的{label}：{units}"
        )
        citations = [citation]
    else:
        entry = max(
            (d for d in ed.meta.get("deciders") or [] if clause.startswith(str(d["clauses"]))),
            key=lambda d: len(str(d["clauses"])),
            default=None,
        )
        if entry is None:
            return None
        text = f"原文没有写明的具体情形，以{entry['who']}的认定为准"
        citations = [ed.cite(entry["fact"])]
    hotline = services.hotline(ed.region)
    number = hotline.values.get("number") if hotline.ok else None
    if number:
        text += f"，可拨打人才服务热线{number}咨询"
        citations += hotline.citations[:1]
    return _result(ed.region, text + "。", citations)


def _units_note(region: str, clause: str) -> tuple[str, str, Citation] | None:
    """(责任单位 / 牵头单位, the units, a citation quoting the note) of `clause` in the region's text."""
    for p in all_passages(region):
        if p.clause != clause:
            continue
        m = UNITS_NOTE.search(p.text)
        if m:
            label, _, units = m.group(0).strip("（）() ").replace("\n", "").partition("：")
            return (
                label.strip(),
                units.strip(),
                Citation(p.citation.doc, clause, m.group(0), p.citation.title, region),
            )
    return None


def _result(region: str, answer: str, citations: list[Citation]) -> Result:
    return Result(rule="who_decides", status=Status.OK, region=region, answer=answer, citations=citations)
