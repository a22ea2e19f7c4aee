"""Reading articles: formats, encodings, errors, and the layout of real portal pages."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tdkt.errors import InputError
from tdkt.loaders.articles.reader import MAX_BYTES, Article, parse_article, read_article


def _formats(fixtures_dir: Path) -> Path:
    return fixtures_dir / "articles" / "formats"


def _check_offsets(article: Article) -> None:
    if article.title_span is not None:
        start, end = article.title_span
        assert article.text[start:end] == article.title
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip() and paragraph.text


# --------------------------------------------------------------------------- real articles

# Answer key for the five corpus articles (short quotes only).
CORPUS = {
    "000_93dfd16ce8d20f0d": (
        "Cụm thi đua các tỉnh trung du và miền núi phía Bắc sơ kết",
        date(2022, 7, 28),
        None,
        "Hương Dịu",
        None,
    ),
    "001_a8b3c08234c141ac": (
        "Hội nghị tổng kết giao ước thi đua năm 2023 Cụm thi đua",
        date(2024, 3, 29),
        datetime(2024, 3, 29, 17, 58),
        None,
        "Báo Bình Định",
    ),
    "002_6a2b356a64c4720c": (
        "Cụm thi đua 9 tỉnh đồng bằng Sông Hồng: Tổng kết",
        date(2019, 3, 21),
        None,
        "Bùi Tuấn",
        "Ban Thi đua, Khen thưởng - Sở Nội vụ",
    ),
    "003_f5499bc3bc7e4f1f": (
        "Phó Chủ tịch nước Đặng Thị Ngọc Thịnh: Cần đổi mới",
        date(2017, 3, 17),
        datetime(2017, 3, 17, 17, 57),
        "Mạnh Hà",
        "TTXVN",
    ),
    "004_21de7a43f13c924f": (
        "Tiếp tục đổi mới toàn diện, sáng tạo việc tổ chức",
        date(2023, 6, 2),
        None,
        "Ngọc Tú",
        None,
    ),
}

# What no content paragraph may contain: widgets, counters, calendars, forms, CMS ids.
BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"PublishingPortal",
        r"Block_",
        r"cỡ chữ",
        r"Tổng số điểm",
        r"đánh giá bài viết",
        r"Ý kiến bạn đọc",
        r"Ý kiến bình luận",
        r"^Họ và tên$",
        r"^Email$",
        r"^Lời bình$",
        r"^Xác thực$",
        r"đăng nhập",
        r"Thời gian chờ",
        r"Các tin đã đưa ngày",
        r"^Tháng \d+, \d{4}$",
        r"^CN T2",
        r"^(?:\d{1,2} ){4,}\d{1,2}$",
        r"^\W*$",
        r"^Nguồn:",
        r"^Thứ sáu",
    )
]


@pytest.mark.parametrize("stem", sorted(CORPUS))
def test_corpus_article_layout(corpus_dir: Path, stem: str) -> None:
    title, published, published_at, byline, publisher = CORPUS[stem]
    path = corpus_dir / f"{stem}.txt"
    article = read_article(path)
    _check_offsets(article)
    assert article.key == stem
    assert article.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert article.title is not None and article.title.startswith(title)
    assert (article.published, article.published_at) == (published, published_at)
    assert (article.byline, article.publisher) == (byline, publisher)
    assert len(article.paragraphs) >= 5
    for paragraph in article.paragraphs:
        for pattern in BOILERPLATE:
            assert not pattern.search(paragraph.text), (pattern.pattern, paragraph.text)
        assert paragraph.text != article.title
        assert paragraph.text not in {byline, publisher}


def test_corpus_content_is_kept(corpus_dir: Path) -> None:
    article = read_article(corpus_dir / "001_a8b3c08234c141ac.txt")
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("Sáng ngày 29/3")
    assert texts[-1].endswith("./.")
    assert any("Cụm trưởng" in t and "Lâm Đồng" in t for t in texts)
    # a caption broken over two lines is one paragraph
    assert any("(đứng giữa, hàng đầu)\nchụp ảnh" in t for t in texts)


def test_corpus_text_is_the_file(corpus_dir: Path) -> None:
    path = corpus_dir / "002_6a2b356a64c4720c.txt"
    article = read_article(path)
    assert article.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert article.paragraphs[-1].text.endswith("năm 2018./.")


# --------------------------------------------------------------------------- formats

SAMPLE_TITLE = "Tỉnh Lâm Đồng đăng cai hội nghị thi đua năm 2024"


@pytest.mark.parametrize(
    "name",
    ["article-cp1258.txt", "article-utf16.txt", "article-utf8-bom.txt", "article-decomposed.txt"],
)
def test_encodings_give_the_same_nfc_article(fixtures_dir: Path, name: str) -> None:
    article = read_article(_formats(fixtures_dir) / name)
    _check_offsets(article)
    assert article.title == SAMPLE_TITLE
    assert not article.text.startswith("\ufeff") and "\r" not in article.text
    assert article.published == date(2024, 3, 15)
    assert article.byline == "Thanh Bình"
    assert [p.text for p in article.paragraphs] == [
        "Sáng 14/3, các đơn vị trong cụm thi đua đã ký kết giao ước thi đua."
    ]


def test_html_page(fixtures_dir: Path) -> None:
    article = read_article(_formats(fixtures_dir) / "article.html")
    _check_offsets(article)
    assert article.title == "Cụm thi đua các tỉnh Bắc Trung Bộ sơ kết 6 tháng đầu năm 2023"
    assert article.title_span is not None
    # meta article:published_time wins over the visible date
    assert article.published_at == datetime(2023, 7, 21, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    assert article.published == date(2023, 7, 21)
    assert article.byline == "Minh An"
    text = article.text
    for chrome in (
        "var tracker",
        "font-family",
        "Trang chủ",
        "Kinh tế",
        "In bài",
        "Họ và tên",
        "Tin liên quan",
        "Một bài khác",
        "Bản quyền",
    ):
        assert chrome not in " ".join(p.text for p in article.paragraphs), chrome
    assert "var tracker" not in text and "Trang chủ" not in text and "Bản quyền" not in text
    assert "Bộ Chính trị & Luật Thi đua" in text  # &amp; unescaped
    assert 'Toàn cảnh hội nghị "sơ kết"' in text  # &quot; unescaped, figcaption kept
    assert "\nĐại biểu 6 tỉnh cùng dự." in text  # <br> is a line break
    assert any(p.text.startswith("Chiều 20/7, tại thành phố Đông Hà") for p in article.paragraphs)


def test_html_detected_by_suffix(fixtures_dir: Path) -> None:
    article = read_article(_formats(fixtures_dir) / "fragment.htm")
    _check_offsets(article)
    assert "<p>" not in article.text
    assert article.title == "Tỉnh Hòa Bình tổng kết phong trào thi đua năm 2024"
    assert article.published_at == datetime(2025, 1, 15, 8, 5)
    assert article.publisher == "Báo Ví Dụ"
    assert [p.text[:9] for p in article.paragraphs] == ["Sáng 14/1"]


def test_html_detected_by_content(fixtures_dir: Path) -> None:
    raw = (_formats(fixtures_dir) / "article.html").read_bytes()
    article = parse_article(raw, Path("page-without-suffix"))
    assert "<html" not in article.text and article.byline == "Minh An"


def test_widgets_inside_plain_html_blocks(fixtures_dir: Path) -> None:
    article = read_article(_formats(fixtures_dir) / "widgets.html")
    _check_offsets(article)
    assert article.title == "Tỉnh Gia Lai ký kết giao ước thi đua với các tỉnh trong cụm"
    assert article.published_at == datetime(2024, 3, 12, 8, 15)
    assert (article.byline, article.publisher) == ("Lan Anh", "Báo Ví Dụ")
    assert [p.text[:9] for p in article.paragraphs] == ["Sáng 11/3", "Các tỉnh "]
    for paragraph in article.paragraphs:
        assert not any(pattern.search(paragraph.text) for pattern in BOILERPLATE)


def test_another_portal_shape(fixtures_dir: Path) -> None:
    article = read_article(_formats(fixtures_dir) / "portal.txt")
    _check_offsets(article)
    assert article.title == "Các tỉnh miền Đông Nam Bộ ký kết giao ước thi đua năm 2023"
    assert article.published == date(2023, 6, 5)  # "Thứ Hai, ngày 5 tháng 6 năm 2023"
    assert article.publisher == "Báo Ví Dụ"  # "(Theo Báo Ví Dụ)"
    assert [p.text[:9] for p in article.paragraphs] == ["Sáng 2/6,", "Hội nghị "]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("blank.txt", "whitespace"),
        ("binary.png", "binary"),
        ("controls.txt", "binary"),
        ("latin1.txt", "not UTF-8 text"),
    ],
)
def test_bad_files_raise_a_clear_error(fixtures_dir: Path, name: str, reason: str) -> None:
    path = _formats(fixtures_dir) / name
    with pytest.raises(InputError, match=reason) as caught:
        read_article(path)
    assert str(path) in str(caught.value)


def test_too_large(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="larger than"):
        parse_article(b"a" * (MAX_BYTES + 1), Path("big.txt"))
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="larger than") as caught:
        read_article(big)
    assert "big.txt" in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="not a file"):
        read_article(tmp_path)


def test_broken_utf16(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="UTF-16"):
        parse_article(b"\xff\xfe" + "Hà Nội".encode("utf-16-le") + b"\x00", Path("odd.txt"))


def test_key_is_made_iri_safe() -> None:
    article = parse_article(
        "Tiêu đề bài viết về thi đua\n\nNội dung.".encode(), Path("Bài số 1.txt")
    )
    assert article.key == "bai-so-1"


def _article(*lines: str) -> Article:
    return parse_article("\n".join(lines).encode("utf-8"), Path("sample.txt"))


@pytest.mark.parametrize(
    ("signature", "byline", "publisher"),
    [
        (["Hương Lan"], "Hương Lan", None),
        (["Minh Đức/TTXVN"], "Minh Đức", "TTXVN"),
        (["Minh Đức (TTXVN)"], "Minh Đức", "TTXVN"),
        (["Tin, ảnh: Thu Hà"], "Thu Hà", None),
        (["Bài và ảnh: Thu Hà/Báo Ví Dụ"], "Thu Hà", "Báo Ví Dụ"),
        (["Nguồn: Báo Ví Dụ."], None, "Báo Ví Dụ"),
        (["(Theo Cổng thông tin Ví Dụ)"], None, "Cổng thông tin Ví Dụ"),
        (["Thu Hà", "Phòng Thi đua - Sở Nội vụ"], "Thu Hà", "Phòng Thi đua - Sở Nội vụ"),
        (["Thu Hà", "Nguồn: Báo Ví Dụ"], "Thu Hà", "Báo Ví Dụ"),
    ],
)
def test_signatures(signature: list[str], byline: str | None, publisher: str | None) -> None:
    article = _article(
        "Hội nghị tổng kết phong trào thi đua của tỉnh năm 2024",
        "10/01/2025",
        "Sáng 9/1, hội nghị đã diễn ra tại hội trường của tỉnh./.",
        *signature,
    )
    assert (article.byline, article.publisher) == (byline, publisher)
    assert [p.text[:8] for p in article.paragraphs] == ["Sáng 9/1"]


def test_a_short_last_line_without_body_end_is_not_taken_twice() -> None:
    article = _article(
        "Hội nghị tổng kết phong trào thi đua của tỉnh năm 2024",
        "Nội dung bài viết kết thúc ở đây.",
        "Thu Hà",
        "Minh Đức",
    )
    assert article.byline == "Minh Đức"
    assert [p.text for p in article.paragraphs] == ["Nội dung bài viết kết thúc ở đây.", "Thu Hà"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("05/06/2023 10:30:00 PM", datetime(2023, 6, 5, 22, 30)),
        ("Cập nhật: 14:30 | 05/06/2023", datetime(2023, 6, 5, 14, 30)),
        ("Thứ năm, 06/04/2023 - 15:20", datetime(2023, 4, 6, 15, 20)),
        ("14/03/2024 14:30 (GMT+07:00)", datetime(2024, 3, 14, 14, 30)),
        ("Chủ nhật, 12/05/2024, 07:15 (GMT+7) Lượt xem: 25", datetime(2024, 5, 12, 7, 15)),
    ],
)
def test_date_lines_with_times(line: str, expected: datetime) -> None:
    article = _article(line, "Tiêu đề của một bài viết về thi đua", "Nội dung bài viết./.")
    assert (article.published_at, article.published) == (expected, expected.date())
    assert article.title == "Tiêu đề của một bài viết về thi đua"


def test_corrupted_utf8_is_not_taken_for_cp1258() -> None:
    raw = "Tỉnh Bắc Kạn tổ chức hội nghị thi đua năm 2024".encode() + b"\xff"
    with pytest.raises(InputError, match="not UTF-8 text"):
        parse_article(raw, Path("broken.txt"))
