"""Vietnamese and English labels of stored values, for screens."""

from tinnhiem.ballotformat import BLANK, SEVERAL

LABELS: dict[str, tuple[str, str]] = {
    "draft": ("Dự thảo", "Draft"),
    "open": ("Đã mở, in phiếu", "Open, ballots printed"),
    "counting": ("Đang kiểm phiếu", "Counting"),
    "closed": ("Đã kết thúc kiểm phiếu", "Count closed"),
    "published": ("Đã công bố", "Published"),
    "ballots": ("Nhập từng phiếu, hai người nhập độc lập", "Ballot by ballot, entered twice"),
    "aggregate": ("Nhập tổng hợp từ biên bản kiểm phiếu", "Counts from a hand tally sheet"),
    "head": ("Trưởng ban", "Head"),
    "member": ("Ủy viên", "Member"),
    "secretary": ("Thư ký", "Secretary"),
    "not_issued": (
        "Không phải phiếu do Ban kiểm phiếu phát ra",
        "Not issued by the counting board",
    ),
    "name_crossed": ("Gạch tên người được lấy phiếu", "A printed name crossed out"),
    "added": ("Ghi thêm tên hoặc nội dung khác", "Names or other text added"),
    "no_seal": (
        "Không thấy dấu của cơ quan ở chỗ đóng dấu",
        "No seal found on the seal place",
    ),
    "retirement": ("Đã có thông báo nghỉ hưu", "Retirement announced"),
    "new_in_year": ("Được bầu, bổ nhiệm trong năm lấy phiếu", "Took office in the voting year"),
    "short_tenure": ("Giữ chức vụ chưa đủ thời gian", "In office too short a time"),
    "none": ("—", "—"),
    "collected": ("tổng số phiếu thu về", "ballots collected"),
    "members": ("tổng số thành viên (đại biểu)", "all members of the body"),
}
LABELS.update(
    {
        "scan": ("Quét phiếu bằng máy quét", "Scanned by machine"),
        "faint": ("Dấu mờ, không chắc", "Faint mark"),
        "across": ("Dấu tràn sang ô khác", "Mark across two boxes"),
        "correction": ("Có dấu sửa", "A correction"),
        BLANK: ("Không đánh dấu", "No box marked"),
        SEVERAL: ("Đánh dấu nhiều ô", "Several boxes"),
        "valid": ("Phiếu hợp lệ", "Valid ballot"),
    }
)
