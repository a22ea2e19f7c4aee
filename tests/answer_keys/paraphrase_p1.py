"""p1 (16/03/2019, plain text): Cụm Đông Nam Bộ, "ngày 15 tháng 3 năm 2019", a member list,
stated roles for 2018 ("Năm 2018, UBND tỉnh Đồng Nai là Cụm trưởng, …"), an election with
names ("suy tôn tỉnh Bình Dương là Cụm trưởng, tỉnh Bà Rịa - Vũng Tàu là Cụm phó năm 2019"),
"Luật Thi đua, khen thưởng" in 2019 (15/2003/QH11), 91/2017/NĐ-CP with its own date, a
title-first chairman and name-first guests."""

FILE = "p1_dong_nam_bo_2019.txt"
C = "dong-nam-bo"
MEMBERS = (
    "dong-nai",
    "binh-duong",
    "ba-ria-vung-tau",
    "binh-thuan",
    "binh-phuoc",
    "long-an",
    "tay-ninh",
)

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview", "CovenantSigning"},
            "date": "2019-03-15",
            "cluster": C,
            "host": "dong-nai",
            "reporting_year": 2018,
            "reporting_period": "năm 2018",
            "presided": {"le-van-phuc"},
            "attended": {"nguyen-thi-lan", "tran-quoc-bao"},
        }
    ],
    "clusters": {(C, "Cụm thi đua các tỉnh miền Đông Nam Bộ")},
    "members": {(C, p, 2019, "stated") for p in MEMBERS},
    "roles": {
        (C, "chair", 2018, "dong-nai", "stated"),
        (C, "vice-chair", 2018, "binh-thuan", "stated"),
        (C, "chair", 2019, "binh-duong", "elected"),
        (C, "vice-chair", 2019, "ba-ria-vung-tau", "elected"),
    },
    "awards": [
        ("co-thi-dua-chinh-phu", "proposed", 2018, "dong-nai", None, None, None, None, None, None)
    ],
    "citations": [
        ("15-2003-qh11", None, None, None, None),
        ("91-2017-nd-cp", "91/2017/NĐ-CP", "2017-07-31", "agrees", None),
    ],
    "officials": {
        "nguyen-thi-lan": {("Phó Trưởng ban", "ban-thi-dua-khen-thuong-trung-uong")},
        "tran-quoc-bao": {("Phó Chủ tịch", "ubnd-binh-duong")},
        "le-van-phuc": {("Chủ tịch", "ubnd-dong-nai")},
    },
    "campaigns": [
        (
            "doanh-nghiep-viet-nam-hoi-nhap-va-phat-trien",
            "Doanh nghiệp Việt Nam hội nhập và phát triển",
        ),
    ],
}
