"""The figures of the programmes demo: Hanoi's Programme 01-CTr/TU at the end of 2022, from the
article of 20 December 2022 (../shared/seed) and the public reports the domain note cites.

What the sources give: 34 projects and topics assigned to 11 lead agencies, 29 done and 5 in
progress; a few items by name (research on party-member quality, done; screening out unfit
members; the quality of admissions; the modern one-stop-shop model, done; the 2023 tasks on
public assets and on the rules of four departments); the 2021 and 2022 targets; the 2022
inspection and discipline figures; 575 procedures abolished and more than 700 delegated; the
2023 PAR Index. What they do not give is invented here and says so: the other tasks' titles,
each task's agency, deadline and completion day (all 29 done by 20/12/2022, two of them after
their deadline), the watched cases (no real case is named), the split of the inspection figures
the article rounds ("gần 600", "trên 900")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

CODE = "01-CTr/TU"
TITLE = (
    "Tăng cường công tác xây dựng, chỉnh đốn Đảng, xây dựng Đảng bộ và hệ thống chính trị "
    "Thành phố trong sạch, vững mạnh; đẩy mạnh cải cách hành chính giai đoạn 2021-2025"
)
ISSUED_ON = date(2021, 3, 17)
CUT_OFF = date(2022, 12, 20)  # the conference that reviewed 2022: "29/34 nội dung hoàn thành"

BTC = "Ban Tổ chức Thành ủy"  # the standing agency
BTG = "Ban Tuyên giáo Thành ủy"
UBKT = "Ủy ban Kiểm tra Thành ủy"
BDV = "Ban Dân vận Thành ủy"
BNC = "Ban Nội chính Thành ủy"
VPTU = "Văn phòng Thành ủy"
DUCQ = "Đảng ủy Khối các cơ quan Thành phố"
DUDN = "Đảng ủy Khối Doanh nghiệp Thành phố"
BCS = "Ban cán sự đảng UBND Thành phố"
SNV = "Sở Nội vụ"
VPUB = "Văn phòng UBND Thành phố"

ROUTINE = None  # "thường xuyên"
# code, title, lead, partners, deadline, completed (None: still in progress), leader in charge
TASKS: list[tuple[str, str, str, str, date | None, date | None, str]] = [
    ("CT01-01", "Đề tài nghiên cứu nâng cao chất lượng đảng viên", BTC, VPTU,
     date(2022, 6, 30), date(2022, 6, 20), "Trưởng Ban Tổ chức Thành ủy"),
    ("CT01-02", "Đề án sàng lọc, đưa những đảng viên không đủ tư cách ra khỏi Đảng", BTC, UBKT,
     date(2022, 9, 30), date(2022, 9, 26), "Trưởng Ban Tổ chức Thành ủy"),
    ("CT01-03", "Đề án nâng cao chất lượng công tác kết nạp đảng viên", BTC, DUCQ,
     date(2023, 6, 30), None, "Trưởng Ban Tổ chức Thành ủy"),
    ("CT01-04", "Quy định phân cấp quản lý cán bộ", BTC, SNV,
     date(2021, 12, 31), date(2021, 12, 28), "Phó Bí thư Thường trực Thành ủy"),
    ("CT01-05", "Đề án củng cố tổ chức cơ sở đảng yếu kém", BTC, "",
     date(2022, 6, 30), date(2022, 8, 15), "Trưởng Ban Tổ chức Thành ủy"),
    ("CT01-06", "Kế hoạch phát triển đảng viên trong doanh nghiệp ngoài khu vực nhà nước", BTC,
     DUDN, ROUTINE, date(2022, 11, 30), "Trưởng Ban Tổ chức Thành ủy"),
    ("CT01-07", "Chuyên đề đổi mới công tác giáo dục chính trị, tư tưởng", BTG, "",
     date(2022, 3, 31), date(2022, 3, 25), "Trưởng Ban Tuyên giáo Thành ủy"),
    ("CT01-08", "Đề án nâng cao chất lượng học tập, quán triệt nghị quyết", BTG, VPTU,
     date(2022, 12, 15), date(2022, 12, 10), "Trưởng Ban Tuyên giáo Thành ủy"),
    ("CT01-09", "Chuyên đề đấu tranh phản bác quan điểm sai trái trên không gian mạng", BTG, BNC,
     date(2023, 3, 31), None, "Trưởng Ban Tuyên giáo Thành ủy"),
    ("CT01-10", "Quy trình kiểm tra, giám sát việc kê khai tài sản, thu nhập", UBKT, BNC,
     date(2021, 12, 31), date(2021, 12, 20), "Chủ nhiệm Ủy ban Kiểm tra Thành ủy"),
    ("CT01-11", "Chuyên đề giám sát người đứng đầu cấp ủy", UBKT, "",
     date(2022, 6, 30), date(2022, 6, 28), "Chủ nhiệm Ủy ban Kiểm tra Thành ủy"),
    ("CT01-12", "Đề án nâng cao chất lượng công tác kiểm tra đảng viên khi có dấu hiệu vi phạm",
     UBKT, "", date(2022, 10, 31), date(2022, 10, 20), "Chủ nhiệm Ủy ban Kiểm tra Thành ủy"),
    ("CT01-13", "Chuyên đề tiếp xúc, đối thoại trực tiếp với Nhân dân", BDV, VPUB,
     date(2022, 3, 31), date(2022, 3, 30), "Trưởng Ban Dân vận Thành ủy"),
    ("CT01-14", "Đề án phát huy vai trò giám sát của Mặt trận Tổ quốc", BDV, "",
     date(2022, 6, 30), date(2022, 7, 20), "Trưởng Ban Dân vận Thành ủy"),
    ("CT01-15", "Kế hoạch thực hiện dân chủ ở cơ sở", BDV, SNV,
     ROUTINE, date(2022, 12, 1), "Trưởng Ban Dân vận Thành ủy"),
    ("CT01-16", "Đề án nâng cao hiệu quả phòng, chống tham nhũng, tiêu cực", BNC, UBKT,
     date(2022, 6, 30), date(2022, 6, 25), "Trưởng Ban Nội chính Thành ủy"),
    ("CT01-17", "Quy chế phối hợp giữa các cơ quan nội chính", BNC, "",
     date(2021, 12, 31), date(2021, 12, 30), "Trưởng Ban Nội chính Thành ủy"),
    ("CT01-18", "Chuyên đề kiểm soát quyền lực trong công tác cán bộ", BNC, BTC,
     date(2022, 11, 30), date(2022, 11, 25), "Trưởng Ban Nội chính Thành ủy"),
    ("CT01-19", "Quy chế làm việc của Ban Chấp hành Đảng bộ Thành phố khóa XVII", VPTU, "",
     date(2021, 6, 30), date(2021, 6, 15), "Chánh Văn phòng Thành ủy"),
    ("CT01-20", "Đề án chuyển đổi số trong cơ quan đảng", VPTU, "",
     date(2022, 12, 15), date(2022, 12, 12), "Chánh Văn phòng Thành ủy"),
    ("CT01-21", "Quy định chế độ báo cáo định kỳ của các cấp ủy", VPTU, "",
     date(2022, 3, 31), date(2022, 3, 31), "Chánh Văn phòng Thành ủy"),
    ("CT01-22", "Chuyên đề nâng cao chất lượng sinh hoạt chi bộ", DUCQ, BTC,
     date(2022, 6, 30), date(2022, 6, 29), "Bí thư Đảng ủy Khối các cơ quan"),
    ("CT01-23", "Đề án xây dựng chi bộ cơ quan trong sạch, vững mạnh", DUCQ, "",
     date(2022, 9, 30), date(2022, 9, 15), "Bí thư Đảng ủy Khối các cơ quan"),
    ("CT01-24", "Đề án thành lập tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước", DUDN,
     BTC, date(2022, 6, 30), date(2022, 6, 30), "Bí thư Đảng ủy Khối Doanh nghiệp"),
    ("CT01-25", "Chuyên đề vai trò của tổ chức đảng trong doanh nghiệp cổ phần", DUDN, "",
     date(2022, 10, 31), date(2022, 10, 28), "Bí thư Đảng ủy Khối Doanh nghiệp"),
    ("CT01-26", "Kế hoạch phát triển đảng viên là chủ doanh nghiệp", DUDN, BTC,
     date(2023, 6, 30), None, "Bí thư Đảng ủy Khối Doanh nghiệp"),
    ("CT01-27", "Đề án quản lý, sử dụng tài sản công", BCS, VPUB,
     date(2023, 9, 30), None, "Chủ tịch UBND Thành phố"),
    ("CT01-28", "Chương trình cải cách hành chính giai đoạn 2021-2025", BCS, SNV,
     date(2021, 9, 30), date(2021, 9, 20), "Chủ tịch UBND Thành phố"),
    ("CT01-29", "Đề án nâng cao Chỉ số cải cách hành chính (PAR Index)", BCS, SNV,
     date(2022, 6, 30), date(2022, 6, 24), "Chủ tịch UBND Thành phố"),
    ("CT01-30", "Quy định chức năng, nhiệm vụ, tổ chức bộ máy của bốn sở", SNV, VPUB,
     date(2023, 6, 30), None, "Phó Chủ tịch UBND Thành phố"),
    ("CT01-31", "Đề án vị trí việc làm trong cơ quan hành chính", SNV, "",
     date(2022, 6, 30), date(2022, 6, 15), "Phó Chủ tịch UBND Thành phố"),
    ("CT01-32", "Kế hoạch tinh giản biên chế", SNV, "",
     date(2022, 12, 15), date(2022, 12, 14), "Phó Chủ tịch UBND Thành phố"),
    ("CT01-33", "Đề án mô hình bộ phận “một cửa” hiện đại và đổi mới cơ chế “một cửa”, "
     "“một cửa liên thông” thống nhất toàn Thành phố", VPUB, SNV,
     date(2022, 9, 30), date(2022, 9, 20), "Chánh Văn phòng UBND Thành phố"),
    ("CT01-34", "Đề án bãi bỏ, đơn giản hóa, phân cấp, ủy quyền thủ tục hành chính", VPUB, "",
     date(2022, 12, 15), date(2022, 12, 5), "Chánh Văn phòng UBND Thành phố"),
]  # fmt: skip

# indicator, unit, period, plan, actual (the article; plans worked back from its percentages)
TARGETS: list[tuple[str, str, str, Decimal, Decimal]] = [
    ("Kết nạp đảng viên mới", "đảng viên", "2021", Decimal(9744), Decimal(10027)),
    ("Kết nạp đảng viên mới", "đảng viên", "2022", Decimal(9292), Decimal(10100)),
    (
        "Thành lập tổ chức đảng trong doanh nghiệp ngoài khu vực nhà nước",
        "tổ chức",
        "2022",
        Decimal(68),
        Decimal(99),
    ),
    (
        "Kết nạp đảng viên trong doanh nghiệp ngoài khu vực nhà nước",
        "đảng viên",
        "2022",
        Decimal(453),
        Decimal(894),
    ),
    ("Củng cố tổ chức cơ sở đảng yếu kém", "tổ chức", "2022", Decimal(39), Decimal(28)),
]

KTGS_PERIOD = ("Năm 2022", date(2022, 1, 1), date(2022, 12, 15))
# activity, subject, inspected, violating, to be disciplined, disciplined, forms
KTGS: list[tuple[str, str, int, int, int, int, dict[str, int]]] = [
    ("committee_inspection", "organisations", 1580, 0, 0, 0, {}),
    ("committee_inspection", "members", 600, 0, 0, 0, {}),
    ("supervision", "organisations", 900, 0, 0, 0, {}),
    ("supervision", "members", 570, 0, 0, 0, {}),
    ("signs_of_violation", "organisations", 145, 65, 11, 0, {}),
    ("signs_of_violation", "members", 344, 196, 153, 0, {}),
    ("discipline", "organisations", 0, 0, 0, 22, {"khien_trach": 19, "canh_cao": 3}),
    (
        "discipline",
        "members",
        0,
        0,
        0,
        1142,
        {"khien_trach": 853, "canh_cao": 144, "cach_chuc": 14, "khai_tru": 131},
    ),
]

# invented cases (no real case is named): name, kind, level, listed on, handling agency,
# stages (stage, on, defendants), target dates (stage, on), blockers
CASES = [
    (
        "Vụ án vi phạm quy định về đấu thầu tại một dự án đầu tư công (minh họa)",
        "vu_an",
        "province",
        date(2021, 3, 15),
        "Cơ quan Cảnh sát điều tra Công an Thành phố",
        [("prosecution", date(2021, 5, 10), 6), ("indictment", date(2022, 3, 2), 6),
         ("first_instance", date(2022, 8, 18), 6), ("enforcement", date(2022, 11, 20), 6)],
        [],
        "",
    ),
    (
        "Vụ án lợi dụng chức vụ, quyền hạn trong quản lý đất đai (minh họa)",
        "vu_an",
        "province",
        date(2021, 9, 1),
        "Cơ quan Cảnh sát điều tra Công an Thành phố",
        [("prosecution", date(2021, 10, 12), 4), ("investigation_concluded", date(2022, 9, 6), 5)],
        [("first_instance", date(2023, 6, 30))],
        "",
    ),
    (
        "Vụ án tham ô tài sản tại một doanh nghiệp nhà nước (minh họa)",
        "vu_an",
        "central",
        date(2021, 6, 1),
        "Cơ quan Cảnh sát điều tra Bộ Công an",
        [("prosecution", date(2021, 7, 5), 12), ("first_instance", date(2022, 12, 5), 12)],
        [("appeal", date(2023, 6, 30))],
        "",
    ),
    (
        "Vụ án vi phạm quy định về quản lý, sử dụng tài sản nhà nước (minh họa)",
        "vu_an",
        "province",
        date(2022, 4, 10),
        "Cơ quan Cảnh sát điều tra Công an Thành phố",
        [("prosecution", date(2022, 5, 16), 3)],
        [("investigation_concluded", date(2023, 3, 31))],
        "Chờ kết quả định giá tài sản",
    ),
    (
        "Vụ việc sai phạm trong quản lý trật tự xây dựng (minh họa)",
        "vu_viec",
        "province",
        date(2022, 7, 1),
        "Thanh tra Thành phố",
        [],
        [],
        "Chờ kết quả giám định",
    ),
]  # fmt: skip

# the article: 575 procedures abolished, "phân cấp, ủy quyền đối với hơn 700 thủ tục" (counted
# here as delegated); Hanoi's PAR Index 2023: 91.43 %, 3rd of 63
REFORM: dict[int, dict[str, int | Decimal]] = {
    2022: {"abolished": 575, "delegated": 701},
    2023: {"par_index": Decimal("91.43"), "par_rank": 3},
}

# Sub-tasks per agency (agency, title, weight, progress %): the task's progress rolls up by weight
PARTS = {
    "CT01-03": [
        ("Ban Tổ chức Thành ủy", "Dự thảo đề án, tổng hợp ý kiến", 3, 60),
        ("Đảng ủy Khối các cơ quan Thành phố", "Khảo sát tại các tổ chức cơ sở đảng", 1, 40),
    ],
}
