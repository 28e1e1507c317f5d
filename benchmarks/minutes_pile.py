"""The seeded paper pile of `minutes_500x50.py`: the officials' names and posts, and the marks
each of the two operators types (one misread line for the board to settle)."""

from __future__ import annotations

import random
from dataclasses import dataclass

INVALID_BALLOTS = {137: "name_crossed", 402: "added"}  # ballot number -> invalid reason
DIFFERENCE_AT = 250  # operator 2 misreads one line of this ballot; the board decides

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
SURNAMES += ["Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lưu", "Thái"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Đức", "Hoài", "Xuân", "Thị Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng"]
GIVEN += ["Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quang"]
GIVEN += ["Quyên", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Uyên", "Việt", "Yến"]

LEADERS = [
    "Chủ tịch Hội đồng nhân dân",
    "Phó Chủ tịch Thường trực Hội đồng nhân dân",
    "Phó Chủ tịch Hội đồng nhân dân",
    "Chủ tịch Ủy ban nhân dân",
    "Phó Chủ tịch Thường trực Ủy ban nhân dân",
    "Phó Chủ tịch Ủy ban nhân dân phụ trách kinh tế",
    "Phó Chủ tịch Ủy ban nhân dân phụ trách văn hóa - xã hội",
    "Phó Chủ tịch Ủy ban nhân dân phụ trách đô thị",
    "Ủy viên Ủy ban nhân dân",
    "Chánh Văn phòng Ủy ban nhân dân",
    "Chánh Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Chánh Thanh tra",
]
BANS = ["Kinh tế - Ngân sách", "Văn hóa - Xã hội", "Pháp chế", "Đô thị", "Dân tộc"]
DEPARTMENTS = [
    "Tài chính",
    "Xây dựng",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Nội vụ",
    "Tư pháp",
    "Công Thương",
    "Nông nghiệp và Môi trường",
    "Khoa học và Công nghệ",
    "Văn hóa, Thể thao và Du lịch",
    "Dân tộc và Tôn giáo",
    "Ngoại vụ",
    "Quy hoạch - Kiến trúc",
    "An toàn thực phẩm",
]
OFFICIAL_POSTS = (
    LEADERS
    + [f"Trưởng Ban {ban} Hội đồng nhân dân" for ban in BANS]
    + [f"Phó Trưởng Ban {ban} Hội đồng nhân dân" for ban in BANS]
    + [f"Giám đốc Sở {d}" for d in DEPARTMENTS]
    + [f"Phó Giám đốc Sở {d}" for d in DEPARTMENTS]
)


@dataclass
class Pile:
    """The paper ballots as they came out of the box, and what each operator typed."""

    first: list[tuple[str, str]]  # (marks, invalid reason) per ballot, operator 1
    second: list[tuple[str, str]]  # operator 2: the same, but for one misread line
    expected: list[dict[str, int]]  # per official: counts by level, and "invalid" lines
    blank_lines: int = 0
    several_lines: int = 0


def official_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        names.add(f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
    return sorted(names, key=lambda _: rng.random())


def make_pile(rng: random.Random, voters: int, officials: int, levels: tuple[str, ...]) -> Pile:
    """Seeded marks. Most officials get mostly "high"; two get a low-confidence majority, so the
    minutes show a band and its consequence."""
    leanings = []
    for index in range(officials):
        if index in (7, 31):
            leanings.append((0.15, 0.25, 0.60))
        else:
            high = rng.uniform(0.55, 0.85)
            leanings.append((high, (1 - high) * 0.8, (1 - high) * 0.2))
    first: list[tuple[str, str]] = []
    blank = several = 0
    for number in range(1, voters + 1):
        if number in INVALID_BALLOTS:
            first.append(("", INVALID_BALLOTS[number]))
            continue
        marks = []
        for weights in leanings:
            roll = rng.random()
            if roll < 0.006:
                marks.append("_")
                blank += 1
            elif roll < 0.010:
                marks.append("+")
                several += 1
            else:
                marks.append(str(rng.choices(range(len(levels)), weights)[0]))
        first.append(("".join(marks), ""))
    second = list(first)
    marks, _ = second[DIFFERENCE_AT - 1]
    misread = "1" if marks[0] != "1" else "2"
    second[DIFFERENCE_AT - 1] = (misread + marks[1:], "")
    expected = []
    for index in range(officials):
        counts = dict.fromkeys(levels, 0)
        for marks, reason in first:
            if not reason and marks[index].isdigit():
                counts[levels[int(marks[index])]] += 1
        expected.append(counts | {"invalid": voters - sum(counts.values())})
    return Pile(first, second, expected, blank, several)
