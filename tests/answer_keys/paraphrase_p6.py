"""p6 (15/03/2024): Cụm ĐBSH with en-dash name-first titles; the chair stated in a title
("Chủ tịch UBND tỉnh Thái Bình, Cụm trưởng năm 2023") and the vice-chair's representative
("Phó Chủ tịch UBND tỉnh Hải Dương (đại diện Cụm phó)", the year reviewed: 2023); an
election that names no province (nothing); a province's flag and certificates given by
UBND Thái Bình to counted recipients; "Luật Thi đua, khen thưởng năm 2022" and an undated
98/2023/NĐ-CP."""

FILE = "p6_dong_bang_song_hong_2024.txt"
C = "dong-bang-song-hong"

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview", "CovenantSigning"},
            "date": "2024-03-14",
            "cluster": C,
            "host": "thai-binh",
            "reporting_year": 2023,
            "reporting_period": "năm 2023",
            "presided": {"do-van-chung", "nguyen-khac-thanh", "tran-van-quan"},
            "attended": set(),
        }
    ],
    "clusters": {(C, "Cụm thi đua các tỉnh đồng bằng sông Hồng")},
    "roles": {
        (C, "chair", 2023, "thai-binh", "stated"),
        (C, "vice-chair", 2023, "hai-duong", "stated"),
    },
    "awards": [
        (
            "co-thi-dua-uy-ban-nhan-dan-tinh",
            "conferred",
            2023,
            None,
            3,
            None,
            None,
            "ubnd-thai-binh",
            None,
            None,
        ),
        (
            "bang-khen-chu-tich-uy-ban-nhan-dan-cap-tinh",
            "conferred",
            2023,
            None,
            None,
            10,
            None,
            "ubnd-thai-binh",
            None,
            None,
        ),
    ],
    "citations": [
        ("06-2022-qh15", None, None, None, None),
        ("98-2023-nd-cp", "98/2023/NĐ-CP", None, None, None),
    ],
    "officials": {
        "do-van-chung": {("Phó Chủ tịch", "hoi-dong-thi-dua-khen-thuong-trung-uong")},
        "nguyen-khac-thanh": {("Chủ tịch", "ubnd-thai-binh")},
        "tran-van-quan": {("Phó Chủ tịch", "ubnd-hai-duong")},
    },
    "campaigns": [
        ("ca-nuoc-chung-suc-xay-dung-nong-thon-moi", "Cả nước chung sức xây dựng nông thôn mới"),
    ],
}
