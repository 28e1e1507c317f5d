"""Vietnamese and English labels of the roles a user holds in a body, for screens."""

LABELS: dict[str, tuple[str, str]] = {
    "administrator": ("Quản trị", "Administrator"),
    "organiser": ("Tổ chức", "Organiser"),
    "board": ("Ban kiểm phiếu", "Counting board"),
    "observer": ("Quan sát", "Observer"),
}
