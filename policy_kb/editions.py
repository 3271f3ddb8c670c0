"""Policy editions: each decree as versioned YAML data, every figure with its clause and quote.

Why data over code (OpenFisca/PolicyEngine): a revised decree or another county is a new YAML file
plus tests, not a new code path; and because every entry quotes its sentence verbatim, a test can
prove no figure was invented (tests/test_editions.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from policy_kb.model import Citation
from policy_kb.money import wan
from policy_kb.text import normalise

EDITIONS_DIR = Path(__file__).parent / "editions"
SOURCES_DIR = Path(__file__).parent / "sources"
MONEY_UNITS: dict[str, Callable[[int | float | str | Decimal], int]] = {
    "亿元": lambda v: wan(v) * 10_000,
    "万元": wan,
    "元": int,
}


class UnknownParameter(KeyError):
    """A rule asked for a figure the edition does not state — a programming error, not user error."""


@dataclass(frozen=True)
class Parameter:
    id: str
    label: str
    value: Any  # integer 元 for money; int for percent/years/months/count; str/list/dict otherwise
    unit: str
    citation: Citation
    bound: str = "max"  # "max" (最高/不超过), "min" (不少于/以上/不低于) or "exact" (a plain figure)
    raw_value: Any = None  # the value as written in the YAML (万元 before conversion)


@dataclass(frozen=True)
class Edition:
    id: str
    region: str
    doc: str
    title: str
    effective: str
    source: str
    aliases: tuple[str, ...]
    attachments: dict[str, str] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def __hash__(self) -> int:  # editions are singletons per id
        return hash(self.id)

    def param(self, pid: str) -> Parameter:
        try:
            return self.parameters[pid]
        except KeyError as exc:
            raise UnknownParameter(f"{self.id} has no parameter {pid!r}") from exc

    def has(self, pid: str) -> bool:
        return pid in self.parameters

    def value(self, pid: str) -> Any:
        return self.param(pid).value

    def cite(self, pid: str) -> Citation:
        return self.param(pid).citation

    def source_text(self) -> str:
        return (SOURCES_DIR / self.source).read_text(encoding="utf-8")

    def scope_citation(self) -> Citation:
        """Whom the text is addressed to (主送), i.e. where it applies."""
        scope = self.meta["scope"]
        return Citation(self.doc, scope["clause"], scope["quote"], self.title, self.region)


def display_value(p: Parameter, ed: Edition) -> str | None:
    """A figure as Chinese text with the text's qualifier: 10家以上 (a floor), 不超过15% (a cap), 50万元
    (a plain figure); a count takes its measure word from its label (“…（家）” → 家). None for a
    figure of an edition whose bounds are not checked against the text (show its quote instead)."""
    if p.unit == "list":
        return "、".join(map(str, p.value))
    if p.unit in {"text", "map"}:
        return str(p.value)
    if not ed.meta.get("bounds_checked"):
        return None
    if p.unit in MONEY_UNITS:  # as the text writes it: 5亿元, 30万元
        figure = f"{p.raw_value}{p.unit}"
    elif p.unit == "percent":
        figure = f"{p.raw_value}%"
    elif p.unit in {"years", "months"}:
        figure = f"{p.value}{'年' if p.unit == 'years' else '个月'}"
    elif p.unit == "year":  # a calendar year (含2015年度入选人员)
        figure = f"{p.value}年度"
    else:
        m = re.search(r"（(?:[^（）]*，)?([^（），]+)）$", p.label)
        figure = f"{p.value}{m.group(1) if m else ''}"
    if p.bound == "min":
        return f"{figure}以上"
    if p.bound == "max":
        return f"不超过{figure}"
    return figure


def _load(path: Path) -> Edition:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta = data["edition"]
    params: dict[str, Parameter] = {}
    for entry in data.get("parameters", []):
        pid = entry["id"]
        if pid in params:
            raise ValueError(f"{path.name}: duplicate parameter {pid}")
        unit = entry["unit"]
        raw = entry["value"]
        value = MONEY_UNITS[unit](raw) if unit in MONEY_UNITS else raw
        citation = Citation(
            doc=meta["doc"],
            clause=str(entry["clause"]),
            quote=entry["quote"],
            title=meta["title"],
            region=meta["region"],
        )
        params[pid] = Parameter(
            id=pid,
            label=entry.get("label", pid),
            value=value,
            unit=unit,
            citation=citation,
            bound=entry.get("bound", "max"),
            raw_value=raw,
        )
    return Edition(
        id=meta["id"],
        region=meta["region"],
        doc=meta["doc"],
        title=meta["title"],
        effective=str(meta["effective"]),
        source=meta["source"],
        aliases=tuple(meta.get("aliases", [])),
        attachments=dict(meta.get("attachments", {})),
        parameters=params,
        meta={k: v for k, v in meta.items() if k not in {"id", "region", "doc", "title"}},
    )


@cache
def all_editions() -> dict[str, Edition]:
    """Every edition under editions/, by id (loaded once per process)."""
    return {e.id: e for e in (_load(p) for p in sorted(EDITIONS_DIR.glob("*.yaml")))}


def edition(edition_id: str) -> Edition:
    return all_editions()[edition_id]


# ---- regions: covered by an edition, not covered, or not named ---------------------------------------
# Administrative geography, not policy: places the texts do NOT cover, so a question about them is
# recognised as such instead of falling back to the default county. Each entry: canonical name →
# (level, parent). Short forms (鹿城 for 鹿城区) are derived; names whose short form is an everyday
# word (江山, 开化 …) or another place's name (江北, 普陀 …) are marked "=" and match only in full.
PROVINCE, CITY, COUNTY, TOWN = 1, 2, 3, 4
_OTHER_PROVINCES = (
    "浙江省 北京市 上海市 天津市 重庆市 江苏省 安徽省 福建省 江西省 山东省 河南省 湖北省 湖南省 广东省 "
    "广西壮族自治区 海南省 四川省 贵州省 云南省 西藏自治区 陕西省 甘肃省 青海省 宁夏回族自治区 "
    "新疆维吾尔自治区 内蒙古自治区 河北省 山西省 辽宁省 吉林省 黑龙江省 香港特别行政区 澳门特别行政区 台湾省"
)
_OTHER_CITIES = {
    "浙江省": "温州市 杭州市 宁波市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 丽水市",
    "江苏省": "南京市 苏州市 无锡市 常州市 南通市 徐州市 扬州市",
    "广东省": "广州市 深圳市 东莞市 佛山市 珠海市",
    "福建省": "福州市 厦门市 泉州市",
    "山东省": "济南市 青岛市",
    "安徽省": "合肥市",
    "江西省": "南昌市",
    "湖北省": "武汉市",
    "湖南省": "长沙市",
    "河南省": "郑州市",
    "四川省": "成都市",
    "陕西省": "西安市",
    "辽宁省": "沈阳市 大连市",
}
_OTHER_COUNTIES = {
    # 温州市's districts and counties other than 永嘉县 (2023 division)
    "温州市": "鹿城区 龙湾区 瓯海区 洞头区 瑞安市 乐清市 龙港市 平阳县 苍南县 文成县 泰顺县",
    "杭州市": "上城区 拱墅区 =西湖区 =滨江区 萧山区 余杭区 临平区 钱塘区 富阳区 临安区 桐庐县 淳安县 建德市",
    "宁波市": "海曙区 =江北区 北仑区 镇海区 鄞州区 奉化区 余姚市 慈溪市 象山县 宁海县",
    "嘉兴市": "=南湖区 秀洲区 海宁市 平湖市 桐乡市 嘉善县 海盐县",
    "湖州市": "吴兴区 南浔区 德清县 长兴县 安吉县",
    "绍兴市": "越城区 柯桥区 上虞区 诸暨市 嵊州市 新昌县",
    "金华市": "婺城区 金东区 兰溪市 义乌市 东阳市 永康市 武义县 浦江县 磐安县",
    "衢州市": "柯城区 衢江区 =江山市 =常山县 =开化县 龙游县",
    "舟山市": "定海区 =普陀区 岱山县 嵊泗县",
    "丽水市": "莲都区 龙泉市 青田县 缙云县 遂昌县 松阳县 云和县 庆元县 景宁畲族自治县",
}
# A place written just before one of these words names an honour, a plan or an employer (温州市“580
# 计划”, 浙江省千人计划, 温州大学), not where the talent is.
_NOT_A_PLACE_AFTER = tuple(
    "580 千人 万人 151 551 500精英 首席 海外工程师 文件 领军型 领军人才 人才新政 技能大师 技能大奖 名师 名校长 名医 名(中)医 名中医 杰出 青年拔尖 "
    "特级专家 突出贡献 专业技术拔尖 科学技术 科技进步 重点创新团队 重点国外智力 四个一批 大学 学院 医科 医院 研究院 研究所 科学院 交通大学 理工 师范 "
    # a plan, team or title of that place's level ("入选温州的海外工程人才计划", "温州市级领军团队", "温州评的首席
    # 技师", "温州挂牌的技能大师工作室"). Not a person from there ("上海的专家", "杭州退休的教授"): read as a
    # place, it cost a held-out question its "not covered" answer
    "海外工程 洋工程师 领军 团队 重点 人才十条 计划 名单 科技项目 评 认定 授予 挂牌 技能 技师 工作室 专技 "
    # ("温州宣传文化四个一批 柔性引进 几类", "温州一个市级技能大师工作室的带头师傅", dev78: 二's 市…人员 and 市级… of that city)
    "宣传文化 一个市级 一位市级 一名市级 市级".split()
)
# a place where something was already reviewed or conferred, with a word between ("温州市已经评过的项目",
# "在温州市那边评过一次": 附件1 二（二）'s 温州市 评定结果), not where the talent is
_REVIEWED_AFTER = re.compile(r"^(?:那边|那里|这边|已经|已|曾经|之前|以前)+(?:评|认定|授予|选上|入选|挂牌)")
_SUFFIXES = tuple(
    "特别行政区 壮族自治区 回族自治区 维吾尔自治区 畲族自治县 自治区 省 市 区 县 镇 乡 街道".split()
)


@dataclass(frozen=True)
class Place:
    name: str  # canonical (鹿城区, 永嘉县)
    level: int  # PROVINCE, CITY, COUNTY or TOWN
    parent: str | None
    edition_id: str | None  # the edition covering it, itself or through an ancestor


@dataclass(frozen=True)
class RegionScope:
    """What a region name or a question says about where: covered | uncovered | unknown."""

    status: str
    place: str | None = None  # as written, short form (鹿城)
    edition: Edition | None = None
    parent: str | None = None  # canonical parent of an uncovered place (温州市 for 鹿城区)
    canonical: str | None = None
    also_uncovered: tuple[str, ...] = ()  # uncovered places named beside a covered one


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@cache
def _gazetteer() -> tuple[dict[str, Place], list[tuple[str, str]]]:
    """(canonical name → Place, [(written form, canonical)] longest first)."""
    places: dict[str, Place] = {}
    forms: list[tuple[str, str]] = []

    def add(name: str, level: int, parent: str | None, edition_id: str | None, derive: bool = True) -> None:
        full_only = name.startswith("=")
        name = name.lstrip("=")
        places.setdefault(name, Place(name, level, parent, edition_id))
        forms.append((name, name))
        if derive and not full_only and _short(name) != name:
            forms.append((_short(name), name))

    for name in _OTHER_PROVINCES.split():
        add(name, PROVINCE, None, None)
    for province, cities in _OTHER_CITIES.items():
        for name in cities.split():
            add(name, CITY, province, None)
    for city, counties in _OTHER_COUNTIES.items():
        for name in counties.split():
            add(name, COUNTY, city, None)
    for e in all_editions().values():
        level = {"province": PROVINCE, "city": CITY, "county": COUNTY}[e.meta["level"]]
        places[e.region] = Place(e.region, level, e.meta.get("parent"), e.id)
        forms += [(e.region, e.region), (_short(e.region), e.region)]
        for alias in e.aliases:
            if alias not in (e.region, _short(e.region)):
                add(alias, level + 1, e.region, e.id, derive=False)  # aliases are written forms
    return places, sorted(set(forms), key=lambda f: -len(f[0]))


def _ancestors(places: dict[str, Place], name: str) -> list[str]:
    out, parent = [], places[name].parent
    while parent:
        out.append(parent)
        parent = places[parent].parent if parent in places else None
    return out


# Where a person comes from or keeps their ties ("人事关系还在上海", "从上海全职引进", "之前在杭州工作时入选",
# "通过杭州的单位申报入选")
# is not the place the question is about: such an uncovered place is not a region asked about.
_ORIGIN_BEFORE = re.compile(
    r"(从|来自|原在|原来在|之前在|以前在|曾在|早年在|关系还?在|档案还?在|户口还?在|户籍还?在|社保还?在|人还在"
    # a person hired from there ("请了一位杭州的教授", "想请北京的一位行业大咖", "柔性引进了一名上海的专家")
    # ("我们请了4个上海的专家周末过来指导", dev23: a count of them)
    r"|(?:请了?|聘请了?|聘了|返聘了?|引进了?|柔性引进了?)(?:(?:\d+|[一两二三四五六七八九十几])?[位个名])?"
    # the person described by where they work ("专家是宁波一所高校的", dev57)
    r"|(?:专家|教授|博士|人才|工程师|院士|研究员|医生|他|她)(?:本人)?是"
    # a person referred ("那我推荐的是北京一个研究员，一直在国内", dev30: 三（十）'s 引荐)
    r"|(?:推荐|引荐|介绍)的?(?:人)?是"
    # where a person hired lives ("請了一位溫州市首席技師（住在鹿城區）來廠裡短期兼職", dev59) — not the asker's home
    r"|(?<![我咱])(?:[（(])?(?:他|她|人)?(?:住在|家住|家在|住))$"
)
# ("当年是通过杭州的单位申报入选的": where a plan selection was applied for, 附件1 二（二）'s 以永嘉地; not
# "在鹿城区申报的项目", which is where the talent applies now)
# ("已入选温州的洋工程师项目", "领过温州市重点团队"): the place is the level of an honour the talent holds
_HONOUR_BEFORE = re.compile(r"(入选了?|评为|获评|评上|获得了?|拿了|拿到了?|进了|进入|列入|纳入|领过|当过)$")
_ORIGIN_AFTER = re.compile(
    r"(引进|过来|来的|调来|请来|挖来|聘来|回来|工作时|那边的?(?:工作|单位|学校|大学)"
    r"|(?:单位|企业|公司|高校|大学|学校|医院|研究所|研究院)?(?:申报|推荐)入选"
    # ("我们医院想把上海一个科室整建制挖过来", dev31: the team comes from there)
    # ("把上海一家医院整个科室连人带团队挖过来", dev27)
    # ("想把温州市区一位刚退休的正高级工程师请过来带实训", dev36: the expert is hired from there)
    r"|[^，。？?；;]{0,16}?(?:挖过来|挖过去|引过来|引进过来|调过来|搬过来|请过来|聘过来)"
    # ("他人还在上海原单位", dev34: the expert's employer there)
    r"|原单位|原工作单位|原来的单位)"
)
# ("跟温州市人社局组织的团去德国", dev38): the body that organises a trip or an event (三（八）'s 市级及以上组织人事部门
# 统一组织), not where the asker is
_ORGANISER_AFTER = re.compile(
    r"(?:委)?(?:组织部|人社局|人力社保局|人力资源(?:和社会保障)?局|人才办|招才局|政府)?\S{0,3}?(?:统一)?"
    r"(?:组织|带队|牵头|举办)"
)
# a covered place said not to be the asker's ("不在永嘉"): the other place named is
_DENIED_BEFORE = re.compile(r"(?:不在|不是|不属于|并非|不归)$")


@cache
def _places_named_by_texts() -> dict[str, list[tuple[str, str]]]:
    """Short place name → [(word, covered region)]: places outside every covered region that a text names
    itself (台州 三、10.'s 人才飞地 in 上海、深圳、杭州), from each edition's `places_named`."""
    out: dict[str, list[tuple[str, str]]] = {}
    for e in all_editions().values():
        for entry in e.meta.get("places_named") or ():
            out.setdefault(entry["place"], []).extend((w, e.region) for w in entry["words"])
    return out


# a place at the head of an institution's name (浙江工业大学, 上海理工学院): the institution, not the region
_INSTITUTION_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,4}?(?:大学|学院)")
# where a service is bought ("我们想去杭州找个检测机构做测试，能用吗" after 台州's 科技创新券, dev9, dev28): a
# destination with the provider after it is where the voucher is spent (四、14. 在市外建立一批定点使用单位), not
# where the asker works
_DESTINATION_BEFORE = re.compile(r"(?:去|到)$")
_PROVIDER_AFTER = re.compile(
    r"^(?:的|找|找个|找一家|找家)?(?:一家|一个|个|那家)?\S{0,4}?(?:检测|测试|检验|机构|实验室|平台|服务商)"
)
# a partner's place ("我们跟杭州一家研究所签了合作协议"): where the other party is, not where the asker works
_PARTNER_BEFORE = re.compile(r"(?:跟|与|和|同)$")
_PARTNER_AFTER = re.compile(
    r"^(?:的|一家|一个|一所|一位|一名|那家|那个|那位|某)?(?:研究所|研究院|科研院所|院所|大学|高校|医院|企业|公司|单位|团队|实验室"
    # a person the asker signs with ("跟上海一个博士签了顾问协议", dev57)
    r"|博士|专家|教授|工程师|院士|研究员|医生)"
)
# a person described by where they are ("杭州那边已经退休的正高级工程师", dev57) — not the asker ("我是上海的博士")
_PERSON_AFTER = re.compile(
    # (not "杭州国企给技术人员股权奖励": the place's firm gives, the place is where the question is; nor the bare
    # "宁波 博士", which may be the asker: a word between says a person there is described)
    # ("瑞安的博士 有啥补贴" is the asker too)
    # ("杭州有个退下来的老总工，六十好几了，我们想把他请回来", dev78)
    r"^(?:那边|那里|这边|一位|一个|一名|几位|两位|有个|有一个|有位|有一位|有名)(?:的)?(?:一位|一个|一名|几位|两位)?"
    r"[^，,。.？?；;！!给对向为让和与跟发]{0,10}?"
    r"(?:专家|教授|博士|工程师|院士|研究员|医生|老师|技术人员|技师|总工|师傅|老总|技术员)"
)
_ASKER_BEFORE = re.compile(r"(?:我|我们|本人|咱们)(?:是|在)\S{0,2}$")


def _mentions(text: str) -> list[tuple[str, str]]:
    """(written form, canonical) of each place named in `text`, longest form first, no overlaps.
    An uncovered place that is part of an honour's, a plan's or an employer's name (温州市580计划, 温州大学)
    or where a person comes from (从上海引进, 人事关系在上海) is left out; a covered one counts
    (台州市500精英计划 is 台州's own plan)."""
    places, forms = _gazetteer()
    taken = [False] * len(text)
    found: list[tuple[int, str, str]] = []
    for form, canonical in forms:
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                # 温州市的“海外工程师”, 温州市哪个文件, 温州那个海外工程师 (dev16): the 的, 哪个 or 那个 between the
                # place and the name
                rest = re.sub(
                    r"^[省市县区]?[级里]?(?:的|哪个|哪份|哪一个|那个|这个|那一?项)?[“\"《（(]?",
                    "",
                    text[end:],
                )
                before = text[max(0, start - 8) : start]
                origin = (
                    _ORIGIN_BEFORE.search(before)
                    or _HONOUR_BEFORE.search(before)
                    or _ORIGIN_AFTER.match(rest)
                    or _REVIEWED_AFTER.match(rest)
                    or _ORGANISER_AFTER.match(rest)
                    or (_PARTNER_BEFORE.search(before) and _PARTNER_AFTER.match(text[end:]))
                    or (_DESTINATION_BEFORE.search(before) and _PROVIDER_AFTER.match(text[end:]))
                    or (_PERSON_AFTER.match(text[end:]) and not _ASKER_BEFORE.search(before))
                )
                named_by = [r for w, r in _places_named_by_texts().get(_short(canonical), ()) if w in text]
                if places[canonical].edition_id and _DENIED_BEFORE.search(before):
                    # "我们公司在瑞安，不在永嘉" (dev31): a covered place denied is not where the asker is
                    pass
                elif named_by and not places[canonical].edition_id:
                    # "人才飞地 上海": 台州 三、10.'s own words, ranked after the places really named
                    found.append((start + len(text), named_by[0], named_by[0]))
                elif places[canonical].edition_id or not (
                    rest.startswith(_NOT_A_PLACE_AFTER) or origin or _INSTITUTION_AFTER.match(text[end:])
                ):
                    found.append((start, form, canonical))
            start = text.find(form, start + 1)
    return [(form, canonical) for _, form, canonical in sorted(found)]


@lru_cache(maxsize=4096)
def resolve_region(text: str | None) -> RegionScope:
    """Where a region name or a whole question is about.

    covered: the edition whose region (or one of its places) is named — 瓯北 → 永嘉县, 路桥 → 台州市;
    uncovered: a place none of our texts covers — 温州市 itself, 鹿城 and the other districts of
    温州市, 杭州, 上海 …; unknown: no place named. A place inside another one named with it counts as
    the inner one (温州永嘉 → 永嘉县, 浙江台州 → 台州市); when a covered and an uncovered place are named
    side by side, the covered one answers and the other is listed in `also_uncovered`.
    """
    if not text or not text.strip():
        return RegionScope("unknown")
    places, _ = _gazetteer()
    mentions = _mentions(normalise(text).replace(" ", ""))
    named = {canonical for _, canonical in mentions}
    inner = [(f, c) for f, c in mentions if not any(c in _ancestors(places, o) for o in named)]
    covered = [(f, c) for f, c in inner if places[c].edition_id]
    uncovered = [(f, c) for f, c in inner if not places[c].edition_id]
    if covered:
        form, canonical = covered[0]
        edition_id = places[canonical].edition_id
        assert edition_id is not None  # `covered` holds only places with an edition
        return RegionScope(
            "covered",
            place=form,
            edition=edition(edition_id),
            canonical=canonical,
            also_uncovered=tuple(dict.fromkeys(f for f, _ in uncovered)),
        )
    if uncovered:
        form, canonical = uncovered[0]
        return RegionScope("uncovered", place=form, parent=places[canonical].parent, canonical=canonical)
    return RegionScope("unknown")


def covered_texts() -> str:
    """永嘉县（永委办发〔2016〕82号）和台州市（台市委发〔2018〕39号）: every edition, for the not-covered answer."""
    parts = [f"{e.region}（{e.doc}）" for e in sorted(all_editions().values(), key=lambda e: e.effective)]
    return "和".join(parts) if len(parts) <= 2 else "、".join(parts[:-1]) + "和" + parts[-1]


def not_covered_note(scope: RegionScope, asked: str | None = None) -> tuple[str, list[Citation]]:
    """The answer for a region none of our texts covers (or none named), with the clauses that say
    where each text applies. Never another region's figures."""
    eds = sorted(all_editions().values(), key=lambda e: e.effective)
    citations = [e.scope_citation() for e in eds]
    texts = covered_texts()
    if scope.status != "uncovered":
        what = f"没能识别地区“{asked}”。" if asked else ""
        return (
            f"{what}这些政策是{texts}的，其他地区的人才政策请咨询当地人才工作部门。",
            citations,
        )
    place = scope.place
    assert scope.canonical is not None  # resolve_region names the canonical place of an uncovered one
    places, _ = _gazetteer()
    level = places[scope.canonical].level
    unit = {PROVINCE: "省", CITY: "市", COUNTY: "县（市、区）", TOWN: "乡镇（街道）"}
    notes = (
        [  # the place contains one of our regions (温州市 ⊃ 永嘉县), or is its neighbour (鹿城 | 永嘉)
            f"（{e.region}是{scope.canonical}下辖的{unit[places[e.region].level][0]}，其政策只适用于{e.region}，"
            f"不代表{scope.canonical}本级和其他{unit[places[e.region].level]}）"
            for e in eds
            if e.meta.get("parent") == scope.canonical
        ]
        + [
            f"（{place}与{e.region}同属{scope.parent}，但{e.region}的政策只适用于{e.region}）"
            for e in eds
            if scope.parent and e.meta.get("parent") == scope.parent and places[e.region].level == level
        ]
    )
    why = notes[0] if notes else ""
    text = (
        f"您问的是{place}。这些政策是{texts}的，不适用于{place}{why}，我不能用它们回答{place}的问题。"
        f"{place}的人才政策请咨询当地人才工作部门。如果您是在{'或'.join(e.region for e in eds)}创业创新，"
        "告诉我地区，我按当地政策回答。"
    )
    return text, citations


def edition_for_region(region: str | None) -> Edition | None:
    """The edition covering a region (永嘉/瓯北 → 永嘉县; 台州/椒江 → 台州市); None when the region is not
    covered (温州, 鹿城, 杭州 …) or not named — use `resolve_region` to tell those two apart."""
    scope = resolve_region(region)
    return scope.edition if scope.status == "covered" else None


def regions() -> list[str]:
    return sorted({e.region for e in all_editions().values()})
