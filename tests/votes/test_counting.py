"""The count: double entry, the board's decisions, hand tallies, and the checks before closing."""

from __future__ import annotations

from typing import Any

import pytest

from tinnhiem.core.errors import CountNotReady, InputProblem, NotAllowed, SessionClosed, WrongState
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import CountMode, SessionStatus, VoteSession
from tinnhiem.votes.results import session_result

# four candidates; marks: 0 high, 1 confidence, 2 low, _ none, + several
PILE = ["0000", "0112", "01_0", "+200"]


def enter(session: VoteSession, user: Any, operator: int, pile: list[str]) -> None:
    block = session.blocks.get()
    for marks in pile:
        reason = "name_crossed" if marks == "X" else ""
        counting.ballot_record(
            actor=user,
            block=block,
            operator=operator,
            marks="" if reason else marks,
            invalid_reason=reason,
        )


def test_two_agreeing_entries_close_with_exact_counts(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    enter(in_count, users["board1"], 1, [*PILE, "X"])
    enter(in_count, users["board2"], 2, [*PILE, "X"])
    closed = counting_close(in_count, users["board1"])
    assert closed.status == SessionStatus.CLOSED
    assert closed.collected == 5 and closed.invalid_ballots == 1
    result = session_result(closed).to_dict()
    first, second, third, fourth = result["officials"]
    assert (first["high"], first["confidence"], first["low"], first["invalid"]) == (3, 0, 0, 2)
    assert first["percent"] == {"high": "60.00", "confidence": "0.00", "low": "0.00"}
    assert (second["high"], second["confidence"], second["low"]) == (1, 2, 1)
    assert (third["high"], third["confidence"], third["low"], third["invalid"]) == (2, 1, 0, 2)
    assert (fourth["high"], fourth["confidence"], fourth["low"]) == (3, 0, 1)
    assert result["collected"] == 5 and result["base"] == 5


def counting_close(session: VoteSession, user: Any) -> VoteSession:
    return counting.count_close(actor=user, session=session, acknowledged_gaps=True)


def test_a_difference_blocks_the_close_until_the_board_decides(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    enter(in_count, users["board1"], 1, PILE)
    enter(in_count, users["board2"], 2, ["0000", "0102", "01_0", "+200"])
    block = in_count.blocks.get()
    diffs = counting.differences(block)
    assert [d.number for d in diffs] == [2]
    with pytest.raises(CountNotReady, match="Phiếu số 2"):
        counting_close(in_count, users["board1"])
    counting.ballot_decide(actor=users["board1"], block=block, number=2, marks="0112")
    assert counting.differences(block)[0].decision is not None
    closed = counting_close(in_count, users["board1"])
    assert session_result(closed).people[2].counts == {"high": 2, "confidence": 1, "low": 0}


def test_a_ballot_missing_from_one_entry_is_a_difference(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    enter(in_count, users["board1"], 1, PILE)
    enter(in_count, users["board2"], 2, PILE[:3])
    diffs = counting.differences(in_count.blocks.get())
    assert [(d.number, d.second) for d in diffs] == [(4, None)]


def test_one_person_cannot_make_both_entries(in_count: VoteSession, users: dict[str, Any]) -> None:
    enter(in_count, users["board1"], 1, PILE[:1])
    with pytest.raises(InputProblem, match="hai người khác nhau"):
        enter(in_count, users["board1"], 2, PILE[:1])


def test_entered_ballots_must_match_the_ballots_collected(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    services.figures_set(actor=users["organiser"], session=in_count, collected=5)
    enter(in_count, users["board1"], 1, PILE)
    enter(in_count, users["board2"], 2, PILE)
    with pytest.raises(CountNotReady, match="Đã nhập 4 phiếu nhưng số phiếu thu về là 5"):
        counting_close(in_count, users["board1"])


def test_collected_above_issued_is_refused(in_count: VoteSession, users: dict[str, Any]) -> None:
    with pytest.raises(InputProblem, match="Số phiếu thu về lớn hơn số phiếu phát ra"):
        services.figures_set(actor=users["organiser"], session=in_count, collected=6)
    enter(in_count, users["board1"], 1, PILE * 2)
    enter(in_count, users["board2"], 2, PILE * 2)
    with pytest.raises(CountNotReady, match="lớn hơn số phiếu phát ra"):
        counting_close(in_count, users["board1"])
    in_count.refresh_from_db()
    assert in_count.status == SessionStatus.COUNTING and in_count.collected is None


@pytest.mark.parametrize("marks", ["000", "00000", "0003", "00a0"])
def test_malformed_marks_are_refused(
    in_count: VoteSession, users: dict[str, Any], marks: str
) -> None:
    with pytest.raises(InputProblem):
        counting.ballot_record(
            actor=users["board1"], block=in_count.blocks.get(), operator=1, marks=marks
        )


def test_observers_and_organisers_cannot_enter_ballots(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    for name in ("observer", "organiser", "stranger"):
        with pytest.raises(NotAllowed):
            counting.ballot_record(
                actor=users[name], block=in_count.blocks.get(), operator=1, marks="0000"
            )


def test_hand_tally_counts_close_and_check_lines_against_collected(
    draft: VoteSession, users: dict[str, Any]
) -> None:
    session = services.count_mode_set(
        actor=users["board1"], session=draft, count_mode=CountMode.AGGREGATE
    )
    session = services.session_open(actor=users["organiser"], session=session)
    services.figures_set(actor=users["organiser"], session=session, issued=81, collected=81)
    session = services.counting_start(actor=users["board1"], session=session)
    ids = [c.pk for c in session.candidates.all()]
    published = [(73, 6, 2), (67, 12, 2), (69, 10, 2), (52, 16, 13)]
    rows = {
        pk: ({"high": h, "confidence": c, "low": lo}, 0)
        for pk, (h, c, lo) in zip(ids, published, strict=True)
    }
    rows[ids[3]] = ({"high": 52, "confidence": 16, "low": 14}, 0)
    counting.aggregate_record(actor=users["board1"], session=session, rows=rows)
    with pytest.raises(CountNotReady, match="Lê Thị Huỳnh Mai"):
        counting_close(session, users["board1"])
    rows[ids[3]] = ({"high": 52, "confidence": 16, "low": 13}, 0)
    counting.aggregate_record(actor=users["board1"], session=session, rows=rows)
    closed = counting_close(session, users["board1"])
    percents = [p["percent"]["high"] for p in session_result(closed).to_dict()["officials"]]
    assert percents == ["90.12", "82.72", "85.19", "64.20"]


def test_nothing_changes_in_a_closed_session_but_an_administrators_reopen(
    in_count: VoteSession, users: dict[str, Any]
) -> None:
    enter(in_count, users["board1"], 1, PILE)
    enter(in_count, users["board2"], 2, PILE)
    closed = counting_close(in_count, users["board1"])
    with pytest.raises(SessionClosed):
        counting.ballot_record(
            actor=users["board1"], block=closed.blocks.get(), operator=1, marks="0000"
        )
    with pytest.raises(SessionClosed):
        services.figures_set(actor=users["organiser"], session=closed, present=4)
    with pytest.raises(NotAllowed):
        services.session_reopen(actor=users["organiser"], session=closed, reason="nhập sai")
    with pytest.raises(InputProblem):
        services.session_reopen(actor=users["admin"], session=closed, reason=" ")
    reopened = services.session_reopen(
        actor=users["admin"], session=closed, reason="Phiếu số 3 đọc sai"
    )
    assert reopened.status == SessionStatus.COUNTING
    from tinnhiem.audit.models import AuditEvent

    last = AuditEvent.objects.order_by("-seq").first()
    assert last.action == "session.reopen" and last.actor == "admin"
    assert last.before["status"] == "closed" and last.after["reason"] == "Phiếu số 3 đọc sai"


def test_counting_needs_the_quorum_where_the_profile_has_one(
    body: Any, users: dict[str, Any]
) -> None:
    from datetime import date

    session = services.session_create(
        actor=users["organiser"],
        body=body,
        title="Đảng ủy",
        held_on=date(2026, 12, 1),
        profile_key="qd96",
    )
    services.candidates_set(
        actor=users["organiser"],
        session=session,
        specs=[services.CandidateSpec("Nguyễn Văn A", "Bí thư")],
    )
    services.session_open(actor=users["organiser"], session=session)
    services.figures_set(actor=users["organiser"], session=session, summoned=30, present=19)
    with pytest.raises(InputProblem, match="Không đủ số lượng tối thiểu"):
        services.counting_start(actor=users["board1"], session=session)
    services.figures_set(actor=users["organiser"], session=session, present=20)
    assert (
        services.counting_start(actor=users["board1"], session=session).status
        == SessionStatus.COUNTING
    )


def test_states_move_only_forward(draft: VoteSession, users: dict[str, Any]) -> None:
    with pytest.raises(WrongState):
        services.counting_start(actor=users["board1"], session=draft)
    with pytest.raises(WrongState):
        services.session_publish(actor=users["organiser"], session=draft)


def test_several_ballot_types_count_each_person_on_their_own_ballot(
    body: Any, users: dict[str, Any]
) -> None:
    """Posts alternate between two ballot types: counts must still land on the right person."""
    from datetime import date

    organiser = users["organiser"]
    session = services.session_create(
        actor=organiser,
        body=body,
        title="Hai loại phiếu",
        held_on=date(2026, 12, 1),
        profile_key="nq96",
    )
    specs = [
        services.CandidateSpec("Người X", "Chức vụ X", block="1"),
        services.CandidateSpec("Người Y", "Chức vụ Y", block="2"),
        services.CandidateSpec("Người Z", "Chức vụ Z", block="1"),
    ]
    services.candidates_set(actor=organiser, session=session, specs=specs)
    services.session_open(actor=organiser, session=session)
    session = services.counting_start(actor=users["board1"], session=session)
    first, second = session.blocks.all()
    for operator, user in ((1, users["board1"]), (2, users["board2"])):
        for _ in range(3):
            counting.ballot_record(actor=user, block=first, operator=operator, marks="01")
            counting.ballot_record(actor=user, block=second, operator=operator, marks="2")
    closed = counting.count_close(actor=users["board1"], session=session, acknowledged_gaps=True)
    by_name = {p.name: dict(p.counts) for p in session_result(closed).people}
    assert by_name == {
        "Người X": {"high": 3, "confidence": 0, "low": 0},
        "Người Y": {"high": 0, "confidence": 0, "low": 3},
        "Người Z": {"high": 0, "confidence": 3, "low": 0},
    }
