"""003 (17/03/2017, TTXVN): the 7 provinces of Cụm TD&MNPB review 2016 in Bắc Kạn.

Read from the article:
- The opening sentence ("Ngày 17/3, tại tỉnh Bắc Kạn, 7 tỉnh trung du miền núi phía Bắc" …)
  names the seven provinces and their review of 2016: annual review 2017-03-17 reviewing
  2016, and the 7 members (for the year of the event, 2017, as stated).
- Attending ("Dự hội nghị có"): Đặng Thị Ngọc Thịnh — the same person as in article 002.
- Roles: "tỉnh Tuyên Quang được giao nhiệm vụ cụm trưởng thi đua năm 2017", with Hòa Bình
  vice-chair in the same clause: both assigned, both 2017.
- Awards: one "đề xuất" puts forward Bắc Giang for the Government's flag ("đạt Cờ thi đua
  của Chính phủ") and Thái Nguyên and Tuyên Quang for the Prime Minister's certificate —
  three proposals, for the year reviewed (2016). "UBND tỉnh Bắc Kạn tặng Bằng khen cho 24 cá
  nhân": conferred by UBND Bắc Kạn, Bằng khen của Chủ tịch UBND cấp tỉnh, 24 individuals
  (year reviewed: 2016).
- Campaign: "phong trào thi đua chung sức xây dựng nông thôn mới". "vì người nghèo" and
  "Toàn dân đoàn kết xây dựng đời sống văn hóa" are not in the campaign table.
"""

FILE = "003_f5499bc3bc7e4f1f.txt"
CLUSTER = "trung-du-mien-nui-phia-bac"
MEMBERS = ("bac-kan", "thai-nguyen", "phu-tho", "bac-giang", "tuyen-quang", "yen-bai", "hoa-binh")
NONE5 = (None, None, None, None, None, None)

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview"},
            "date": "2017-03-17",
            "cluster": CLUSTER,
            "host": "bac-kan",
            "reporting_year": 2016,
            "reporting_period": "năm 2016",
            "presided": set(),
            "attended": {"dang-thi-ngoc-thinh"},
        }
    ],
    "clusters": {
        (CLUSTER, "7 tỉnh trung du miền núi phía Bắc"),
        (CLUSTER, "Cụm thi đua 7 tỉnh trung du miền núi phía Bắc"),
    },
    "members": {(CLUSTER, province, 2017, "stated") for province in MEMBERS},
    "roles": {
        (CLUSTER, "chair", 2017, "tuyen-quang", "assigned"),
        (CLUSTER, "vice-chair", 2017, "hoa-binh", "assigned"),
    },
    "awards": [
        ("co-thi-dua-chinh-phu", "proposed", 2016, "bac-giang", *NONE5),
        ("bang-khen-thu-tuong-chinh-phu", "proposed", 2016, "thai-nguyen", *NONE5),
        ("bang-khen-thu-tuong-chinh-phu", "proposed", 2016, "tuyen-quang", *NONE5),
        (
            "bang-khen-chu-tich-uy-ban-nhan-dan-cap-tinh",
            "conferred",
            2016,
            None,
            None,
            24,
            None,
            "ubnd-bac-kan",
            None,
            None,
        ),
    ],
    "officials": {
        "dang-thi-ngoc-thinh": {
            ("Phó Chủ tịch", "chu-tich-nuoc"),
            ("Phó Chủ tịch thứ nhất", "hoi-dong-thi-dua-khen-thuong-trung-uong"),
        },
    },
    "campaigns": [
        ("ca-nuoc-chung-suc-xay-dung-nong-thon-moi", "chung sức xây dựng nông thôn mới"),
    ],
}
