"""p3 (06/03/2018): the cities cluster, "Ngày 05-3-2018", a stated chair in parentheses, a
proposed chair and vice-chair for 2018, Chỉ thị 34-CT/TW dated "7/4/2014" (agrees), a bare
conferral by a city chairman, and the Vice President written once without diacritics
("Dang Thi Ngoc Thinh": the same person). Nguyễn Văn Hùng of Hải Phòng shares his name with
Nguyễn Văn Hùng of Quảng Trị in p4: across the fixtures they are two people."""

FILE = "p3_thanh_pho_2018.txt"
C = "thanh-pho-truc-thuoc-tw"
THINH = "dang-thi-ngoc-thinh"

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview"},
            "date": "2018-03-05",
            "cluster": C,
            "host": "da-nang",
            "reporting_year": 2017,
            "reporting_period": "năm 2017",
            "presided": {THINH, "huynh-van-tam", "nguyen-van-hung-hai-phong"},
            "attended": set(),
        }
    ],
    "clusters": {(C, "Cụm thi đua 5 thành phố trực thuộc Trung ương")},
    "roles": {
        (C, "chair", 2017, "da-nang", "stated"),
        (C, "chair", 2018, "hai-phong", "proposed"),
        (C, "vice-chair", 2018, "can-tho", "proposed"),
    },
    "awards": [
        (
            "bang-khen-chu-tich-uy-ban-nhan-dan-cap-tinh",
            "conferred",
            2017,
            None,
            5,
            None,
            None,
            "ubnd-da-nang",
            None,
            None,
        ),
    ],
    "citations": [("34-ct-tw", "34-CT/TW", "2014-04-07", "agrees", THINH)],
    "officials": {
        THINH: {
            ("Phó Chủ tịch", "chu-tich-nuoc"),
            ("Phó Chủ tịch thứ nhất", "hoi-dong-thi-dua-khen-thuong-trung-uong"),
        },
        "huynh-van-tam": {("Chủ tịch", "ubnd-da-nang")},
        "nguyen-van-hung-hai-phong": {("Phó Chủ tịch", "ubnd-hai-phong")},
    },
}
