"""Every clause of both policy texts as searchable, citable passages.

Why parse instead of hand-copying: a passage must be a verbatim slice of `sources/` (tests prove it),
and the structure markers (一、 （一） 1、 第N条 第N类 附件N, Taizhou's items 1.–30.) are regular
enough that a small line parser recovers every clause with its heading. A marker is only accepted
when it continues its list (一 after nothing, 二 after 一 …), so numbers inside sentences — 第1、2类,
“2.永嘉县…” in the list of attachments, page-break debris in the Taizhou scan — never start clauses.

Long clauses are cut into sentence groups (ids `…#2`, `…#3`) so a hit points at the sentence that
answers; each group keeps its clause, heading and its offsets in the source for the viewer.

A passage that ends by introducing a list (“分三期资助到位：”, “须提供的材料包括：”, “具体目标为：”)
says nothing on its own: the items that follow are the answer. Each item stays a passage of its own
(a question about one item finds that item), and the introducing passage carries them as `items`, so
whoever shows it (search hits, the chat, the hotline card) shows the list with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from policy_kb.editions import all_editions, edition_for_region
from policy_kb.model import Citation

SOURCES_DIR = Path(__file__).parent / "sources"
MAX_CHARS = 200  # non-space characters per passage before a clause is cut into sentence groups
MIN_CHARS = 40
# who carries out a clause: 台州's "（责任单位：…）" and 永嘉 附件3's "（牵头单位：…；配合单位：…）" close it
UNITS_NOTE = re.compile(
    r"[（(]\s*(?:责任单位|牵头单位)\s*[:：][^）)]*[）)]"
)  # a shorter group (a lone heading sentence) is merged into its neighbour
HAN_NUM = "一二三四五六七八九十"


PREFIXES = {"yongjia-2016": "yj", "taizhou-2018": "tz"}  # short, stable passage-id prefixes


@dataclass(frozen=True)
class SourceDoc:
    """One policy text in `sources/` and how the bot names it (from its edition's metadata)."""

    edition: str
    region: str
    source: str
    prefix: str  # passage-id prefix
    title: str  # the document's own title line (checked against the text by the tests)
    doc: str  # document number, e.g. 永委办发〔2016〕82号
    aliases: tuple[str, ...]  # what people call the region

    def text(self) -> str:
        return _source_text(self.source)


@cache
def documents() -> tuple[SourceDoc, ...]:
    """Every edition's source text, oldest first (a new edition YAML brings its passages along)."""
    eds = sorted(all_editions().values(), key=lambda e: (e.effective, e.id))
    return tuple(
        SourceDoc(e.id, e.region, e.source, PREFIXES.get(e.id, e.id), e.title, e.doc, e.aliases) for e in eds
    )


@dataclass(frozen=True)
class ListItem:
    """One item of the list a passage introduces: its own passage (and clause) and its whole text,
    nested lists included — a verbatim slice source[start:end]."""

    passage_id: str
    clause: str
    text: str
    start: int
    end: int

    @property
    def display(self) -> str:
        return re.sub(r"\s*\n\s*", "", self.text)


@dataclass(frozen=True)
class Passage:
    id: str
    title: str  # the clause heading, e.g. 加强人才住房保障
    text: str  # verbatim slice source[start:end]
    citation: Citation
    region: str
    edition: str
    start: int
    end: int
    context: tuple[str, ...] = ()  # headings of the enclosing parts, outermost first
    items: tuple[ListItem, ...] = ()  # the list this passage introduces (it ends with “：”), in order
    # the clause's (责任单位：…) / (牵头单位：…) note when it sits in another sentence group of the clause
    units: str = ""

    @property
    def clause(self) -> str:
        return self.citation.clause

    @property
    def display(self) -> str:
        """The text without the scan's line and page breaks, for chat bubbles."""
        return re.sub(r"\s*\n\s*", "", self.text)

    @property
    def list_end(self) -> int:
        """Where the passage and the list it introduces end in the source (its own end without one)."""
        return self.items[-1].end if self.items else self.end

    @property
    def display_with_items(self) -> str:
        """The passage followed by the items it introduces, and by who is responsible for its clause
        when that note is in another sentence group (what answers a question: "试验区在哪、谁负责")."""
        return self.display + "".join(i.display for i in self.items) + self.units


@dataclass(frozen=True)
class DocumentView:
    """A whole source text plus one passage's span, for a viewer that highlights it."""

    edition: str
    region: str
    doc: str
    title: str
    text: str
    start: int
    end: int
    passage_id: str


# ----------------------------------------------------------------------------------------------
# Structure markers. Each kind has a level (0 outermost), a pattern anchored at the line start and
# a rule for joining its label to the parent's clause.


@dataclass
class _Node:
    kind: str
    label: str  # as printed: 三 / （七） / 2 / 7. / 第八条 / 第1类 / 附件1 / heading of a goal
    level: int
    number: int  # position in its list, for the sequence check
    start: int
    title: str
    parent: _Node | None = None
    single_line: bool = False
    leaf: bool = False
    segments: list[tuple[int, int]] = field(default_factory=list)
    last_child: dict[str, int] = field(default_factory=dict)

    def clause(self) -> str:
        chain: list[_Node] = []
        node: _Node | None = self
        while node is not None and node.kind != "root":
            chain.append(node)
            node = node.parent
        out = ""
        for n in reversed(chain):
            if n.kind == "annex":
                out = n.label
            elif n.kind in {"part", "article", "front", "notice", "annex_list"}:
                out = f"{out} {n.label}".strip()
            elif n.kind in {"category", "goal"}:
                sep = "、" if n.kind == "goal" else " "
                out = f"{out}{sep}{n.label}"
            elif n.kind == "item" and n.parent is not None and n.parent.kind == "part":
                out = f"{out}、{n.label}."  # Taizhou: 三、7.
            else:
                out = f"{out}{n.label}"
        return out

    def context(self) -> tuple[str, ...]:
        out: list[str] = []
        node = self.parent
        while node is not None and node.kind != "root":
            out.append(node.title)
            node = node.parent
        return tuple(reversed(out))


_PATTERNS: list[tuple[str, int, re.Pattern[str]]] = [
    ("annex", 0, re.compile(r"附件(\d)$")),
    ("annex_list", 1, re.compile(r"附件：")),
    ("part", 1, re.compile(rf"([{HAN_NUM}]+)、")),
    ("article", 1, re.compile(rf"第([{HAN_NUM}]+)条")),
    ("sub", 2, re.compile(rf"（([{HAN_NUM}]+)）")),
    ("category", 2, re.compile(r"第(\d)类：")),
    ("goal", 2, re.compile(r"([^，。、\s]{4,12})——")),
    ("item", 3, re.compile(r"(\d{1,2})[.．、]\s*")),
]
_INLINE_ITEM = re.compile(r"(?<=[：。；])(\d)、")


def _han_number(s: str) -> int:
    """一..九十九 → int (the texts go no higher than 十二)."""
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + HAN_NUM.index(s[1]) + 1
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (HAN_NUM.index(tens) + 1) * 10 + (HAN_NUM.index(ones) + 1 if ones else 0)
    return HAN_NUM.index(s) + 1


def _heading(rest: str) -> str | None:
    """A clause's heading: the short phrase before the first 。 or ：, or a line without punctuation."""
    rest = rest.strip().lstrip("：").split("\n", 1)[0]
    m = re.search(r"[。：]", rest)
    if m and 0 < m.start() <= 24 and not re.search(r"[，；]", rest[: m.start()]):
        return rest[: m.start()]
    first_line = rest.strip()
    if first_line and not re.search(r"[，。；：]", first_line) and len(first_line) <= 30:
        return first_line
    return None


class _Parser:
    """Walks the lines once; each accepted marker opens a node that receives text until the next."""

    def __init__(self, doc: SourceDoc):
        self.doc = doc
        self.text = doc.text()
        self.root = _Node("root", "", -1, 0, 0, doc.title)
        self.nodes: list[_Node] = []
        self.stack: list[_Node] = [self.root]
        self.receiver: _Node = self.root
        self.seg_start = 0
        self.last_item = 0

    # -- bookkeeping ----------------------------------------------------------------------------
    def _switch(self, node: _Node | None, pos: int) -> None:
        self.receiver.segments.append((self.seg_start, pos))
        if node is not None:
            self.receiver = node
        self.seg_start = pos

    def _open(self, kind: str, level: int, label: str, number: int, pos: int, rest: str) -> _Node:
        while self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1]
        title = self._title(kind, label, rest, parent)
        node = _Node(
            kind,
            label,
            level,
            number,
            pos,
            title,
            parent,
            single_line=kind == "category",
            leaf=kind == "annex_list",
        )
        parent.last_child[kind] = number
        self.stack.append(node)
        self.nodes.append(node)
        self._switch(node, pos)
        return node

    def _title(self, kind: str, label: str, rest: str, parent: _Node) -> str:
        if kind == "annex":
            lines = []
            for line in rest.split("\n"):
                line = line.strip()
                if not line:
                    continue
                if re.search(r"[。：]$", line) or line.startswith(("为", "第一条")):
                    break
                lines.append(line)
            return "".join(lines) or label
        if kind == "annex_list":
            return "附件"
        if kind == "goal":
            return label
        if kind == "category":
            head = _heading(rest)
            return f"{label}：{head}" if head else label
        return _heading(rest) or parent.title

    # -- acceptance -----------------------------------------------------------------------------
    def _accepts(self, kind: str, level: int, number: int) -> bool:
        """A marker continues its list: first of a list, or the successor of its previous sibling."""
        if kind == "item":
            return number == 1 or number == self.last_item + 1
        parent = next(n for n in reversed(self.stack) if n.level < level)
        if kind == "goal":  # Taizhou's targets “人才量质全面提升——…” only occur inside a part
            return parent.kind == "part"
        return kind == "annex_list" or number == parent.last_child.get(kind, 0) + 1

    def _match_line(self, line: str) -> tuple[str, int, str, int, int] | None:
        """(kind, level, label, number, marker length) for a marker at the start of `line`."""
        for kind, level, pat in _PATTERNS:
            m = pat.match(line)
            if not m:
                continue
            raw = m.group(1) if m.groups() else ""
            if kind in {"part", "article", "sub"}:
                number = _han_number(raw)
            elif kind in {"annex", "category", "item"}:
                number = int(raw)
            else:  # goals and the attachment list are unnumbered: count them
                parent = next(n for n in reversed(self.stack) if n.level < level)
                number = parent.last_child.get(kind, 0) + 1
            label = {
                "annex": f"附件{raw}",
                "annex_list": "附件目录",
                "part": raw,
                "article": f"第{raw}条",
                "sub": f"（{raw}）",
                "category": f"第{raw}类",
                "goal": raw,
                "item": raw,
            }[kind]
            if self._accepts(kind, level, number):
                return kind, level, label, number, m.end()
        return None

    # -- the walk -------------------------------------------------------------------------------
    def parse(self) -> list[_Node]:
        self._front_matter()
        pos = 0
        for line in self.text.splitlines(keepends=True):
            line_start, pos = pos, pos + len(line)
            body = line.lstrip()
            if not body.strip() or line_start < self.body_start:
                continue
            at = line_start + len(line) - len(body)
            found = self._match_line(body)
            if found and self.receiver.leaf and found[0] != "annex":
                found = None
            if found:
                kind, level, label, number, length = found
                if kind == "item":
                    self.last_item = number
                self._open(kind, level, label, number, at, self.text[at + length : at + length + 400])
            elif self.receiver is self.root:
                continue
            self._inline_items(at, body)
            if self.receiver.single_line:
                node = self.receiver
                self._switch(node.parent, line_start + len(line.rstrip()))
                self.receiver = node.parent or self.root
        self._switch(None, len(self.text))
        return self.nodes

    def _inline_items(self, at: int, body: str) -> None:
        """Numbered steps run on within one paragraph in 附件1 三（一）/（二）: `…：1、… 。2、…`."""
        if self.receiver.leaf:
            return
        for m in _INLINE_ITEM.finditer(body):
            number = int(m.group(1))
            if number == 1 or number == self.last_item + 1:
                self.last_item = number
                self._open("item", 3, m.group(1), number, at + m.start(), body[m.end() :])

    def _front_matter(self) -> None:
        """Everything before 一、: Taizhou's covering notice, then the document's title and preamble."""
        m = re.search(r"^\s*一、", self.text, flags=re.M)
        self.body_start = m.start() if m else 0
        title_at = self.text.find(self.doc.title, 0, self.body_start)
        front_start = 0
        if title_at > 0 and "。" in self.text[:title_at]:
            notice = _Node("notice", "通知", 1, 0, 0, self._notice_title(title_at), self.root)
            notice.segments.append((0, title_at))
            self.nodes.append(notice)
            front_start = title_at
        front = _Node("front", "前言", 1, 0, front_start, self.doc.title, self.root)
        front.segments.append((front_start, self.body_start))
        self.nodes.append(front)
        self.seg_start = self.body_start

    def _notice_title(self, end: int) -> str:
        lines = [ln.strip() for ln in self.text[:end].splitlines() if ln.strip().endswith("通知")]
        return lines[0] if lines else "印发通知"


# ----------------------------------------------------------------------------------------------
# Nodes → passages


def _size(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def _sentence_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut [start, end) into runs of whole sentences of about MAX_CHARS non-space characters.

    A trailing non-sentence (Taizhou's （责任单位：…）) stays with the last sentence, and a group
    shorter than MIN_CHARS (a heading on its own) is merged into its neighbour.
    """
    cuts = [start + m.end() for m in re.finditer("。", text[start:end])] or [end]
    cuts[-1] = end
    groups: list[list[int]] = []
    g_start, prev = start, start
    for cut in cuts:
        if _size(text[g_start:cut]) > MAX_CHARS and prev > g_start:
            groups.append([g_start, prev])
            g_start = prev
        prev = cut
    groups.append([g_start, end])
    merged: list[list[int]] = []
    for g in groups:
        if merged and _size(text[merged[-1][0] : merged[-1][1]]) < MIN_CHARS:
            merged[-1][1] = g[1]
        else:
            merged.append(g)
    if len(merged) > 1 and _size(text[merged[-1][0] : merged[-1][1]]) < MIN_CHARS:
        last = merged.pop()
        merged[-1][1] = last[1]
    return [(a, b) for a, b in merged]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _node_id(doc: SourceDoc, node: _Node) -> str:
    parts: list[str] = []
    n: _Node | None = node
    while n is not None and n.kind != "root":
        parts.append(
            {
                "annex": f"a{n.number}",
                "annex_list": "annexes",
                "front": "front",
                "notice": "notice",
                "category": f"cat{n.number}",
                "goal": f"goal{n.number}",
            }.get(n.kind, str(n.number))
        )
        n = n.parent
    return "-".join([doc.prefix, *reversed(parts)])


# Markers that enumerate the items of a list; a part (一、…) under a colon is a document's body, not a
# list (附件3's “提出如下实施办法：” introduces the whole attachment, whose parts are clauses of their own).
LIST_KINDS = frozenset({"sub", "item", "category", "goal"})
LIST_INTRO = re.compile(r"[：:]$")


def _ends(nodes: list[_Node]) -> dict[int, int]:
    """id(node) → where the node's text ends, its descendants' text included."""
    ends: dict[int, int] = {}
    for node in reversed(nodes):  # children come after their parent in document order
        own = max((e for _, e in node.segments), default=node.start)
        ends[id(node)] = max(own, ends.get(id(node), 0))
        if node.parent is not None:
            ends[id(node.parent)] = max(ends.get(id(node.parent), 0), ends[id(node)])
    return ends


def _list_items(
    text: str, node: _Node, after: int, nodes: list[_Node], ends: dict[int, int], ids: dict[int, str]
) -> tuple[ListItem, ...]:
    """The enumerated children of `node` that follow its text at `after`, up to where its own text
    resumes (二's “经认定，…” after 第1–5类)."""
    resume = min((s for s, e in node.segments if s >= after and text[s:e].strip()), default=len(text))
    items: list[ListItem] = []
    for child in nodes:
        if child.parent is not node or child.kind not in LIST_KINDS or not after <= child.start < resume:
            continue
        s, e = _trim(text, child.start, ends[id(child)])
        items.append(ListItem(ids[id(child)], child.clause(), text[s:e], s, e))
    return tuple(items)


def _passages_for(doc: SourceDoc) -> list[Passage]:
    parser = _Parser(doc)
    nodes = parser.parse()
    text = parser.text
    ends = _ends(nodes)
    ids = {id(node): _node_id(doc, node) for node in nodes}
    out: list[Passage] = []
    for node in nodes:
        base = ids[id(node)]
        clause = node.clause()
        spans = [_trim(text, s, e) for s, e in node.segments]
        groups = [g for s, e in spans if e > s for g in _sentence_groups(text, s, e)]
        notes = [m.group(0) for s, e in spans for m in UNITS_NOTE.finditer(text[s:e])]
        units = re.sub(r"\s*\n\s*", "", notes[-1]) if notes and len(groups) > 1 else ""
        for i, (s, e) in enumerate(groups, 1):
            s, e = _trim(text, s, e)
            if e <= s:
                continue
            pid = base if i == 1 else f"{base}#{i}"
            body = text[s:e]
            items = _list_items(text, node, e, nodes, ends, ids) if LIST_INTRO.search(body) else ()
            out.append(
                Passage(
                    id=pid,
                    title=node.title,
                    text=body,
                    citation=Citation(
                        doc=doc.doc, clause=clause, quote=body, title=doc.title, region=doc.region
                    ),
                    region=doc.region,
                    edition=doc.edition,
                    start=s,
                    end=e,
                    context=node.context(),
                    items=items,
                    units="" if units and UNITS_NOTE.search(body) else units,
                )
            )
    return out


@cache
def source_text(name: str) -> str:
    """A source file's whole text (cached): what the region's terms are looked up in."""
    return _source_text(name)


@cache
def _source_text(name: str) -> str:
    return (SOURCES_DIR / name).read_text(encoding="utf-8")


@cache
def _all() -> tuple[Passage, ...]:
    return tuple(p for d in documents() for p in _passages_for(d))


def attachment_of(clause: str) -> str:
    """The attachment a clause is in ("附件2 第一条" → 附件2), or "" for the main text."""
    return clause.split()[0] if clause.startswith("附件") else ""


def all_passages(region: str | None = None) -> list[Passage]:
    """Every passage in document order; only one region's when `region` names one."""
    if region is None:
        return list(_all())
    doc = document_for_region(region)
    return [p for p in _all() if doc is not None and p.edition == doc.edition]


@cache
def _by_clause() -> dict[tuple[str, str], Passage]:
    out: dict[tuple[str, str], Passage] = {}
    for p in _all():
        out.setdefault((p.edition, p.clause), p)  # the first passage of a clause is the clause itself
    return out


def passage_at(region: str | None, clause: str) -> Passage | None:
    """The passage that is `clause` (as cited, e.g. "附件2 第七条") in the region's text, if it has one."""
    doc = document_for_region(region) if region else None
    return _by_clause().get((doc.edition, clause)) if doc is not None else None


@cache
def _by_id() -> dict[str, Passage]:
    return {p.id: p for p in _all()}


def passage(passage_id: str) -> Passage:
    return _by_id()[passage_id]


def document_for_region(region: str | None) -> SourceDoc | None:
    """The source for a region name people use (永嘉/温州 → 永嘉县; 台州/椒江 → 台州市); None if unknown."""
    ed = edition_for_region(region.strip()) if region and region.strip() else None
    return document_for_edition(ed.id) if ed else None


def document_for_edition(edition_id: str) -> SourceDoc:
    return next(d for d in documents() if d.edition == edition_id)


def document_with_span(passage_id: str) -> DocumentView:
    """The whole source text a passage comes from, with the passage's offsets for highlighting.

    Raises KeyError for an unknown id (ids come from search hits, so that is a programming error).
    """
    p = passage(passage_id)
    d = document_for_edition(p.edition)
    return DocumentView(
        edition=d.edition,
        region=d.region,
        doc=d.doc,
        title=d.title,
        text=d.text(),
        start=p.start,
        end=p.end,
        passage_id=p.id,
    )
