"""001 (29/03/2024, Báo Bình Định): Cụm TN&DHMT tổng kết 2023 and signs the 2024 covenant.

Read from the article:
- The opening sentence ("Sáng ngày 29/3" …) reviews the 2023 covenant and signs the 2024 one:
  annual review + covenant signing on 2024-03-29. The host province is not named in that
  sentence; the praise of Bình Định for helping to organise the conference ("dành lời khen
  cho tỉnh Bình Định") makes it Bình Định.
- Presiding ("Dự và chủ trì"): Võ Thị Ánh Xuân, Hồ Quốc Dũng, Phạm Anh Tuấn, Phạm S.
  Attending ("cùng tham dự"): Phạm Kim Oanh, Phạm Huy Giang.
- Roles: "(UBND tỉnh Bình Định là Cụm trưởng năm 2023)" stated chair 2023. Phạm S of Lâm
  Đồng, "đại diện Cụm phó Cụm Thi đua": stated vice-chair; the sentence names no year, and
  the conference reviewing 2023 is run by the 2023 office-holders, so 2023. A proposal
  ("đề xuất UBND tỉnh Lâm Đồng là Cụm trưởng" …) names Lâm Đồng chair and Phú Yên vice-chair
  for 2024: proposed chair and vice-chair 2024.
- Awards: "đề nghị tặng Cờ Thi đua của Chính phủ năm 2023" for Bình Định and Đắk Lắk (2
  proposals, 2023); "đề nghị tặng Bằng khen của Thủ tướng Chính phủ" for Khánh Hòa and Đắk
  Nông (2 proposals; no year in the clause, the year reviewed: 2023).
- Citations, both in Võ Thị Ánh Xuân's remarks: "Luật Thi đua, khen thưởng năm 2022" →
  06/2022/QH15 (no date stated: the 1.1.2024 is its entry into force); "Chỉ thị số 34 -CT/TW
  ngày 7.2.2014" → 34-CT/TW, stated 2014-02-07, which disagrees with 2014-04-07.
- Posts of Hồ Quốc Dũng and Phạm Anh Tuấn say "tỉnh" without a name: the host, Bình Định.
"""

FILE = "001_a8b3c08234c141ac.txt"
CLUSTER = "tay-nguyen-duyen-hai-mien-trung"
XUAN = "vo-thi-anh-xuan"

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview", "CovenantSigning"},
            "date": "2024-03-29",
            "cluster": CLUSTER,
            "host": "binh-dinh",
            "reporting_year": 2023,
            "reporting_period": "năm 2023",
            "presided": {XUAN, "ho-quoc-dung", "pham-anh-tuan", "pham-s"},
            "attended": {"pham-kim-oanh", "pham-huy-giang"},
        }
    ],
    "clusters": {
        (CLUSTER, "Cụm thi đua các tỉnh Tây Nguyên và Duyên hải miền Trung"),
        (CLUSTER, "9 tỉnh Tây Nguyên và Duyên hải miền Trung"),
    },
    "roles": {
        (CLUSTER, "chair", 2023, "binh-dinh", "stated"),
        (CLUSTER, "vice-chair", 2023, "lam-dong", "stated"),
        (CLUSTER, "chair", 2024, "lam-dong", "proposed"),
        (CLUSTER, "vice-chair", 2024, "phu-yen", "proposed"),
    },
    "awards": [
        ("co-thi-dua-chinh-phu", "proposed", 2023, "binh-dinh", None, None, None, None, None, None),
        ("co-thi-dua-chinh-phu", "proposed", 2023, "dak-lak", None, None, None, None, None, None),
        (
            "bang-khen-thu-tuong-chinh-phu",
            "proposed",
            2023,
            "khanh-hoa",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
        (
            "bang-khen-thu-tuong-chinh-phu",
            "proposed",
            2023,
            "dak-nong",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
    ],
    "citations": [
        ("06-2022-qh15", None, None, None, XUAN),
        ("34-ct-tw", "34 -CT/TW", "2014-02-07", "disagrees", XUAN),
    ],
    "officials": {
        XUAN: {
            ("Ủy viên", "ban-chap-hanh-trung-uong"),
            ("Quyền Chủ tịch", "chu-tich-nuoc"),
            ("Phó Chủ tịch thứ nhất", "hoi-dong-thi-dua-khen-thuong-trung-uong"),
        },
        "ho-quoc-dung": {
            ("Ủy viên", "ban-chap-hanh-trung-uong"),
            ("Bí thư", "tinh-uy-binh-dinh"),
            ("Chủ tịch", "hdnd-binh-dinh"),
        },
        "pham-anh-tuan": {("Phó Bí thư", "tinh-uy-binh-dinh"), ("Chủ tịch", "ubnd-binh-dinh")},
        "pham-s": {("Phó Chủ tịch", "ubnd-lam-dong")},
        "pham-kim-oanh": {("Phó Chủ nhiệm", "van-phong-chu-tich-nuoc")},
        "pham-huy-giang": {("Trưởng ban", "ban-thi-dua-khen-thuong-trung-uong")},
        "le-minh-tuan": {("Giám đốc", "so-noi-vu-binh-dinh")},
        "ton-thi-ngoc-hanh": {("Phó Chủ tịch", "ubnd-dak-nong")},
    },
}
