"""p4 (21/07/2023): Cụm Bắc Trung Bộ mid-year review, "Chiều 20/7", a member list after
"gồm các tỉnh", the chair stated in the chairman's title ("Chủ tịch UBND tỉnh Quảng Trị,
Cụm trưởng Cụm thi đua năm 2023"), Chỉ thị 34-CT/TW dated "4/7/2014" (disagrees), a
proposal with no year in its sentence (the half-year reviewed: 2023). Nguyễn Văn Hùng here is
Quảng Trị's chairman, not Hải Phòng's vice-chairman of p3."""

FILE = "p4_bac_trung_bo_2023.txt"
C = "bac-trung-bo"
MEMBERS = ("thanh-hoa", "nghe-an", "ha-tinh", "quang-binh", "quang-tri", "thua-thien-hue")

EXPECTED = {
    "events": [
        {
            "kinds": {"MidYearReview"},
            "date": "2023-07-20",
            "cluster": C,
            "host": "quang-tri",
            "reporting_year": 2023,
            "reporting_period": "6 tháng đầu năm 2023",
            "presided": {"nguyen-van-hung-quang-tri"},
            "attended": {"le-thi-hoa"},
        }
    ],
    "clusters": {(C, "Cụm thi đua các tỉnh Bắc Trung Bộ"), (C, "Cụm thi đua 6 tỉnh Bắc Trung Bộ")},
    "members": {(C, p, 2023, "stated") for p in MEMBERS},
    "roles": {(C, "chair", 2023, "quang-tri", "stated")},
    "awards": [
        (
            "bang-khen-thu-tuong-chinh-phu",
            "proposed",
            2023,
            "ha-tinh",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    ],
    "citations": [("34-ct-tw", "34-CT/TW", "2014-07-04", "disagrees", "le-thi-hoa")],
    "officials": {
        "nguyen-van-hung-quang-tri": {("Chủ tịch", "ubnd-quang-tri")},
        "le-thi-hoa": {("Phó Trưởng ban", "ban-thi-dua-khen-thuong-trung-uong")},
    },
    "campaigns": [
        (
            "ca-nuoc-chung-tay-vi-nguoi-ngheo-khong-de-ai-bi-bo-lai-phia-sau",
            "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
        ),
    ],
}
