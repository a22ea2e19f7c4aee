"""Titles: one or more posts ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"), read for the
officials rule, which finds the name each title belongs to.

Grammar. A *post* is post words ("Chủ tịch", "Phó Bí thư Thường trực", "Ủy viên dự khuyết",
"Trưởng ban", "Chánh", "Giám đốc", "Thứ trưởng", "Quyền Chủ tịch", "nguyên …") followed by
a body: a known one ("UBND tỉnh X", "Tỉnh ủy", "Ban Thường vụ", "Hội đồng TĐKT Trung ương",
"Sở Nội vụ X", "Văn phòng UBND", "Bộ Nội vụ", "Bộ Chính trị", "Trung ương Đảng", "Trung
ương Đoàn", "Hội … Việt Nam" …) or any phrase opened by a body's head noun ("Liên minh Hợp
tác xã tỉnh X", "Trung tâm Y tế huyện Y"). "Thủ tướng" and "Tổng Bí thư" need no body.
Posts joined by ", ", " - " or "kiêm" form a title.

Provinces. A provincial body takes the province its phrase names; else the one province
another post of the same title names ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh - Chủ tịch Hội
đồng TĐKT tỉnh Bắc Giang" → all Bắc Giang); else the province that introduced the list ("Về
phía tỉnh X có các đồng chí: …"); else the host province of the event. A body of a district
or commune ("UBND huyện Y") is not the province's and gets neither key nor province.

Every pattern here is anchored on post words and bounded, so reading is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from tdkt.loaders.articles.facts import Post
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import Context, Span, evidence
from tdkt.loaders.articles.rules.names import SURNAME_WORDS, run_after
from tdkt.loaders.gazetteer import Entry, Gazetteer, Match
from tdkt.text import fold, slug

_SECTORS = (
    r"nội\s+vụ|tài\s+chính|tư\s+pháp|y\s+tế|xây\s+dựng|công\s+thương|ngoại\s+vụ|ngoại\s+giao|"
    r"quốc\s+phòng|công\s+an|kế\s+hoạch\s+và\s+đầu\s+tư|giáo\s+dục\s+và\s+đào\s+tạo|"
    r"giao\s+thông\s+vận\s+tải|nông\s+nghiệp\s+và\s+(?:phát\s+triển\s+nông\s+thôn|môi\s+trường)|"
    r"tài\s+nguyên\s+và\s+môi\s+trường|lao\s+động[\s,\-–]+thương\s+binh\s+và\s+xã\s+hội|"
    r"văn\s+hóa[\s,\-–]+thể\s+thao\s+và\s+du\s+lịch|khoa\s+học\s+và\s+công\s+nghệ|"
    r"thông\s+tin\s+và\s+truyền\s+thông|dân\s+tộc\s+và\s+tôn\s+giáo"
)
_UY = r"(?:ủy|uỷ)"
_TDKT = r"(?:tđkt|thi\s+đua[\s,\-–]*khen\s+thưởng)"
_DBQH = r"(?:đbqh|đại\s+biểu\s+quốc\s+hội)"
_PARTY_BOARDS = r"dân\s+vận|tuyên\s+giáo|tổ\s+chức|kinh\s+tế|nội\s+chính|đối\s+ngoại|kiểm\s+tra"
# Head nouns of other bodies ("Liên minh Hợp tác xã tỉnh X", "Đài Phát thanh và Truyền hình
# tỉnh X", "cơ quan đại diện Bộ …"); the phrase runs to the next punctuation, "tỉnh", "tại".
_BODY_HEADS = (
    r"liên\s+minh|liên\s+đoàn|liên\s+hiệp|hội|đài|báo|trung\s+tâm|tổng\s+cục|chi\s+cục|cục|"
    r"viện|trường|bệnh\s+viện|tổng\s+công\s+ty|công\s+ty|ngân\s+hàng|kho\s+bạc|"
    r"bảo\s+hiểm\s+xã\s+hội|công\s+an|bộ\s+chỉ\s+huy|bộ\s+đội\s+biên\s+phòng|đảng\s+ủy|"
    r"đảng\s+uỷ|huyện\s+ủy|huyện\s+uỷ|thị\s+ủy|thị\s+uỷ|tỉnh\s+đoàn|thành\s+đoàn|"
    r"ban\s+chỉ\s+đạo|ban\s+quản\s+lý|cơ\s+quan\s+đại\s+diện|phòng"
)
_CAPITAL = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# A district or commune by name ("huyện Mường Tè"; not the "xã" of "Hợp tác xã").
_LOCAL = rf"(?:huyện|quận|thị\s+xã|thị\s+trấn|xã|phường)\s+(?-i:[{_CAPITAL}])"
# A personal name starting: a surname and a capitalised syllable ("… Trung tâm X Lê Văn An").
_NAME_AHEAD = rf"(?-i:(?:{'|'.join(SURNAME_WORDS)})\s+[{_CAPITAL}])"
_BODY_WORD = (
    rf"(?:\s+(?!(?:tỉnh|thành\s+phố|tp|tại|và\s+các|kiêm|nguyên)\b|{_LOCAL}|{_NAME_AHEAD})"
    r"[^\W\d_][\w&\-]*)"
)
# (code, pattern, provincial): a provincial body's key is "{code}-{province key}". Order
# matters: a longer body before the shorter one it starts with.
_ORGS: tuple[tuple[str, str, bool], ...] = (
    (
        "ubmttq-tw",
        rf"{_UY}\s+ban\s+trung\s+ương\s+(?:mttq|mặt\s+trận\s+tổ\s+quốc)(?:\s+việt\s+nam)?",
        False,
    ),
    ("ubmttq", rf"{_UY}\s+ban\s+(?:mttq|mặt\s+trận\s+tổ\s+quốc)(?:\s+việt\s+nam)?", True),
    ("ubnd", rf"(?:ubnd|{_UY}\s+ban\s+nhân\s+dân)", True),
    ("hdnd", r"(?:hđnd|hội\s+đồng\s+nhân\s+dân)", True),
    ("ban-thuong-vu-tinh-uy", rf"ban\s+thường\s+vụ(?:\s+(?:tỉnh|thành)\s+{_UY})?", True),
    ("ubkt-tw", rf"{_UY}\s+ban\s+kiểm\s+tra\s+(?:trung\s+ương|tw)", False),
    ("ubkt-tinh-uy", rf"{_UY}\s+ban\s+kiểm\s+tra\s+(?:tỉnh|thành)\s+{_UY}", True),
    ("tinh-uy", rf"(?:tỉnh|thành)\s+{_UY}", True),
    ("bch-dang-bo", r"(?:ban\s+chấp\s+hành|bch)\s+đảng\s+bộ(?:\s+(?:tỉnh|thành\s+phố))?", True),
    ("doan-dbqh", rf"đoàn\s+{_DBQH}", True),
    ("hoi-dong-tdkt", rf"hội\s+đồng\s+{_TDKT}", True),
    ("ban-tdkt", rf"ban\s+{_TDKT}", True),
    ("ban-dang-tw", rf"ban\s+(?:{_PARTY_BOARDS})\s+(?:trung\s+ương|tw)", False),
    ("ban-dang", rf"ban\s+(?:{_PARTY_BOARDS})\s+(?:tỉnh|thành)\s+{_UY}", True),
    ("so", rf"sở\s+(?:{_SECTORS})", True),
    (
        "van-phong",
        rf"văn\s+phòng\s+(?:chủ\s+tịch\s+nước|chính\s+phủ|quốc\s+hội|trung\s+ương\s+đảng|"
        rf"bộ\s+(?:{_SECTORS}))",
        False,
    ),
    (
        "van-phong-tinh",
        rf"văn\s+phòng\s+(?:ubnd|{_UY}\s+ban\s+nhân\s+dân|hđnd|hội\s+đồng\s+nhân\s+dân|"
        rf"(?:tỉnh|thành)\s+{_UY}|đoàn\s+{_DBQH}(?:\s+và\s+(?:hđnd|hội\s+đồng\s+nhân\s+dân))?)",
        True,
    ),
    ("thanh-tra", r"thanh\s+tra(?=\s+(?:tỉnh|thành\s+phố|tp)\b)", True),
    ("bo", rf"bộ\s+(?:{_SECTORS})", False),
    ("bo-chinh-tri", r"bộ\s+chính\s+trị", False),
    (
        "nuoc",
        r"nước(?:\s+(?:cộng\s+h[òo]a\s+(?:xã\s+hội\s+chủ\s+nghĩa|xhcn)|chxhcn)\s+việt\s+nam)?",
        False,
    ),
    ("tw-doan", r"(?:ban\s+chấp\s+hành\s+)?trung\s+ương\s+đoàn", False),
    (
        "bch",
        r"(?:ban\s+chấp\s+hành\s+|bch\s+)?trung\s+ương\s+đảng|ban\s+chấp\s+hành\s+trung\s+ương",
        False,
    ),
    ("chinh-phu", r"chính\s+phủ", False),
    ("quoc-hoi", r"quốc\s+hội", False),
    (
        "mass",
        r"(?-i:(?:Hội|Tổng\s+Liên\s+đoàn|Liên\s+minh)\s+[A-ZĐÀ-Ỹ]\w*(?:\s+\w+){0,3}?"
        r"\s+Việt\s+Nam)",
        False,
    ),
    ("body", rf"(?:{_BODY_HEADS})(?:\s+{_TDKT})?{_BODY_WORD}{{0,8}}", True),
)
_PROVINCIAL = {code for code, _, provincial in _ORGS if provincial}
# Bodies keyed by the name as written (slug), as there is one of each kind per province only
# in name: "Sở Nội vụ", "Văn phòng UBND", "Liên minh Hợp tác xã".
_KEYED_BY_LABEL = {"so", "van-phong-tinh", "ban-dang", "body"}
# The national bodies, by the name the organisations table knows them by.
_NATIONAL_NAMES = {
    "nuoc": "Chủ tịch nước",
    "bch": "Ban Chấp hành Trung ương",
    "bo-chinh-tri": "Bộ Chính trị",
    "chinh-phu": "Chính phủ",
    "quoc-hoi": "Quốc hội",
    "hoi-dong-tdkt-tw": "Hội đồng Thi đua - Khen thưởng Trung ương",
    "ban-tdkt-tw": "Ban Thi đua - Khen thưởng Trung ương",
}
_ROLE = (
    r"(?:quyền\s+)?(?:phó\s+)?(?:tổng\s+bí\s+thư|bí\s+thư|chủ\s+tịch|chủ\s+nhiệm|"
    r"tổng\s+giám\s+đốc|giám\s+đốc|chánh(?=\s+(?:văn\s+phòng|thanh\s+tra)\b)|"
    r"thủ\s+tướng|bộ\s+trưởng|thứ\s+trưởng|cục\s+trưởng|vụ\s+trưởng|tổng\s+biên\s+tập|"
    r"trưởng\s+(?:ban|đoàn|phòng)(?=\s+(?:thường\s+trực\s+)?(?:ban|đoàn|phòng)\b)|"
    r"trưởng(?=\s+(?:ban|đoàn|phòng)\b)|"
    rf"{_UY}\s+viên(?:\s+dự\s+khuyết)?)"
    r"(?:\s+(?:thường\s+trực|thứ\s+nhất))?"
)
# Post words alone, as the officials rule passes over them ("Vụ trưởng - Giám đốc …").
BARE_ROLE = _ROLE
# Posts that name their body by themselves ("Thủ tướng Phạm Minh Chính"), and that body.
_ALONE = r"(?:phó\s+)?thủ\s+tướng|tổng\s+bí\s+thư"
_ALONE_BODY = {"thu tuong": "chinh-phu", "tong bi thu": "bch"}
_POST = re.compile(
    rf"(?<!\w)(?P<former>nguyên\s+)?(?:(?P<role>{_ROLE})\s+(?P<org>"
    + "|".join(f"(?P<{code.replace('-', '_')}>{pattern})" for code, pattern, _ in _ORGS)
    + rf")|(?P<alone>{_ALONE}))(?!\w)",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(rf"(?<!\w){_ROLE}", re.IGNORECASE)
_CENTRAL = re.compile(r"\s+(?:trung\s+ương|tw)(?!\w)", re.IGNORECASE)
# Units below the province: their bodies are not the province's.
_LOCAL_UNIT = re.compile(
    r"\s+(?:huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|thành\s+phố|tp\.?)(?!\w)", re.IGNORECASE
)
_LOCAL_CODE = "local"
_GLUED = re.compile(rf" (?-i:[{_CAPITAL}])")
_UNIT_WORD = re.compile(r"\s+(?:tỉnh|thành\s+phố|tp\.?)(?!\w)", re.IGNORECASE)
# Words that introduce a province's delegation: "Về phía tỉnh X", "Đoàn đại biểu tỉnh X".
_LEAD_IN = re.compile(
    r"(?:về\s+phía|đoàn\s+(?:đại\s+biểu|công\s+tác))(?:\s+lãnh\s+đạo)?\s*$", re.IGNORECASE
)
_LEAD_WINDOW = 30
_SPACES = re.compile(r"\s*")
_LINK = re.compile(r"\s*(?:,|-|–|\bkiêm\b)\s*")
# A post as read, its body's code (from ``_ORGS``, "-tw" added for a central council) and
# whether the post named its province itself.
_Found = tuple[Post, str, bool]


@dataclass(frozen=True)
class Title:
    """Posts joined into one title; ``start``/``end`` bound it in the article text."""

    start: int
    end: int
    posts: tuple[Post, ...]
    # The title ends in a place or body name that runs into more capitalised words: a name
    # glued to it ("… huyện Bắc Trà My Nguyễn Văn A") cannot be told from the place.
    open_end: bool = False


def titles(
    article: Article,
    paragraph: Span,
    provinces: list[Match],
    context: Context,
    gazetteer: Gazetteer,
) -> list[Title]:
    """Every title in a paragraph, in text order, each post with its organisation."""
    chains = _chains(_posts(article, paragraph, provinces), paragraph.text, paragraph.start)
    leads = _lead_ins(paragraph, provinces)
    starts = [lead.end for lead in leads]
    result = []
    for chain in chains:
        start = chain[0][0].evidence.start
        before = bisect_right(starts, start)
        default = leads[before - 1].entry if before else context.host
        last, end = chain[-1], chain[-1][0].evidence.end
        posts = _settle(chain, default, gazetteer)
        result.append(Title(start, end, posts, _open_end(last, paragraph, end)))
    return result


def has_post(text: str) -> bool:
    """Whether the text holds post words at all (a cheap test before the full reading)."""
    return _ROLE_WORDS.search(text) is not None


def _open_end(last: _Found, paragraph: Span, end: int) -> bool:
    """Whether a title ends in a proper name that runs straight into more capitalised words
    ("Huyện ủy Mường Tè Lò Văn Hải"): where the place ends and a name starts is unmarked."""
    post, code, _ = last
    return (
        code in (_LOCAL_CODE, "body")
        and post.title.split()[-1][0].isupper()
        and _GLUED.match(paragraph.text, end - paragraph.start) is not None
    )


def _lead_ins(paragraph: Span, provinces: list[Match]) -> list[Match]:
    """Provinces that introduce the people listed after them ("Về phía tỉnh X có …")."""
    text, base = paragraph.text, paragraph.start
    return [
        p
        for p in provinces
        if _LEAD_IN.search(text, max(0, p.start - base - _LEAD_WINDOW), p.start - base)
    ]


def _posts(article: Article, paragraph: Span, provinces: list[Match]) -> list[_Found]:
    """Posts in text order, each with its body code and whether it named its province."""
    by_start: dict[int, Match] = {}
    for province in provinces:
        by_start.setdefault(province.start, province)
    found = []
    for match in _POST.finditer(paragraph.text):
        if match.group("alone"):
            found.append(_alone(article, paragraph, match))
            continue
        code = next(c for c, _, _ in _ORGS if match.group(c.replace("-", "_")))
        end = match.end()
        province = None
        central = (
            _CENTRAL.match(paragraph.text, end) if code in ("hoi-dong-tdkt", "ban-tdkt") else None
        )
        if central:
            end = central.end()
        elif code in _PROVINCIAL:
            after = _province_at(by_start, paragraph, end)
            if after is not None:
                province, end = after.entry, after.end - paragraph.start
            elif local := _local_unit(paragraph.text, end):
                code, end = _LOCAL_CODE, local
            else:
                unit = _UNIT_WORD.match(paragraph.text, end)
                end = unit.end() if unit else end
        start = paragraph.start + match.start()
        post = Post(
            title=paragraph.text[match.start() : end].strip(),
            role=_role(match.group("role"), match.group("org")),
            former=match.group("former") is not None,
            organization_key=None,
            organization_label=match.group("org"),
            province=province,
            evidence=evidence(article, start, paragraph.start + end),
        )
        found.append((post, f"{code}-tw" if central else code, province is not None))
    return found


def _alone(article: Article, paragraph: Span, match: re.Match[str]) -> _Found:
    """A post that names its body by itself: "Thủ tướng" is of the Government."""
    role = match.group("alone")
    code = next(c for word, c in _ALONE_BODY.items() if fold(role).endswith(word))
    start, end = paragraph.start + match.start(), paragraph.start + match.end()
    post = Post(
        title=paragraph.text[match.start() : match.end()],
        role=role,
        former=match.group("former") is not None,
        organization_key=None,
        organization_label=None,
        province=None,
        evidence=evidence(article, start, end),
    )
    return post, code, False


def _role(role: str, org: str) -> str:
    """The post words; "Trưởng" of "Trưởng Ban X" is "Trưởng ban" ("Trưởng đoàn" alike),
    "Chánh" of "Chánh Văn phòng X" / "Chánh Thanh tra X" takes the body's two words."""
    if fold(role).endswith("truong") and fold(org).startswith(("ban ", "doan ", "phong ")):
        return f"{role} {org.split()[0].lower()}"
    if fold(role).endswith("chanh"):
        return f"{role} {' '.join(org.split()[:2])}"
    return role


def _province_at(provinces: dict[int, Match], paragraph: Span, end: int) -> Match | None:
    """The province named right after a body ("UBND tỉnh Bắc Kạn", "Sở Nội vụ Bình Định");
    ``provinces`` by start offset."""
    return provinces.get(paragraph.start + _SPACES.match(paragraph.text, end).end())


def _local_unit(text: str, end: int) -> int | None:
    """Where a district or commune named after a body ends ("UBND huyện Bắc Trà My", "Đảng
    ủy xã Tân Lập"): the unit word and up to four capitalised words; None if none follows."""
    unit = _LOCAL_UNIT.match(text, end)
    if unit is None:
        return None
    words = run_after(text, unit.end() + 1)
    if not words and "thành" in unit.group().lower():
        return None  # "UBND thành phố" alone is the centrally-run city the text is about
    return words[-1].end() if words else unit.end()


def _resolve(post: Post, code: str, province: Entry | None, gazetteer: Gazetteer) -> Post:
    """The post with its organisation key (docs/model.md: national bodies by the name the
    organisations table gives, provincial bodies ``{body}-{province}``; a district's or a
    commune's body has no key, as no table lists them)."""
    if code == _LOCAL_CODE:
        return replace(post, organization_key=None, province=None)
    if code in _PROVINCIAL:
        body = slug(post.organization_label or "") if code in _KEYED_BY_LABEL else code
        key = f"{body}-{province.key}" if province is not None else None
        return replace(post, organization_key=key, province=province)
    name = _NATIONAL_NAMES.get(code, post.organization_label or "")
    entry = gazetteer.organization(name)
    return replace(post, organization_key=entry.key if entry else slug(name), province=None)


def _chains(posts: list[_Found], text: str, base: int) -> list[list[_Found]]:
    """Posts joined by ", " / " - " into titles."""
    chains: list[list[_Found]] = []
    for item in posts:
        if chains:
            last = chains[-1][-1][0]
            gap = text[last.evidence.end - base : item[0].evidence.start - base]
            if _LINK.fullmatch(gap):
                chains[-1].append(item)
                continue
        chains.append([item])
    return chains


def _settle(chain: list[_Found], default: Entry | None, gazetteer: Gazetteer) -> tuple[Post, ...]:
    """Give each post its organisation; unnamed provinces come from the title, else the
    province the list was introduced with, else the host (a body known only by its head noun,
    "Trung tâm …", takes only the province it names)."""
    named = {p.province.key: p.province for p, _, has in chain if has and p.province}
    fallback = next(iter(named.values())) if len(named) == 1 else default
    return tuple(
        _resolve(post, code, post.province or (fallback if _inherits(code) else None), gazetteer)
        for post, code, _ in chain
    )


def _inherits(code: str) -> bool:
    return code in _PROVINCIAL and code != "body"
