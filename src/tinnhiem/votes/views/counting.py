from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.ballotformat import BLANK, PENDING, SEVERAL, level_mark, mark_level
from tinnhiem.core import permissions, values
from tinnhiem.core.i18n import choose, is_english
from tinnhiem.core.pages import run
from tinnhiem.core.templatetags.tn import label
from tinnhiem.rules import Profile
from tinnhiem.votes import counting
from tinnhiem.votes.ballots import Ballot, block_lines
from tinnhiem.votes.models import AggregateCount, BallotBlock, InvalidReason
from tinnhiem.votes.profiles import session_profile
from tinnhiem.votes.views.access import session_for

BALLOT_NUMBER = ("Số thứ tự phiếu", "Ballot number")
MOST_BALLOTS = 1_000_000  # far above any pile; keeps a mistyped number out of the database
MARK_CHOICES_EXTRA = (
    (BLANK, "0", "Không đánh dấu", "No box marked"),
    (SEVERAL, "9", "Đánh dấu nhiều ô", "Several boxes"),
)


def _marks_from_post(request: HttpRequest, size: int) -> str:
    return "".join(request.POST.get(f"line{i}", "") or PENDING for i in range(size))


def _line_choices(profile: Profile) -> list[tuple[str, str, str, str]]:
    levels = [
        (level_mark(i), str(i + 1), level.label_vi, level.label_en)
        for i, level in enumerate(profile.levels)
    ]
    return levels + list(MARK_CHOICES_EXTRA)


def _keys(marks: str) -> str:
    """The keys an operator typed for these marks (1, 2, 3 for levels, 0 blank, 9 several)."""
    keys = {BLANK: "0", SEVERAL: "9"}
    return " ".join(keys.get(char) or _level_key(char) for char in marks)


def _level_key(char: str) -> str:
    level = mark_level(char)
    assert level is not None  # a stored ballot's marks were checked when it was entered
    return str(level + 1)


@login_required
def ballot_entry(request: HttpRequest, session_id: int, code: str, operator: int) -> HttpResponse:
    """Keyboard-first entry of paper ballots by one of the two operators."""
    session = session_for(request, session_id, permissions.COUNT)
    block = get_object_or_404(BallotBlock, session=session, code=code)
    lines = block_lines(block)
    typed = {"marks": "", "number": "", "reason": ""}
    if request.method == "POST":
        reason = request.POST.get("invalid_reason", "")
        typed = {
            "marks": "".join(
                request.POST.get(f"line{i}", "")[:1] or " " for i in range(len(lines))
            ),
            "number": request.POST.get("number", "")[:20],
            "reason": reason,
        }
        marks = "" if reason else _marks_from_post(request, len(lines))
        try:
            number = values.whole(
                request.POST, "number", BALLOT_NUMBER, minimum=1, maximum=MOST_BALLOTS
            )
        except values.BadValue as exc:
            values.show(request, exc)
        else:
            saved = run(
                request,
                counting.ballot_record,
                None,
                block=block,
                operator=operator,
                marks=marks,
                invalid_reason=reason,
                number=number,
            )
            if saved:
                return redirect("entry", session_id=session.pk, code=code, operator=operator)
    done = counting.entries(block, operator)
    return render(
        request,
        "votes/entry.html",
        {
            "session": session,
            "ballot_block": block,
            "operator": operator,
            "lines": [(c, typed["marks"][i : i + 1]) for i, c in enumerate(lines)],
            "choices": _line_choices(session_profile(session)),
            "reasons": InvalidReason.choices,
            "typed_reason": typed["reason"],
            "next_number": typed["number"] or max(done, default=0) + 1,
            "entered": len(done),
            "recent": [(n, b, _keys(b.marks)) for n, b in sorted(done.items())[-5:][::-1]],
        },
    )


@login_required
def differences(request: HttpRequest, session_id: int) -> HttpResponse:
    """Every ballot the two entries disagree on, for the board to decide."""
    session = session_for(request, session_id, permissions.COUNT)
    profile = session_profile(session)
    if request.method == "POST":
        block = get_object_or_404(BallotBlock, session=session, code=request.POST.get("block"))
        reason = request.POST.get("invalid_reason", "")
        marks = "" if reason else _marks_from_post(request, len(block_lines(block)))
        run(
            request,
            counting.ballot_decide,
            ("Đã ghi quyết định của Ban kiểm phiếu", "The board's decision is recorded"),
            block=block,
            number=values.record_id(request.POST, "number", BALLOT_NUMBER),
            marks=marks,
            invalid_reason=reason,
        )
        return redirect("differences", session_id=session.pk)
    items = []
    for block in session.blocks.all():
        lines = block_lines(block)
        for diff in counting.differences(block):
            rows = []
            for i, candidate in enumerate(lines):
                first = _describe(diff.first, i, profile)
                second = _describe(diff.second, i, profile)
                shown = diff.decision or diff.first
                default = shown.marks[i] if shown and shown.marks else ""
                rows.append(
                    {
                        "index": i,
                        "candidate": candidate,
                        "first": first,
                        "second": second,
                        "differs": first != second,
                        "default": default,
                    }
                )
            items.append({"diff": diff, "rows": rows})
    return render(
        request,
        "votes/differences.html",
        {
            "session": session,
            "items": items,
            "choices": _line_choices(profile),
            "reasons": InvalidReason.choices,
        },
    )


def _describe(ballot: Ballot | None, index: int, profile: Profile) -> str:
    english = is_english()
    if ballot is None:
        return "(not entered)" if english else "(chưa nhập)"
    if ballot.invalid_reason:
        reason = label(ballot.invalid_reason)
        return f"invalid ballot: {reason}" if english else f"phiếu không hợp lệ: {reason}"
    char = ballot.marks[index]
    level_index = mark_level(char)
    if level_index is not None:
        level = profile.levels[level_index]
        return level.label_en if english else level.label_vi
    return label(char)


INVALID_COLUMN = ("Số dòng không hợp lệ", "Invalid lines")


def _columns(profile: Profile) -> list[tuple[str, str, str]]:
    """(key, Vietnamese label, English label) of each column of the tally sheet."""
    levels = [(level.key, level.label_vi, level.label_en) for level in profile.levels]
    return [*levels, ("invalid", *INVALID_COLUMN)]


def _read_cells(
    request: HttpRequest, candidates: list[Any], profile: Profile
) -> tuple[dict[int, tuple[dict[str, int], int]], dict[str, str], list[str]]:
    """The rows typed, the cells that are not whole numbers (name → message), and the messages
    in the user's language, each naming the person and the level's label."""
    rows, faulty, problems = {}, {}, []
    for candidate in candidates:
        counts: dict[str, int] = {}
        for key, label_vi, label_en in _columns(profile):
            name = f"c{candidate.pk}_{key}"
            field = (
                f"Số phiếu của {candidate.full_name} — {label_vi}",
                f"Votes for {candidate.full_name} — {label_en}",
            )
            try:
                counts[key] = values.whole(request.POST, name, field) or 0
            except values.BadValue as exc:
                faulty[name] = choose(exc.message_vi, exc.message_en)
                problems.append(faulty[name])
                counts[key] = 0
        invalid = counts.pop("invalid")
        rows[candidate.pk] = (counts, invalid)
    return rows, faulty, problems


@login_required
def aggregate(request: HttpRequest, session_id: int) -> HttpResponse:
    """Per-person counts from a hand tally sheet. On a typo every cell keeps what was typed and
    the faulty cell is marked."""
    session = session_for(request, session_id, permissions.COUNT)
    profile = session_profile(session)
    candidates = list(session.candidates.filter(is_excluded=False))
    faulty: dict[str, str] = {}
    if request.method == "POST":
        rows, faulty, problems = _read_cells(request, candidates, profile)
        if problems:
            for problem in problems:
                messages.error(request, problem)
        elif run(
            request,
            counting.aggregate_record,
            ("Đã lưu kết quả kiểm phiếu", "Counts saved"),
            session=session,
            rows=rows,
        ):
            return redirect("session", session_id=session.pk)
    existing = {
        a.candidate_id: a for a in AggregateCount.objects.filter(candidate__session=session)
    }

    def stored(candidate: Any, key: str) -> Any:
        found = existing.get(candidate.pk)
        if found is None:
            return ""
        return found.invalid_lines if key == "invalid" else found.counts.get(key, "")

    table = [
        {
            "candidate": c,
            "cells": [
                {
                    "name": f"c{c.pk}_{key}",
                    "value": request.POST.get(f"c{c.pk}_{key}", "")
                    if request.method == "POST"
                    else stored(c, key),
                    "label": f"{c.full_name} — {choose(label_vi, label_en)}",
                    "error": faulty.get(f"c{c.pk}_{key}", ""),
                }
                for key, label_vi, label_en in _columns(profile)
            ],
        }
        for c in candidates
    ]
    return render(
        request, "votes/aggregate.html", {"session": session, "profile": profile, "table": table}
    )
