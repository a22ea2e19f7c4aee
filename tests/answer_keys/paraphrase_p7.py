"""p7 (06/3/2021): Cụm TD&MNPB in Phú Thọ, "Ngày 05/3/2021"; members listed after a bare
"Cụm" ("Các tỉnh trong Cụm gồm: …", the article's cluster, for 2021); a handover ("UBND tỉnh Phú Thọ
(Cụm trưởng năm 2020) đã bàn giao nhiệm vụ Cụm trưởng năm 2021 cho tỉnh Thái Nguyên": the
2020 chair stated, the 2021 chair assigned); a word-style date ("ngày 07 tháng 4 năm 2014",
agrees); an order conferred on behalf of the State President; a bare "Bằng khen" proposed to
the Prime Minister, then one given by UBND Phú Thọ in the same sentence (conferred: "đã
tặng" stands between the proposal and it). Awards with no year in the sentence take the
year reviewed, 2020."""

FILE = "p7_trung_du_2021.txt"
C = "trung-du-mien-nui-phia-bac"
N = (None, None, None, None, None, None)
MEMBERS = ("phu-tho", "thai-nguyen", "bac-giang", "bac-kan", "tuyen-quang", "yen-bai", "hoa-binh")

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview"},
            "date": "2021-03-05",
            "cluster": C,
            "host": "phu-tho",
            "reporting_year": 2020,
            "reporting_period": "năm 2020",
            "presided": set(),
            "attended": {"nguyen-van-minh"},
        }
    ],
    "clusters": {
        (C, "Cụm thi đua 7 tỉnh trung du miền núi phía Bắc"),
        (C, "Cụm thi đua các tỉnh trung du và miền núi phía Bắc"),
    },
    "members": {(C, p, 2021, "stated") for p in MEMBERS},
    "roles": {
        (C, "chair", 2020, "phu-tho", "stated"),
        (C, "chair", 2021, "thai-nguyen", "assigned"),
    },
    "awards": [
        (
            "huan-chuong-lao-dong-hang-nhi",
            "conferred",
            2020,
            "yen-bai",
            None,
            None,
            None,
            "chu-tich-nuoc",
            None,
            None,
        ),
        ("bang-khen-thu-tuong-chinh-phu", "proposed", 2020, "bac-giang", *N),
        (
            "bang-khen-chu-tich-uy-ban-nhan-dan-cap-tinh",
            "conferred",
            2020,
            None,
            8,
            None,
            None,
            "ubnd-phu-tho",
            None,
            None,
        ),
    ],
    "citations": [("34-ct-tw", "34-CT/TW", "2014-04-07", "agrees", None)],
    "officials": {
        "nguyen-van-minh": {
            ("Ủy viên", "ban-chap-hanh-trung-uong"),
            ("Chủ tịch", "hoi-cuu-chien-binh-viet-nam"),
        },
    },
}
