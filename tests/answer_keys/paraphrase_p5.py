"""p5 (20/03/2026, after the 1/7/2025 merger): "Lào Cai" and "Tuyên Quang" now name the
merged provinces (lao-cai-2025, tuyen-quang-2025); Lạng Sơn was not merged and keeps its key.
An election with names for 2026, a proposal for 2025, "Luật Thi đua, khen thưởng" =
06/2022/QH15 and 152/2025/NĐ-CP with its own date in Vũ Minh Đức's remarks."""

FILE = "p5_mien_nui_bien_gioi_2026.txt"
C = "mien-nui-bien-gioi-phia-bac"

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview", "CovenantSigning"},
            "date": "2026-03-20",
            "cluster": C,
            "host": "lao-cai-2025",
            "reporting_year": 2025,
            "reporting_period": "năm 2025",
            "presided": set(),
            "attended": {"vu-minh-duc"},
        }
    ],
    "clusters": {(C, "Cụm thi đua các tỉnh miền núi biên giới phía Bắc")},
    "roles": {
        (C, "chair", 2026, "tuyen-quang-2025", "elected"),
        (C, "vice-chair", 2026, "lang-son", "elected"),
    },
    "awards": [
        (
            "co-thi-dua-chinh-phu",
            "proposed",
            2025,
            "lao-cai-2025",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    ],
    "citations": [
        ("06-2022-qh15", None, None, None, "vu-minh-duc"),
        ("152-2025-nd-cp", "152/2025/NĐ-CP", "2025-06-14", "agrees", "vu-minh-duc"),
    ],
    "officials": {
        "vu-minh-duc": {("Phó Trưởng ban", "ban-thi-dua-khen-thuong-trung-uong")},
        "hoang-thi-mai": {("Phó Chủ tịch", "ubnd-lao-cai-2025")},
    },
}
