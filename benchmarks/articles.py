"""A deterministic synthetic article corpus, for build and extraction throughput.

Each article is plain text laid out as the portals lay theirs out (title, date line, body)
and composed from varied sentence patterns: a cluster's annual review, who chairs it next,
awards proposed or conferred, documents cited, officials with their posts. Names of clusters
and provinces are the real ones from the reference tables, so the gazetteer has real work.
"""

from __future__ import annotations

import random
from pathlib import Path

from rdflib.namespace import RDF, RDFS

from benchmarks.generate import person_name, union_of, units_before_2025
from tdkt.build import fixed_graphs
from tdkt.iris import TDKT

_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy")
_POSTS = ("Phó Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh", "Giám đốc Sở Nội vụ tỉnh",
          "Phó Bí thư Tỉnh ủy")  # fmt: skip
_DOCUMENTS = (
    "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị",
    "Luật Thi đua, khen thưởng năm 2022",
    "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
    "Nghị định số 98/2023/NĐ-CP của Chính phủ",
)
_AWARDS = ("Cờ thi đua của Chính phủ", "Bằng khen của Thủ tướng Chính phủ",
           "Cờ thi đua của UBND tỉnh")  # fmt: skip

_OPENINGS = (
    "Ngày {d}/{m}, tại tỉnh {host}, {cluster} tổ chức Hội nghị tổng kết công tác thi đua, "
    "khen thưởng năm {year} và ký kết giao ước thi đua năm {next}.",
    "Sáng {d}/{m}/{next}, {cluster} đã tổ chức hội nghị tổng kết phong trào thi đua năm {year} "
    "tại {host}.",
    "Chiều ngày {d} tháng {m}, {cluster} họp tổng kết năm {year}, triển khai nhiệm vụ năm {next}.",
)
_CHAIRS = (
    "Hội nghị đã suy tôn tỉnh {a} làm Cụm trưởng và tỉnh {b} làm Cụm phó năm {next}.",
    "Tỉnh {a} được bầu làm Cụm trưởng, tỉnh {b} làm Cụm phó Cụm thi đua năm {next}.",
    "Các đại biểu thống nhất giao tỉnh {a} giữ vai trò Cụm trưởng năm {next}.",
)
_AWARD_LINES = (
    "Hội nghị thống nhất đề nghị Chính phủ tặng {award} cho tỉnh {a} vì đã dẫn đầu phong trào "
    "thi đua năm {year}.",
    "Dịp này, tỉnh {b} vinh dự được nhận {award} năm {year}.",
    "Cụm đề nghị Thủ tướng Chính phủ tặng {award} cho {n} tập thể và {k} cá nhân.",
)
_CITATIONS = (
    "Thực hiện {document}, các tỉnh trong Cụm đã đổi mới công tác thi đua, khen thưởng.",
    "Phát biểu tại hội nghị, đồng chí {person} nhấn mạnh việc tiếp tục quán triệt {document}.",
)
_OFFICIALS = (
    "Dự hội nghị có đồng chí {person}, {post} {a}.",
    "Đồng chí {person}, {post} {b} chủ trì hội nghị.",
)
_FILLER = (
    "Năm qua, các tỉnh trong Cụm đã triển khai nhiều phong trào thi đua thiết thực, hiệu quả.",
    "Công tác khen thưởng bảo đảm chính xác, công khai, kịp thời, đúng quy định.",
    "Kinh tế của các địa phương tiếp tục tăng trưởng, an sinh xã hội được bảo đảm.",
    "Hội nghị cũng chỉ ra một số hạn chế cần khắc phục trong thời gian tới.",
)


def names() -> tuple[list[str], list[str]]:
    """Cluster and province labels of the reference tables (the 63 units only)."""
    union = union_of(fixed_graphs())
    clusters = union.subjects(RDF.type, TDKT.EmulationCluster)
    return (
        sorted(str(union.value(c, RDFS.label)) for c in clusters),
        sorted(str(union.value(p, RDFS.label)) for p in units_before_2025(union)),
    )


def article(rng: random.Random, clusters: list[str], provinces: list[str]) -> str:
    """One article's text."""
    year = rng.randint(2010, 2023)
    d, m = rng.randint(1, 28), rng.randint(1, 4)
    a, b, host = rng.sample(provinces, 3)

    values = {
        "cluster": rng.choice(clusters), "host": host, "a": a, "b": b, "year": year,
        "next": year + 1, "d": d, "m": m, "n": rng.randint(2, 30), "k": rng.randint(2, 60),
    }  # fmt: skip
    body = [rng.choice(_OPENINGS).format(**values), rng.choice(_FILLER)]
    for _ in range(rng.randint(1, 2)):
        official = rng.choice(_OFFICIALS)
        body.append(official.format(person=person_name(rng), post=rng.choice(_POSTS), **values))
    body.append(rng.choice(_CHAIRS).format(**values))
    for _ in range(rng.randint(1, 3)):
        body.append(rng.choice(_AWARD_LINES).format(award=rng.choice(_AWARDS), **values))
    citation = rng.choice(_CITATIONS)
    body.append(citation.format(document=rng.choice(_DOCUMENTS), person=person_name(rng)))
    body += rng.sample(_FILLER, 2)
    title = f"{values['cluster']} tổng kết công tác thi đua, khen thưởng năm {year}"
    clock = f"{rng.randint(7, 20)}:{rng.randint(10, 59)}"
    stamp = f"{rng.choice(_WEEKDAYS)} - {d:02d}/{m:02d}/{year + 1} {clock}"
    return "\n\n".join([title, stamp, *body]) + "\n"


def write_corpus(directory: Path, count: int, seed: int = 8, start: int = 0) -> list[Path]:
    """Write articles ``start`` … ``start + count - 1`` of the corpus of ``seed`` as .txt files."""
    directory.mkdir(parents=True, exist_ok=True)
    clusters, provinces = names()
    paths = []
    for index in range(start, start + count):
        rng = random.Random(f"{seed}-{index}")
        path = directory / f"bench-{index:06d}.txt"
        path.write_text(article(rng, clusters, provinces), "utf-8")
        paths.append(path)
    return paths
