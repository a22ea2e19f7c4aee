"""002 (21/03/2019): Cụm ĐBSH tổng kết 2018 and signs the 2019 covenant, in Hà Nam.

Read from the article:
- The opening sentence ("Sáng 20/3, tại tỉnh Hà Nam" …): the cluster reviews 2018 and signs
  the 2019 covenant on 2019-03-20.
- Attending ("Tới dự và chỉ đạo"): Đặng Thị Ngọc Thịnh, Trần Thị Hà. "Phó chủ tịch nước Đăng
  Thị Ngọc Thịnh" is the same person misspelt.
- Roles: "Chủ tịch UBND tỉnh Hà Nam, đơn vị Cụm Trưởng cụm thi đua năm 2018" stated chair
  2018. "suy tôn các đơn vị là Cụm trưởng, cum phó cụm thi đua năm 2019" names no province:
  nothing.
- Awards: Hà Nam's chairman "đã tặng Bằng khen cho 7 tập thể, 15 cá nhân" for 2018:
  conferred, Bằng khen của Chủ tịch UBND cấp tỉnh by UBND Hà Nam. "đề nghị … khen
  thưởng cho các tỉnh có thành tích xuất sắc" names neither award nor recipient; the caption
  "tặng bằng khen cho các tập thể, các nhân" counts no one: nothing.
- Citations: "tiêu chuẩn quy định của Luật Thi đua, khen thưởng" (2019: the 2003 law as
  amended, 15/2003/QH11); Chỉ thị 34-CT/TW ngày 07/4/2014 (agrees); Luật Thi đua, Khen thưởng
  again; Nghị định 91/2017NĐ-CP ngày 31/7/2017 (agrees); Thông
  tư 08/2017/TT-BNV ngày 27/10/2017 (agrees); then in Đặng Thị Ngọc Thịnh's speech Chỉ thị
  34-CT/TW and Luật Thi đua, Khen thưởng again, undated. "Nghị quyết Trung ương 4 khóa XII"
  has no number and no entry: not resolvable.
- Campaigns: "Chung sức xây dụng nông thôn mới" and "Cả nước chung tay xây dựng nông thôn
  mới" are one campaign; each of the three campaigns is named twice.
"""

from collections import Counter

FILE = "002_6a2b356a64c4720c.txt"
CLUSTER = "dong-bang-song-hong"
THINH = "dang-thi-ngoc-thinh"
NTM = "ca-nuoc-chung-suc-xay-dung-nong-thon-moi"
DN = "doanh-nghiep-viet-nam-hoi-nhap-va-phat-trien"
VNN = "ca-nuoc-chung-tay-vi-nguoi-ngheo-khong-de-ai-bi-bo-lai-phia-sau"
VNN_TEXT = "Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau"

EXPECTED = {
    "events": [
        {
            "kinds": {"AnnualReview", "CovenantSigning"},
            "date": "2019-03-20",
            "cluster": CLUSTER,
            "host": "ha-nam",
            "reporting_year": 2018,
            "reporting_period": "năm 2018",
            "presided": set(),
            "attended": {THINH, "tran-thi-ha"},
        }
    ],
    "clusters": {
        (CLUSTER, "Cụm thi đua 9 tỉnh đồng bằng Sông Hồng"),
        (CLUSTER, "Cụm thi đua các tỉnh Đồng bằng Sông Hồng"),
    },
    "roles": {(CLUSTER, "chair", 2018, "ha-nam", "stated")},
    "awards": [
        (
            "bang-khen-chu-tich-uy-ban-nhan-dan-cap-tinh",
            "conferred",
            2018,
            None,
            7,
            15,
            None,
            "ubnd-ha-nam",
            None,
            None,
        ),
    ],
    "citations": [
        ("15-2003-qh11", None, None, None, None),
        ("34-ct-tw", "34-CT/TW", "2014-04-07", "agrees", None),
        ("15-2003-qh11", None, None, None, None),
        ("91-2017-nd-cp", "91/2017NĐ-CP", "2017-07-31", "agrees", None),
        ("08-2017-tt-bnv", "08/2017/TT-BNV", "2017-10-27", "agrees", None),
        ("34-ct-tw", "34-CT/TW", None, None, THINH),
        ("15-2003-qh11", None, None, None, THINH),
    ],
    "officials": {
        THINH: {
            ("Ủy viên", "ban-chap-hanh-trung-uong"),
            ("Phó Chủ tịch", "chu-tich-nuoc"),
            ("Phó Chủ tịch thứ nhất", "hoi-dong-thi-dua-khen-thuong-trung-uong"),
        },
        "tran-thi-ha": {
            ("Phó Chủ tịch thường trực", "hoi-dong-thi-dua-khen-thuong-trung-uong"),
            ("Thứ trưởng", "bo-noi-vu"),
            ("Trưởng ban", "ban-thi-dua-khen-thuong-trung-uong"),
        },
    },
    "campaigns": Counter(
        {
            (NTM, "Chung sức xây dụng nông thôn mới"): 1,
            (NTM, "Cả nước chung tay xây dựng nông thôn mới"): 1,
            (DN, "Doanh nghiệp Việt Nam hội nhập và phát triển"): 2,
            (VNN, VNN_TEXT): 2,
        }
    ),
}
