"""Titles: one or more posts ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"), read for the
officials rule, which finds the name each title belongs to.

Grammar. A *post* is post words ("Chủ tịch", "Phó Bí thư Thường trực", "Ủy viên",
"Trưởng ban", "Giám đốc", "Thứ trưởng", "Quyền Chủ tịch" …) followed by an organisation
phrase ("UBND tỉnh X", "Tỉnh ủy", "HĐND tỉnh", "Hội đồng TĐKT Trung ương", "Sở Nội vụ X",
"Bộ Nội vụ", "Văn phòng Chủ tịch nước", "nước", "Trung ương Đảng", "Hội … Việt Nam" …).
Posts joined by ", " or " - " form a title.

Provinces. A provincial body takes the province its phrase names; else the one province
another post of the same title names ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh - Chủ tịch Hội
đồng TĐKT tỉnh Bắc Giang" → all Bắc Giang); else the host province of the event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tdkt.loaders.articles.facts import Post
from tdkt.loaders.articles.reader import Article
from tdkt.loaders.articles.rules.common import Context, Span, evidence
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
# (code, pattern, provincial): a provincial body's key is "{code}-{province key}".
_ORGS: tuple[tuple[str, str, bool], ...] = (
    ("ubmttq", rf"{_UY}\s+ban\s+(?:mttq|mặt\s+trận\s+tổ\s+quốc)\s+việt\s+nam", True),
    ("ubnd", rf"(?:ubnd|{_UY}\s+ban\s+nhân\s+dân)", True),
    ("hdnd", r"(?:hđnd|hội\s+đồng\s+nhân\s+dân)", True),
    ("ban-thuong-vu-tinh-uy", rf"ban\s+thường\s+vụ\s+(?:tỉnh|thành)\s+{_UY}", True),
    ("tinh-uy", rf"(?:tỉnh|thành)\s+{_UY}", True),
    ("hoi-dong-tdkt", rf"hội\s+đồng\s+{_TDKT}", True),
    ("ban-tdkt", rf"ban\s+{_TDKT}", True),
    ("so", rf"sở\s+(?:{_SECTORS})", True),
    (
        "van-phong",
        r"văn\s+phòng\s+(?:chủ\s+tịch\s+nước|chính\s+phủ|quốc\s+hội|trung\s+ương\s+đảng)",
        False,
    ),
    ("bo", rf"bộ\s+(?:{_SECTORS})", False),
    (
        "nuoc",
        r"nước(?:\s+(?:cộng\s+h[òo]a\s+(?:xã\s+hội\s+chủ\s+nghĩa|xhcn)|chxhcn)\s+việt\s+nam)?",
        False,
    ),
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
)
_PROVINCIAL = {code for code, _, provincial in _ORGS if provincial}
# The national bodies, by the name the organisations table knows them by.
_NATIONAL_NAMES = {
    "nuoc": "Chủ tịch nước",
    "bch": "Ban Chấp hành Trung ương",
    "chinh-phu": "Chính phủ",
    "quoc-hoi": "Quốc hội",
    "hoi-dong-tdkt-tw": "Hội đồng Thi đua - Khen thưởng Trung ương",
    "ban-tdkt-tw": "Ban Thi đua - Khen thưởng Trung ương",
}
_ROLE = (
    r"(?:quyền\s+)?(?:phó\s+)?(?:tổng\s+bí\s+thư|bí\s+thư|chủ\s+tịch|chủ\s+nhiệm|"
    r"tổng\s+giám\s+đốc|giám\s+đốc|chánh\s+văn\s+phòng|thủ\s+tướng|bộ\s+trưởng|thứ\s+trưởng|"
    rf"cục\s+trưởng|vụ\s+trưởng|trưởng(?=\s+ban\b)|{_UY}\s+viên)"
    r"(?:\s+(?:thường\s+trực|thứ\s+nhất))?"
)
_POST = re.compile(
    rf"(?<!\w)(?P<role>{_ROLE})\s+(?P<org>"
    + "|".join(f"(?P<{code.replace('-', '_')}>{pattern})" for code, pattern, _ in _ORGS)
    + r")(?!\w)",
    re.IGNORECASE,
)
_CENTRAL = re.compile(r"\s+(?:trung\s+ương|tw)(?!\w)", re.IGNORECASE)
_UNIT_WORD = re.compile(r"\s+(?:tỉnh|thành\s+phố|tp\.?)(?!\w)", re.IGNORECASE)
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


def titles(
    article: Article,
    paragraph: Span,
    provinces: list[Match],
    context: Context,
    gazetteer: Gazetteer,
) -> list[Title]:
    """Every title in a paragraph, in text order, each post with its organisation."""
    chains = _chains(_posts(article, paragraph, provinces), paragraph.text, paragraph.start)
    return [
        Title(
            chain[0][0].evidence.start,
            chain[-1][0].evidence.end,
            _settle(chain, context, gazetteer),
        )
        for chain in chains
    ]


def _posts(article: Article, paragraph: Span, provinces: list[Match]) -> list[_Found]:
    """Posts in text order, each with its body code and whether it named its province."""
    found = []
    for match in _POST.finditer(paragraph.text):
        code = next(c for c, _, _ in _ORGS if match.group(c.replace("-", "_")))
        end = match.end()
        province = None
        central = (
            _CENTRAL.match(paragraph.text, end) if code in ("hoi-dong-tdkt", "ban-tdkt") else None
        )
        if central:
            end = central.end()
        elif code in _PROVINCIAL:
            after = _province_at(provinces, paragraph, end)
            if after is not None:
                province, end = after.entry, after.end - paragraph.start
            else:
                unit = _UNIT_WORD.match(paragraph.text, end)
                end = unit.end() if unit else end
        start = paragraph.start + match.start()
        post = Post(
            title=paragraph.text[match.start() : end].strip(),
            role=_role(match.group("role"), match.group("org")),
            organization_key=None,
            organization_label=match.group("org"),
            province=province,
            evidence=evidence(article, start, paragraph.start + end),
        )
        found.append((post, f"{code}-tw" if central else code, province is not None))
    return found


def _role(role: str, org: str) -> str:
    """The post words; "Trưởng" of "Trưởng Ban X" is "Trưởng ban"."""
    if fold(role).endswith("truong") and fold(org).startswith("ban "):
        return f"{role} {org.split()[0].lower()}"
    return role


def _province_at(provinces: list[Match], paragraph: Span, end: int) -> Match | None:
    """The province named right after a body ("UBND tỉnh Bắc Kạn", "Sở Nội vụ Bình Định")."""
    rest = paragraph.text[end:]
    start = paragraph.start + end + len(rest) - len(rest.lstrip())
    return next((p for p in provinces if p.start == start), None)


def _resolve(post: Post, code: str, province: Entry | None, gazetteer: Gazetteer) -> Post:
    """The post with its organisation key (docs/model.md: national bodies by the name the
    organisations table gives, provincial bodies ``{body}-{province}``)."""
    if code in _PROVINCIAL:
        body = slug(post.organization_label or "") if code == "so" else code
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


def _settle(chain: list[_Found], context: Context, gazetteer: Gazetteer) -> tuple[Post, ...]:
    """Give each post its organisation; unnamed provinces come from the title, else the host."""
    named = {p.province.key: p.province for p, _, has in chain if has and p.province}
    fallback = next(iter(named.values())) if len(named) == 1 else context.host
    return tuple(
        _resolve(
            post, code, post.province or (fallback if code in _PROVINCIAL else None), gazetteer
        )
        for post, code, _ in chain
    )
