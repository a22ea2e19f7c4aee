"""004 (02/06/2023): Bắc Kạn honours its model collectives and people of 2021–2023.

Read from the article:
- On "sáng 2/6" the province's Party, council, government and Front hold a "Hội nghị biểu
  dương các điển hình tiên tiến" for 2021–2023: a commendation ceremony on 2023-06-02 (the
  dates in "(11/6/1948 - 11/6/2023)" are an anniversary), host Bắc Kạn, no cluster, period
  "giai đoạn 2021 - 2023" (no single year).
- Attending ("dự và chỉ đạo"): Phương Thị Thanh, Nguyễn Đăng Bình.
- Award: the chairman's decision of 31/5/2023 ("Quyết định 946/QĐ-UBND về việc tặng Bằng
  khen cho 106 tập thể" …): conferred by UBND Bắc Kạn, decision 946/QĐ-UBND of 2023-05-31
  (a local number: key with province and year), 106 recipients; the merit is the period
  "giai đoạn 2021 - 2023": no single merit year (the graph keeps the period as stated).
- Citation: the same decision, stated date 2023-05-31, unverifiable (no entry). The
  "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII" has no number and no entry.
"""

FILE = "004_21de7a43f13c924f.txt"
DECISION = "946-qd-ubnd-bac-kan-2023"

EXPECTED = {
    "events": [
        {
            "kinds": {"CommendationCeremony"},
            "date": "2023-06-02",
            "cluster": None,
            "host": "bac-kan",
            "reporting_year": None,
            "reporting_period": "giai đoạn 2021 - 2023",
            "presided": set(),
            "attended": {"phuong-thi-thanh", "nguyen-dang-binh"},
        }
    ],
    "awards": [
        (
            "bang-khen-chu-tich-uy-ban-nhan-dan-cap-tinh",
            "conferred",
            None,
            None,
            None,
            None,
            106,
            "ubnd-bac-kan",
            DECISION,
            "2023-05-31",
        ),
    ],
    "citations": [(DECISION, "946/QĐ-UBND", "2023-05-31", "unverifiable", None)],
    "officials": {
        "phuong-thi-thanh": {("Phó Bí thư Thường trực", "tinh-uy-bac-kan")},
        "nguyen-dang-binh": {("Chủ tịch", "ubnd-bac-kan")},
    },
}
