"""000 (28/07/2022): Cụm TD&MNPB sơ kết 6 tháng đầu năm 2022, held in Bắc Kạn.

Read from the article:
- The opening sentence ("Sáng 28/7, tại tỉnh Bắc Kạn" … "6 tháng đầu năm 2022"): the
  cluster's mid-year review on 2022-07-28, host Bắc Kạn.
- Presiding ("Hội nghị do các đồng chí: … chủ trì"): Lương Quốc Đoàn, Lê Ánh Dương, Đinh
  Quang Tuyên.
- Lê Ánh Dương's title lists three posts and ends "tỉnh Bắc Giang, đơn vị Trưởng cụm thi đua
  năm 2022": Bắc Giang is the stated chair for 2022, and all three of his posts are Bắc
  Giang's (the only province his title names).
- "Phó Chủ tịch UBND tỉnh Đinh Quang Tuyên" restates his post without "Thường trực": one post.
- No award, no numbered or named document ("quy định của Luật" names no law), no named
  campaign ("các phong trào thi đua Thủ tướng phát động" names none), no member list.
"""

FILE = "000_93dfd16ce8d20f0d.txt"
CLUSTER = "trung-du-mien-nui-phia-bac"

EXPECTED = {
    "events": [
        {
            "kinds": {"MidYearReview"},
            "date": "2022-07-28",
            "cluster": CLUSTER,
            "host": "bac-kan",
            "reporting_year": 2022,
            "reporting_period": "6 tháng đầu năm 2022",
            "presided": {"luong-quoc-doan", "le-anh-duong", "dinh-quang-tuyen"},
            "attended": set(),
        }
    ],
    "clusters": {(CLUSTER, "Cụm thi đua các tỉnh trung du và miền núi phía Bắc")},
    "roles": {(CLUSTER, "chair", 2022, "bac-giang", "stated")},
    "officials": {
        "luong-quoc-doan": {
            ("Ủy viên", "ban-chap-hanh-trung-uong"),
            ("Chủ tịch", "hoi-nong-dan-viet-nam"),
            ("Ủy viên", "hoi-dong-thi-dua-khen-thuong-trung-uong"),
        },
        "le-anh-duong": {
            ("Phó Bí thư", "tinh-uy-bac-giang"),
            ("Chủ tịch", "ubnd-bac-giang"),
            ("Chủ tịch", "hoi-dong-tdkt-bac-giang"),
        },
        "dinh-quang-tuyen": {("Phó Chủ tịch Thường trực", "ubnd-bac-kan")},
    },
}
