"""A realistic session: the Ho Chi Minh City People's Council vote of 7 December 2023 (published
counts, 81 ballots issued and collected, Resolution 96/2023/QH15). The counting board's members
are invented names."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest
from pypdf import PageObject, PdfReader

from tinnhiem.documents.data import (
    BallotPerson,
    BallotSpec,
    BoardMember,
    BoardRole,
    BodyHeader,
    HeaderKind,
    ResultsReport,
    SessionInfo,
)
from tinnhiem.rules import CountLine, SessionFigures, TallyResult, load_profile, tally

HCMC_COUNTS = (
    ("Nguyễn Thị Lệ", "Chủ tịch Hội đồng nhân dân Thành phố", 73, 6, 2),
    ("Lê Trương Hải Hiếu", "Trưởng Ban Kinh tế - Ngân sách", 67, 12, 2),
    ("Cao Thanh Bình", "Trưởng Ban Văn hóa - Xã hội", 66, 12, 3),
    ("Phan Văn Mãi", "Chủ tịch Ủy ban nhân dân Thành phố", 69, 10, 2),
    ("Lê Thị Huỳnh Mai", "Giám đốc Sở Kế hoạch và Đầu tư", 52, 16, 13),
)
NAMES = tuple(row[0] for row in HCMC_COUNTS)

HCMC_HEADER = BodyHeader(
    body_name="HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
    kind=HeaderKind.STATE,
    city="Thành phố Hồ Chí Minh",
)

BOARD = (
    BoardMember("Trần Quang Thắng", BoardRole.HEAD),
    BoardMember("Nguyễn Thị Hồng Vân", BoardRole.MEMBER),
    BoardMember("Phạm Đức Hải", BoardRole.MEMBER),
    BoardMember("Võ Ngọc Thùy Dương", BoardRole.MEMBER),
    BoardMember("Đỗ Minh Khôi", BoardRole.SECRETARY),
)


def hcmc_tally() -> TallyResult:
    profile = load_profile("nq96")
    lines = [
        CountLine(name, post, {"high": high, "confidence": mid, "low": low})
        for name, post, high, mid, low in HCMC_COUNTS
    ]
    figures = SessionFigures(members=95, issued=81, collected=81, summoned=95, present=81)
    return tally(profile, figures, lines)


def hcmc_session(header: BodyHeader = HCMC_HEADER) -> SessionInfo:
    return SessionInfo(
        header=header,
        title="Lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân Thành phố bầu",
        held_on=date(2023, 12, 7),
        venue="Hội trường Hội đồng nhân dân Thành phố, số 111 Đồng Khởi, Quận 1",
        profile=load_profile("nq96"),
        members=95,
        summoned=95,
        present=81,
        issued=81,
        collected=81,
        valid_ballots=81,
        invalid_ballots=0,
        board=BOARD,
    )


@pytest.fixture
def report() -> ResultsReport:
    return ResultsReport(session=hcmc_session(), result=hcmc_tally())


@pytest.fixture
def report_with_previous() -> ResultsReport:
    profile = load_profile("nq96")
    earlier = tally(
        profile,
        SessionFigures(collected=90),
        [
            CountLine("Nguyễn Thị Lệ", "Chủ tịch HĐND", {"high": 80, "confidence": 8, "low": 2}),
            CountLine(
                "Phan Văn Mãi", "Phó Chủ tịch UBND", {"high": 60, "confidence": 25, "low": 5}
            ),
        ],
    )
    return ResultsReport(
        session=hcmc_session(),
        result=hcmc_tally(),
        previous={person.name: person for person in earlier.people},
        previous_label="Kết quả lần trước",
    )


@pytest.fixture
def bare_report() -> ResultsReport:
    """What the `tally` command has: no body, no place, no board, no session figures."""
    session = SessionInfo(
        header=BodyHeader(body_name=""),
        title="Lấy phiếu tín nhiệm",
        held_on=date(2024, 2, 3),
        venue="",
        profile=load_profile("nq96"),
    )
    return ResultsReport(session=session, result=hcmc_tally())


@pytest.fixture
def band_report() -> ResultsReport:
    """Invented counts that reach both nq96 bands: 45/81 low (above 1/2), 60/81 (2/3 or more)."""
    profile = load_profile("nq96")
    lines = [
        CountLine("Nguyễn Thị Lệ", "Chủ tịch HĐND", {"high": 73, "confidence": 6, "low": 2}),
        CountLine("Cao Thanh Bình", "Trưởng Ban", {"high": 10, "confidence": 11, "low": 60}),
        CountLine("Lê Thị Huỳnh Mai", "Giám đốc Sở", {"high": 20, "confidence": 15, "low": 45}, 1),
    ]
    result = tally(profile, SessionFigures(collected=81), lines)
    return ResultsReport(session=hcmc_session(), result=result)


@pytest.fixture
def no_confidence_report() -> ResultsReport:
    """A formal no-confidence vote (nq96-bpt, base: all 95 members)."""
    profile = load_profile("nq96-bpt")
    lines = [
        CountLine("Lê Thị Huỳnh Mai", "Giám đốc Sở", {"confidence": 40, "no_confidence": 50}),
    ]
    result = tally(profile, SessionFigures(members=95, collected=90), lines)
    session = SessionInfo(
        header=HCMC_HEADER,
        title="Bỏ phiếu tín nhiệm",
        held_on=date(2024, 1, 9),
        venue="Hội trường",
        profile=profile,
        members=95,
        board=BOARD,
    )
    return ResultsReport(session=session, result=result)


def _ballot_spec(count: int | None = None, **changes: object) -> BallotSpec:
    if count is None:
        persons = tuple(BallotPerson(name, post) for name, post, *_ in HCMC_COUNTS)
    else:
        persons = tuple(
            BallotPerson(f"Nguyễn Văn Thành {i + 1}", f"Phó Trưởng Ban Pháp chế số {i + 1}")
            for i in range(count)
        )
    values: dict[str, object] = {
        "header": HCMC_HEADER,
        "profile": load_profile("nq96"),
        "session_code": "42",
        "session_line": "Kỳ họp thứ mười bốn, Hội đồng nhân dân Thành phố khóa X, ngày 07/12/2023",
        "ballot_type": "1",
        "ballot_type_name": "Khối Hội đồng nhân dân và Ủy ban nhân dân",
        "people": persons,
    }
    values.update(changes)
    return BallotSpec(**values)  # type: ignore[arg-type]


@pytest.fixture
def make_spec() -> Callable[..., BallotSpec]:
    """A factory: the five HCMC officials, or `count` numbered names; fields overridable."""
    return _ballot_spec


class PdfReading:
    """Reads a rendered PDF back with pypdf."""

    def pages(self, data: bytes) -> list[PageObject]:
        return list(PdfReader(io.BytesIO(data)).pages)

    def text(self, data: bytes) -> str:
        return "\n".join(page.extract_text() or "" for page in self.pages(data))

    def flat_text(self, data: bytes) -> str:
        """The text with every run of white space as one space (wrapped cells join up)."""
        return " ".join(self.text(data).split())

    def fonts(self, data: bytes) -> set[str]:
        names: set[str] = set()
        for page in self.pages(data):
            fonts = page["/Resources"].get_object().get("/Font", {})
            for ref in fonts.values():
                names.add(str(ref.get_object()["/BaseFont"]))
        return names


@pytest.fixture
def pdf() -> PdfReading:
    return PdfReading()


@pytest.fixture
def names() -> tuple[str, ...]:
    return NAMES
