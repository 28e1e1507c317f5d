"""Bodies and their rosters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from tinnhiem.audit.services import record
from tinnhiem.bodies.models import Body, Holding, Person, Post, Voter
from tinnhiem.bodies.roster import RosterKind, RosterPreview, fold, read_roster, rows_xlsx
from tinnhiem.core import permissions
from tinnhiem.core.errors import InputProblem, NotAllowed


def body_create(*, actor: Any, **fields: Any) -> Body:
    if not actor.is_superuser:
        raise NotAllowed(
            "Chỉ quản trị hệ thống tạo được cơ quan", "Only a system administrator creates bodies"
        )
    with transaction.atomic():
        body = Body.objects.create(**fields)
        record(actor=actor, action="body.create", obj=body, body_id=body.pk, after=fields)
    return body


HEADING = ("name", "kind", "level", "parent_name", "city")


def body_update(*, actor: Any, body: Body, **fields: Any) -> Body:
    """A body's heading: its name, kind, level, superior body and place name. The site
    administrator or the body's own administrator."""
    if not actor.is_superuser:
        permissions.require(actor, body.pk, permissions.ADMINISTER)
    unknown = set(fields) - set(HEADING)
    if unknown:
        raise InputProblem(
            f"Không có trường {sorted(unknown)}", f"Unknown fields {sorted(unknown)}"
        )
    if not str(fields.get("name", body.name)).strip():
        raise InputProblem("Cần nhập tên cơ quan", "The body needs a name")
    with transaction.atomic():
        body = Body.objects.select_for_update().get(pk=body.pk)
        before = {name: getattr(body, name) for name in fields}
        for name, value in fields.items():
            setattr(body, name, value.strip() if isinstance(value, str) else value)
        body.save(update_fields=list(fields))
        after = {name: getattr(body, name) for name in fields}
        record(
            actor=actor, action="body.update", obj=body, body_id=body.pk, before=before, after=after
        )
    return body


def roster_preview(
    *, body: Body, kind: RosterKind, file_name: str, content: bytes
) -> RosterPreview:
    known = {fold(title) for title in body.posts.values_list("title", flat=True)}
    return read_roster(kind, file_name, content, known_posts=known if known else None)


def roster_import(
    *, actor: Any, body: Body, kind: RosterKind, file_name: str, content: bytes
) -> RosterPreview:
    """Replace the body's current officials (or voters) by the sheet's rows, all or nothing. A
    row the roster already has as it is keeps its holding (or voter): re-importing an exported
    roster changes nothing and writes no audit row."""
    permissions.require(actor, body.pk, permissions.ORGANISE)
    preview = roster_preview(body=body, kind=kind, file_name=file_name, content=content)
    if preview.has_errors:
        first = next((p for p in preview.problems), None) or next(
            p for r in preview.rows for p in r.problems if r.has_errors
        )
        raise InputProblem(
            f"Tệp có lỗi, chưa lưu gì: {first.message_vi}",
            f"The file has errors, nothing was saved: {first.message_en}",
        )
    with transaction.atomic():
        if kind is RosterKind.OFFICIALS:
            changes = _import_officials(body, preview)
        else:
            changes = _import_voters(body, preview)
        if any(changes.values()):
            record(
                actor=actor,
                action=f"roster.import_{kind.value}",
                obj=body,
                body_id=body.pk,
                after={"file": file_name, "rows": len(preview.rows)} | changes,
            )
    return preview


def _holding_key(name: str, position: str) -> tuple[str, str]:
    return fold(name), fold(position)


def _current_holdings(body: Body) -> dict[tuple[str, str], Holding]:
    holdings = Holding.objects.filter(post__body=body, is_current=True).select_related(
        "person", "post"
    )
    return {_holding_key(h.person.full_name, h.post.title): h for h in holdings}


def _same_holding(holding: Holding, values: dict[str, Any]) -> bool:
    return (
        holding.took_office_on == values.get("took_office_on")
        and holding.is_retirement_announced == bool(values["retirement"])
        and values.get("birth_date") in (None, holding.person.birth_date)
        and values["block"] in ("", holding.post.ballot_block)
    )


def roster_unchanged(*, body: Body, preview: RosterPreview) -> set[int]:
    """The sheet's row numbers that the roster already has as they are (the preview says
    "không thay đổi" for them)."""
    if preview.kind is RosterKind.OFFICIALS:
        current = _current_holdings(body)
        return {
            row.row
            for row in preview.rows
            if (h := current.get(_holding_key(row.values["name"], row.values["position"])))
            and _same_holding(h, row.values)
        }
    voters = set(body.voters.filter(is_active=True).values_list("full_name", "unit"))
    return {r.row for r in preview.rows if (r.values["name"], r.values["unit"]) in voters}


def _import_voters(body: Body, preview: RosterPreview) -> dict[str, int]:
    active = {(v.full_name, v.unit): v for v in body.voters.filter(is_active=True)}
    kept = set()
    new = []
    for row in preview.rows:
        key = (row.values["name"], row.values["unit"])
        if key in active and key not in kept:
            kept.add(key)
        else:
            new.append(Voter(body=body, full_name=key[0], unit=key[1]))
    ended = [v.pk for key, v in active.items() if key not in kept]
    Voter.objects.filter(pk__in=ended).update(is_active=False)
    Voter.objects.bulk_create(new)
    return {"added": len(new), "ended": len(ended), "updated": 0}


def _import_officials(body: Body, preview: RosterPreview) -> dict[str, int]:
    current = _current_holdings(body)
    kept: set[int] = set()
    changes = {"added": 0, "ended": 0, "updated": 0}
    posts = {fold(p.title): p for p in body.posts.all()}
    next_rank = max((p.rank for p in posts.values()), default=0) + 1
    for row in preview.rows:
        values = row.values
        post = posts.get(fold(values["position"]))
        if post is None:
            post = Post.objects.create(
                body=body, title=values["position"], rank=next_rank, ballot_block=values["block"]
            )
            posts[fold(post.title)] = post
            next_rank += 1
        elif values["block"] and post.ballot_block != values["block"]:
            post.ballot_block = values["block"]
            post.save(update_fields=["ballot_block"])
            changes["updated"] += 1
        holding = current.get(_holding_key(values["name"], values["position"]))
        if holding is not None and holding.pk not in kept:
            kept.add(holding.pk)
            if not _same_holding(holding, values):
                _person(body, values["name"], values.get("birth_date"))
                holding.took_office_on = values.get("took_office_on")
                holding.is_retirement_announced = values["retirement"]
                holding.save(update_fields=["took_office_on", "is_retirement_announced"])
                changes["updated"] += 1
            continue
        person = _person(body, values["name"], values.get("birth_date"))
        Holding.objects.create(
            person=person,
            post=post,
            took_office_on=values.get("took_office_on"),
            is_retirement_announced=values["retirement"],
        )
        changes["added"] += 1
    ended = [h.pk for h in current.values() if h.pk not in kept]
    changes["ended"] = Holding.objects.filter(pk__in=ended).update(is_current=False)
    return changes


def _person(body: Body, name: str, birth_date: date | None) -> Person:
    for person in body.people.filter(full_name=name):
        if birth_date is None or person.birth_date in (None, birth_date):
            if birth_date and not person.birth_date:
                person.birth_date = birth_date
                person.save(update_fields=["birth_date"])
            return person
    return Person.objects.create(body=body, full_name=name, birth_date=birth_date)


def roster_export(*, body: Body, kind: RosterKind) -> bytes:
    if kind is RosterKind.OFFICIALS:
        holdings = Holding.objects.filter(post__body=body, is_current=True).select_related(
            "person", "post"
        )
        rows = [
            [
                h.person.full_name,
                _d(h.person.birth_date),
                h.post.title,
                h.post.ballot_block,
                _d(h.took_office_on),
                "x" if h.is_retirement_announced else "",
            ]
            for h in holdings
        ]
    else:
        rows = [[v.full_name, v.unit] for v in body.voters.filter(is_active=True)]
    return rows_xlsx(kind, rows)


def _d(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
