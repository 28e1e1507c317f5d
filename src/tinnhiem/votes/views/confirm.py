"""The irreversible steps of a session (open it, start and close the count, publish, delete a
draft) are
confirmed on a page of their own: GET says what will happen, POST with the confirmation field
does it; a POST without it is refused (no script needed, and a hand-made request cannot skip it).
Closing with fewer ballots entered than issued, or the ballots collected left blank, names those
figures, and the board's confirmation of them is passed to the close service."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tinnhiem.core.i18n import choose
from tinnhiem.core.pages import run
from tinnhiem.votes import counting, services
from tinnhiem.votes.models import VoteSession

CONFIRMED = "confirmed"  # the field a confirmation page posts
ACKNOWLEDGED_GAPS = "acknowledged_gaps"  # the gaps the page named, posted back as confirmed


@dataclass(frozen=True)
class Step:
    question: tuple[str, str]
    consequence: tuple[str, str]
    button: tuple[str, str]
    success: tuple[str, str]


STEPS = {
    "open": Step(
        ("Mở đợt lấy phiếu «{title}»?", "Open the session «{title}»?"),
        (
            "Sau khi mở, danh sách {people} người được lấy phiếu không thay đổi được nữa; có thể in phiếu.",
            "Once open, the list of the {people} persons voted on is frozen; ballots can be printed.",
        ),
        ("Có, mở đợt lấy phiếu", "Yes, open the session"),
        ("Đã mở đợt lấy phiếu: có thể in phiếu", "Session opened: ballots can be printed"),
    ),
    "start": Step(
        ("Bắt đầu kiểm phiếu đợt «{title}»?", "Start the count of «{title}»?"),
        (
            "Sau khi bắt đầu, không thể quay lại bước in phiếu; Ban kiểm phiếu nhập phiếu.",
            "Once started, the session cannot go back to printing; the board enters the ballots.",
        ),
        ("Có, bắt đầu kiểm phiếu", "Yes, start the count"),
        ("Bắt đầu kiểm phiếu", "Counting started"),
    ),
    "close": Step(
        ("Kết thúc kiểm phiếu đợt «{title}»?", "Close the count of «{title}»?"),
        (
            "Kết quả được tính và khóa lại; chỉ quản trị viên mới mở lại được, có ghi lý do.",
            "The result is computed and locked; only an administrator can reopen it, with a reason.",
        ),
        ("Có, kết thúc kiểm phiếu", "Yes, close the count"),
        ("Đã kết thúc kiểm phiếu", "Count closed"),
    ),
    "publish": Step(
        ("Công bố kết quả đợt «{title}»?", "Publish the result of «{title}»?"),
        (
            "Kết quả được công bố và không rút lại được.",
            "The result is published and cannot be withdrawn.",
        ),
        ("Có, công bố kết quả", "Yes, publish the result"),
        ("Đã công bố kết quả", "Result published"),
    ),
    "delete": Step(
        ("Xóa bản nháp «{title}»?", "Delete the draft «{title}»?"),
        (
            "Đợt lấy phiếu này (chưa mở, chưa có phiếu) bị xóa cùng danh sách {people} người được "
            "lấy phiếu và Ban kiểm phiếu; nhật ký giữ lại việc xóa.",
            "This session (not open, no ballot) is deleted with its {people} persons voted on and "
            "its counting board; the audit log keeps the deletion.",
        ),
        ("Có, xóa bản nháp", "Yes, delete the draft"),
        ("Đã xóa bản nháp", "Draft deleted"),
    ),
}
SERVICES = {
    "open": services.session_open,
    "start": services.counting_start,
    "publish": services.session_publish,
}
NOT_CONFIRMED = (
    "Chưa xác nhận: bấm nút xác nhận trên trang này để thực hiện",
    "Not confirmed: press the confirmation button on this page to go ahead",
)


def _text(pair: tuple[str, str], session: VoteSession) -> str:
    people = session.candidates.filter(is_excluded=False).count()
    return choose(*pair).format(title=session.title, people=people)


def confirm_page(request: HttpRequest, session: VoteSession, action: str) -> HttpResponse:
    step = STEPS[action]
    gaps = counting.count_gaps(session) if action == "close" else None
    return render(
        request,
        "votes/confirm.html",
        {
            "session": session,
            "action": action,
            "question": _text(step.question, session),
            "consequence": _text(step.consequence, session),
            "button": choose(*step.button),
            "gaps": choose(gaps.message_vi, gaps.message_en) if gaps else "",
            "gaps_key": gaps.message_en if gaps else "",
        },
    )


def confirmed_step(request: HttpRequest, session: VoteSession, action: str) -> HttpResponse:
    """Do the step once its page was confirmed; otherwise back to that page."""
    if request.POST.get(CONFIRMED) != "yes":
        messages.error(request, choose(*NOT_CONFIRMED))
        return redirect("session_action", session_id=session.pk, action=action)
    success = STEPS[action].success
    if action == "delete":
        if run(request, services.session_delete, success, session=session):
            return redirect("body", body_id=session.body_id)
        return redirect("session", session_id=session.pk)
    if action != "close":
        run(request, SERVICES[action], success, session=session)
        return redirect("session", session_id=session.pk)
    gaps = counting.count_gaps(session)
    acknowledged = gaps is not None and request.POST.get(ACKNOWLEDGED_GAPS) == gaps.message_en
    if run(request, counting.count_close, success, session=session, acknowledged_gaps=acknowledged):
        return redirect("results", session_id=session.pk)
    return redirect("session_action", session_id=session.pk, action=action)
