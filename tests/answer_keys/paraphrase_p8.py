"""p8 (18/03/2022): Cụm Bắc Trung Bộ annual review of 2021 in Vinh, with a breadcrumb and an
"Cập nhật lúc: 15:20 - 18/03/2022" date line. The outgoing chair is stated in the chairman's
title; the chair and vice-chair for 2022 are elected ("suy tôn"). The award proposals follow
the election in the same sentence, after a ";": "năm 2022" belongs to the election clause, so
the proposals fall back to the year reviewed (2021). The attendee list ("lãnh đạo UBND các tỉnh
…") is not a member list."""

FILE = "p8_bac_trung_bo_2022.txt"
C = "bac-trung-bo"
GIANG = "pham-huy-giang"

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview", "CovenantSigning"},
            "date": "2022-03-17",
            "cluster": C,
            "host": "nghe-an",
            "reporting_year": 2021,
            "reporting_period": "năm 2021",
            "presided": {"nguyen-duc-trung"},
            "attended": {GIANG},
        }
    ],
    "clusters": {(C, "Cụm thi đua các tỉnh Bắc Trung Bộ")},
    "members": set(),
    "roles": {
        (C, "chair", 2021, "nghe-an", "stated"),
        (C, "chair", 2022, "ha-tinh", "elected"),
        (C, "vice-chair", 2022, "quang-binh", "elected"),
    },
    "awards": [
        ("co-thi-dua-chinh-phu", "proposed", 2021, "nghe-an", None, None, None, None, None, None),
        ("co-thi-dua-chinh-phu", "proposed", 2021, "thanh-hoa", None, None, None, None, None, None),
        (
            "bang-khen-thu-tuong-chinh-phu",
            "proposed",
            2021,
            "quang-tri",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    ],
    "citations": [
        ("34-ct-tw", "34-CT/TW", "2014-04-07", "agrees", GIANG),
        ("91-2017-nd-cp", "91/2017/NĐ-CP", None, None, GIANG),
        ("15-2003-qh11", None, None, None, GIANG),
    ],
    "officials": {
        "nguyen-duc-trung": {("Phó Bí thư", "tinh-uy-nghe-an"), ("Chủ tịch", "ubnd-nghe-an")},
        GIANG: {("Trưởng ban", "ban-thi-dua-khen-thuong-trung-uong")},
    },
    "campaigns": [],
}
