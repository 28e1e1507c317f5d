"""One base for every error a person reads: each family derives from `BilingualError` (and the
pure cores' errors stay ValueErrors, a service's refusal does not), the place in the input is
phrased once in both languages, and the command line reports any of them the same way."""

from __future__ import annotations

import pytest

from tinnhiem.ballotcrypto.ceremony_files import CeremonyFileError
from tinnhiem.ballotcrypto.election import BallotFormatError
from tinnhiem.ballotcrypto.errors import CryptoError, InvalidEncoding
from tinnhiem.bilingual import BilingualError
from tinnhiem.cli.common import UserError
from tinnhiem.core.errors import DomainError, InputProblem, SessionClosed
from tinnhiem.documents.countsheet import SheetError as CountSheetError
from tinnhiem.grading.errors import GradingError, ScoreError
from tinnhiem.omr.errors import OmrError, PageTooLarge, UnreadableImage
from tinnhiem.rules.errors import CountExceedsBallots, RuleError
from tinnhiem.sheets import UnreadableSheet
from tinnhiem.steering.errors import FigureError, SteeringError

PURE_CORE_ERRORS = (
    RuleError,
    GradingError,
    SteeringError,
    OmrError,
    CryptoError,
    UnreadableSheet,
    CountSheetError,
)


@pytest.mark.parametrize("family", [*PURE_CORE_ERRORS, DomainError], ids=lambda c: c.__name__)
def test_every_family_of_errors_derives_from_the_one_base(family: type[Exception]) -> None:
    assert issubclass(family, BilingualError)


@pytest.mark.parametrize("family", PURE_CORE_ERRORS, ids=lambda c: c.__name__)
def test_the_pure_cores_errors_are_still_value_errors(family: type[Exception]) -> None:
    assert issubclass(family, ValueError)


def test_a_services_refusal_is_not_a_value_error() -> None:
    # an `except ValueError` around a service call must not start swallowing its refusals
    assert not issubclass(DomainError, ValueError)


def test_the_message_is_in_both_languages_vietnamese_first() -> None:
    error = SessionClosed("Đợt đã kết thúc", "The session is closed")
    assert error.message == str(error) == "Đợt đã kết thúc / The session is closed"
    assert error.for_language("vi") == error.for_language(None) == "Đợt đã kết thúc"
    assert error.for_language("en") == error.for_language("en-gb") == "The session is closed"


def test_the_row_and_the_field_are_phrased_before_the_message() -> None:
    error = CountExceedsBallots("vượt số phiếu", "exceeds the ballots", row=4, field="Tín nhiệm")
    assert (error.where_vi, error.where_en) == (
        "dòng 4, cột 'Tín nhiệm'",
        "row 4, column 'Tín nhiệm'",
    )
    assert error.text_vi == "Dòng 4, cột 'Tín nhiệm': vượt số phiếu"
    assert error.text_en == "Row 4, column 'Tín nhiệm': exceeds the ballots"
    assert str(error) == f"{error.text_vi} / {error.text_en}"
    assert error.for_language("en") == error.text_en
    assert (error.message_vi, error.message_en) == ("vượt số phiếu", "exceeds the ballots")


def test_a_field_alone_keeps_its_own_capitals() -> None:
    error = ScoreError("không phải số", "not a number", field="tín nhiệm thấp")
    assert error.text_vi == "Cột 'tín nhiệm thấp': không phải số"
    steering = FigureError("số âm", "negative", row=7)
    assert steering.text_en == "Row 7: negative" and steering.field is None


def test_the_omr_errors_build_their_own_messages_on_the_base() -> None:
    error = UnreadableImage("phieu.pdf", "hỏng")
    assert error.file_name == "phieu.pdf" and error.row is None
    assert error.for_language("en").startswith("Cannot read the scanned file 'phieu.pdf'")
    large = PageTooLarge("phieu.tif", 2, 20_000, 20_000, 90_000_000, is_frame=True)
    assert "khung hình 2" in large.for_language("vi") and large.number == 2


def test_a_crypto_field_names_a_place_in_the_record_not_a_column() -> None:
    error = CeremonyFileError("round1.session", "sai đợt", "wrong session", trustee=2)
    assert error.field == "round1.session" and error.trustee == 2
    assert error.where_en == ""  # the path is in the message already, never "column '...'"
    assert str(error) == "round1.session: sai đợt / round1.session: wrong session"
    ballot = BallotFormatError("marks[3].proof", "thiếu", "missing")
    assert ballot.field == "marks[3].proof" and isinstance(ballot, InvalidEncoding)
    assert ballot.message == "thiếu / missing"


def test_a_sheet_error_names_the_file() -> None:
    error = UnreadableSheet("so-lieu.csv", "không phải UTF-8", "not UTF-8")
    assert (error.detail_vi, error.detail_en) == ("không phải UTF-8", "not UTF-8")
    assert str(error) == "Tệp so-lieu.csv: không phải UTF-8 / File so-lieu.csv: not UTF-8"


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (InputProblem("Thiếu tên", "No name"), "Thiếu tên / No name"),
        (CountExceedsBallots("quá", "too many", row=3), "Dòng 3: quá / Row 3: too many"),
        (OmrError("Mẫu hỏng", "Broken template"), "Mẫu hỏng / Broken template"),
        ("đã có sẵn / already there", "đã có sẵn / already there"),
    ],
)
def test_the_command_line_reports_any_of_them_in_both_languages(
    error: BilingualError | str, shown: str
) -> None:
    reported = UserError(error)
    assert str(reported) == shown and reported.returncode == 2
