"""p2 (28/03/2024, HTML): Cụm Tây Nam Bộ as "12 tỉnh miền Tây Nam Bộ", a two-post title
before a name, a chair stated across the chairman's name ("Chủ tịch UBND tỉnh Sóc Trăng Trần
Văn Lâm (Cụm trưởng cụm thi đua năm 2023)"), three proposals of the Government's flag, a
conferral by decision with a "05-3-2024" date, and in 2024 "Luật Thi đua, khen thưởng" =
06/2022/QH15 and 98/2023/NĐ-CP with its own date, both in Phạm Thị Thu's remarks."""

FILE = "p2_tay_nam_bo_2024.html"
C = "tay-nam-bo"
DECISION = "512-qd-ubnd-soc-trang-2024"
N = (None, None, None, None, None, None)

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview", "CovenantSigning"},
            "date": "2024-03-27",
            "cluster": C,
            "host": "soc-trang",
            "reporting_year": 2023,
            "reporting_period": "năm 2023",
            "presided": set(),
            "attended": {"pham-thi-thu"},
        }
    ],
    "clusters": {(C, "Cụm thi đua các tỉnh miền Tây Nam Bộ"), (C, "12 tỉnh miền Tây Nam Bộ")},
    "roles": {(C, "chair", 2023, "soc-trang", "stated")},
    "awards": [
        ("co-thi-dua-chinh-phu", "proposed", 2023, "soc-trang", *N),
        ("co-thi-dua-chinh-phu", "proposed", 2023, "kien-giang", *N),
        ("co-thi-dua-chinh-phu", "proposed", 2023, "ben-tre", *N),
        (
            "bang-khen-chu-tich-uy-ban-nhan-dan-cap-tinh",
            "conferred",
            2023,
            None,
            12,
            30,
            None,
            "ubnd-soc-trang",
            DECISION,
            "2024-03-05",
        ),
    ],
    "citations": [
        (DECISION, "512/QĐ-UBND", "2024-03-05", "unverifiable", None),
        ("06-2022-qh15", None, None, None, "pham-thi-thu"),
        ("98-2023-nd-cp", "98/2023/NĐ-CP", "2023-12-31", "agrees", "pham-thi-thu"),
    ],
    "officials": {
        "pham-thi-thu": {
            ("Phó Chủ tịch Thường trực", "hoi-dong-thi-dua-khen-thuong-trung-uong"),
            ("Bộ trưởng", "bo-noi-vu"),
        },
        "tran-van-lam": {("Chủ tịch", "ubnd-soc-trang")},
    },
}
