"""Vietnamese and English labels of the register's stored values, for pages and sheets."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "active": ("Đang sinh hoạt", "Active"),
    "transferred_out": ("Đã chuyển đi", "Transferred out"),
    "left": ("Đã ra khỏi Đảng", "Left the Party"),
    "deceased": ("Đã từ trần", "Deceased"),
    "male": ("Nam", "Male"),
    "female": ("Nữ", "Female"),
    "army": ("Quân đội", "Army"),
    "police": ("Công an", "Police"),
    "retired": ("Hưu trí", "Retired"),
    "allowed_to_leave": ("Cho ra khỏi Đảng", "Allowed to leave"),
    "struck_off": ("Xóa tên", "Struck off"),
    "expelled": ("Khai trừ", "Expelled"),
    "admitted": ("Kết nạp", "Admitted"),
    "transferred_in": ("Chuyển đến", "Transferred in"),
    "died": ("Từ trần", "Died"),
}
# An event's kind shares its key with a status ("transferred_out", "left"): as events these read
# as the act, not the state.
EVENT_LABELS: dict[str, tuple[str, str]] = {
    **LABELS,
    "transferred_out": ("Chuyển đi", "Transferred out"),
    "left": ("Ra khỏi Đảng", "Left the Party"),
}


def vi(value: str) -> str:
    return LABELS.get(value, (value, value))[0]


def pair(value: str, *, event: bool = False) -> tuple[str, str]:
    return (EVENT_LABELS if event else LABELS).get(value, (value, value))
