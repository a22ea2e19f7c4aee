"""The grammar of an award's name: a form, its class or qualifiers, and who gives it.

Vietnamese writes an award as a form ("Cờ thi đua", "Bằng khen", "Giấy khen", "Huân chương
Lao động hạng Ba", an emulation title such as "Tập thể Lao động xuất sắc" or "Chiến sĩ thi
đua cấp tỉnh"), sometimes a qualifier ("xuất sắc", "toàn diện") or the flag's inscription in
quotes (Cờ “Đơn vị dẫn đầu phong trào thi đua”), then "của" and the giving body ("của Thủ
tướng Chính phủ", "của UBND tỉnh", "của Liên minh hợp tác xã Việt Nam"). The inscription
alone names the flag too ("tặng “Đơn vị xuất sắc trong phong trào thi đua”").

``find_forms`` reads those names; ``canonical`` gives the name the award-type table uses for
a form and giver ("cờ thi đua xuất sắc của tỉnh" → "Cờ thi đua của Ủy ban nhân dân tỉnh"), so
one award type has one IRI whatever the wording. The giver named before the award ("Chủ tịch
UBND tỉnh tặng Bằng khen") is the rule module's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Orders of the State (Luật Thi đua, khen thưởng 2022, Điều 34): a closed list.
_ORDERS = (
    "Sao vàng|Hồ Chí Minh|Độc lập|Quân công|Lao động|Bảo vệ Tổ quốc|Chiến công|Dũng cảm|"
    "Đại đoàn kết dân tộc|Hữu nghị"
)
_CLASS = r"(?:\s+hạng\s+(?P<grade>Nhất|Nhì|Ba))?"
_QUOTE = r"[\"“][^\"”\n]{3,80}[\"”]"
_INSCRIPTION = r"[\"“]\s*Đơn\s+vị\s+(?:xuất\s+sắc|dẫn\s+đầu)[^\"”\n]{0,60}[\"”]"
_QUALIFIER = r"(?:\s+(?:xuất\s+sắc|toàn\s+diện|phong\s+trào|chuyên\s+đề|đột\s+xuất))?"
_TITLE = (
    r"Tập\s+thể\s+lao\s+động\s+(?:xuất\s+sắc|tiên\s+tiến)"
    r"|Chiến\s+sĩ\s+thi\s+đua\s+(?:toàn\s+quốc|cấp\s+tỉnh|cấp\s+bộ|cơ\s+sở)"
    r"|Lao\s+động\s+tiên\s+tiến|Chiến\s+sĩ\s+tiên\s+tiến"
)
# Words that end a body's name: the sentence goes on ("… cho 5 tập thể", "… năm 2023").
_BODY_STOP = (
    r"(?:cho|đối|năm|về|vì|đã|tặng|trao|với|tại|theo|của|để|do|trong|gồm|là|nhằm|được|"
    r"và\s+(?:bằng|cờ|giấy|huân|danh|các|những))(?!\w)"
)
# Who gives it, after "của": the few bodies the statute names, else an organisation's name.
_GIVER = (
    r"(?P<ttg>Thủ\s+tướng(?:\s+Chính\s+phủ)?)"
    r"|(?P<cp>Chính\s+phủ)"
    r"|(?P<ctn>Chủ\s+tịch\s+nước)"
    r"|(?P<ubnd>(?:Chủ\s+tịch\s+)?(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)"
    r"(?:\s+(?:cấp\s+)?(?:tỉnh|thành\s+phố))?|tỉnh)"
    r"|(?P<body>(?:Bộ|Ban|Ủy\s+ban|Uỷ\s+ban|Liên\s+minh|Liên\s+đoàn|Tổng\s+Liên\s+đoàn|Hội|"
    r"Trung\s+ương|Tỉnh\s+ủy|Tỉnh\s+uỷ|Đảng\s+ủy|Mặt\s+trận)"
    rf"(?:\s+(?!{_BODY_STOP})[\wÀ-ỹ]+){{0,8}})"
)
_FORM = re.compile(
    rf"(?<!\w)(?:"
    rf"(?P<order>Huân\s+chương\s+(?P<order_name>{_ORDERS})){_CLASS}"
    rf"|(?P<flag>Cờ\s+thi\s+đua{_QUALIFIER}|Cờ\s+{_QUOTE}|Cờ(?=\s+của\s)|{_INSCRIPTION})"
    rf"|(?P<merit>Bằng\s+khen{_QUALIFIER})"
    rf"|(?P<paper>Giấy\s+khen)"
    rf"|(?P<title>{_TITLE})"
    rf")(?:\s*của\s*(?P<giver>{_GIVER}))?",
    re.IGNORECASE,
)
_CAPITAL_GIVER = re.compile(r"[A-ZĐÀ-Ỹ]")

COMMENDATION, EMULATION = "CommendationForm", "EmulationTitle"
COLLECTIVE, INDIVIDUAL = "Collective", "Individual"


@dataclass(frozen=True)
class AwardForm:
    """One award name as written: the canonical type name, the giver's kind ("ttg", "cp",
    "ctn", "ubnd", "body" or None when not named) and the body's name as written."""

    start: int
    end: int
    text: str
    form: str  # "order", "flag", "merit", "paper" or "title"
    name: str  # canonical type name ("Huân chương Lao động hạng Ba")
    giver: str | None
    giver_text: str | None

    @property
    def kind(self) -> str:
        """Emulation title (danh hiệu) or commendation form (hình thức khen thưởng)."""
        return EMULATION if self.form in ("flag", "title") else COMMENDATION

    @property
    def recipients(self) -> tuple[str, ...]:
        """Who can receive it: a flag or a collective title goes to collectives."""
        if self.form == "flag" or self.name.lower().startswith("tập thể"):
            return (COLLECTIVE,)
        if self.form == "title":
            return (INDIVIDUAL,)
        return (COLLECTIVE, INDIVIDUAL)


def find_forms(text: str, offset: int = 0) -> list[AwardForm]:
    """Every award name in text order, offsets shifted by ``offset``."""
    found = []
    for match in _FORM.finditer(text):
        giver, giver_text = _giver(match)
        end = match.end() if giver else _form_end(match)
        found.append(
            AwardForm(
                offset + match.start(),
                offset + end,
                text[match.start() : end],
                _form(match),
                canonical(_form(match), match, giver, giver_text),
                giver,
                giver_text,
            )
        )
    return found


def _form(match: re.Match[str]) -> str:
    return next(g for g in ("order", "flag", "merit", "paper", "title") if match.group(g))


def _form_end(match: re.Match[str]) -> int:
    return max(match.end(g) for g in ("order", "grade", "flag", "merit", "paper", "title"))


def _giver(match: re.Match[str]) -> tuple[str | None, str | None]:
    if not match.group("giver"):
        return None, None
    kind = next(g for g in ("ttg", "cp", "ctn", "ubnd", "body") if match.group(g))
    text = " ".join(match.group("giver").split())
    if kind == "body" and not _CAPITAL_GIVER.match(text):
        return None, None
    return kind, text


def canonical(
    form: str, match: re.Match[str] | None, giver: str | None, giver_text: str | None
) -> str:
    """The type name the table uses for a form given by ``giver``; a form the table does not
    hold keeps its own words ("Cờ thi đua của Liên minh hợp tác xã Việt Nam")."""
    if form == "order" and match is not None:
        grade = f" hạng {match.group('grade').capitalize()}" if match.group("grade") else ""
        return f"Huân chương {' '.join(match.group('order_name').split())}{grade}"
    if form == "title" and match is not None:
        return _title(" ".join(match.group("title").split()))
    word = {"flag": "Cờ thi đua", "merit": "Bằng khen", "paper": "Giấy khen"}[form]
    if giver in ("cp", "ttg") and form == "flag":
        return "Cờ thi đua của Chính phủ"
    if giver in ("cp", "ttg") and form == "merit":
        return "Bằng khen của Thủ tướng Chính phủ"
    if giver == "ubnd" and form == "flag":
        return "Cờ thi đua của Ủy ban nhân dân tỉnh"
    if giver == "ubnd" and form == "merit":
        return "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh"
    if giver == "body" and giver_text:
        return f"{word} của {giver_text}"
    return word


def _title(title: str) -> str:
    """Emulation titles under the table's names ("Chiến sĩ thi đua cấp tỉnh" is the table's
    "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh")."""
    folded = title.lower()
    if folded.startswith("chiến sĩ thi đua cấp"):
        return "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh"
    if folded.startswith("tập thể"):
        return "Tập thể lao động " + folded.split("lao động ", 1)[1]
    return title[0].upper() + title[1:]
