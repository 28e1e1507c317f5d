"""Demo data: a provincial People's Council with its officials, voters and a past result.
The names are made up from common Vietnamese family, middle and given names."""

from __future__ import annotations

import random

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Ngọc", "Đình"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Minh", "Ngọc", "Thị Thanh", "Thu", "Thị Kim"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Thắng",
    "Tuấn",
    "Việt",
    "Vinh",
    "Đạt",
    "Hiếu",
    "Trung",
    "Lâm",
]
GIVEN_F = [
    "Anh",
    "Châu",
    "Dung",
    "Hà",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Vân",
    "Yến",
    "Hạnh",
]

POSTS = [
    "Chủ tịch Hội đồng nhân dân tỉnh",
    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
    "Phó Chủ tịch Hội đồng nhân dân tỉnh",
    "Trưởng Ban Pháp chế Hội đồng nhân dân tỉnh",
    "Trưởng Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh",
    "Trưởng Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh",
    "Trưởng Ban Dân tộc Hội đồng nhân dân tỉnh",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Công an tỉnh",
    "Ủy viên Ủy ban nhân dân tỉnh, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh",
    "Ủy viên Ủy ban nhân dân tỉnh, Chánh Văn phòng Ủy ban nhân dân tỉnh",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Tư pháp",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Xây dựng",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Nông nghiệp và Môi trường",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Giáo dục và Đào tạo",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Y tế",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Công Thương",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Khoa học và Công nghệ",
    "Ủy viên Ủy ban nhân dân tỉnh, Giám đốc Sở Văn hóa, Thể thao và Du lịch",
    "Ủy viên Ủy ban nhân dân tỉnh, Chánh Thanh tra tỉnh",
]

UNITS = [
    "Tổ đại biểu thành phố Hoa Lư",
    "Tổ đại biểu thị xã Tam Điệp",
    "Tổ đại biểu huyện Gia Viễn",
    "Tổ đại biểu huyện Kim Sơn",
    "Tổ đại biểu huyện Yên Mô",
    "Tổ đại biểu huyện Nho Quan",
    "Tổ đại biểu phường Nam Định",
    "Tổ đại biểu xã Hải Hậu",
]


def make_names(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < count:
        if rng.random() < 0.4:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
        else:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
        if name not in names:
            names.append(name)
    return names


def officials_rows() -> list[tuple[str, str]]:
    return list(zip(make_names(len(POSTS), seed=2026), POSTS, strict=True))


def voters_rows(count: int = 52) -> list[tuple[str, str]]:
    officials = {name for name, _ in officials_rows()}
    names = [n for n in make_names(count + 30, seed=96) if n not in officials][: count - 12]
    # the Council's own officials among the deputies are voters too
    council = [name for name, post in officials_rows()[:12]]
    rng = random.Random(7)
    return [(n, f"Đại biểu HĐND tỉnh, {rng.choice(UNITS)}") for n in council + names]


def past_counts(index: int, collected: int) -> tuple[int, int, int]:
    """Plausible counts of a previous vote, deterministic by position."""
    rng = random.Random(1000 + index)
    low = rng.randint(0, 4)
    confidence = rng.randint(3, 16)
    return collected - confidence - low, confidence, low
