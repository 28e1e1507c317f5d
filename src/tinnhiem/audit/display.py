"""The audit log as people read it: each action and object type by its label, each object by
its name ("Hội đồng nhân dân thành phố Hà Nội", "Nguyễn Văn A"), each change as "field: before →
after" with the field's label. Shared by the page and its XLSX export.

The object of a row is found by its model's class name (what `record` stores), looked up among
the installed models at run time, so the audit app imports no app above it. An object since
removed is named from the values its row kept (a name, a title) or as "type #id"."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from tinnhiem.audit.labels import ACTIONS, FIELDS, OBJECT_TYPES, Pair
from tinnhiem.audit.models import AuditEvent
from tinnhiem.core.i18n import choose, is_english
from tinnhiem.core.labels import LABELS

LONGEST = 160  # characters of one value shown; the rest is in the XLSX export and the database
NAME_KEYS = ("full_name", "name", "title", "person", "user", "code")
YES_NO = ("có", "yes"), ("không", "no")


@dataclass(frozen=True)
class Change:
    field: str
    before: str | None  # None: the row kept no value before (a creation)
    after: str | None


@dataclass
class Row:
    event: AuditEvent
    actor: str
    action: str
    object_type: str
    object_name: str
    changes: list[Change] = field(default_factory=list)


def _pair(table: dict[str, Pair], key: str) -> str:
    pair = table.get(key)
    return choose(*pair) if pair else key


def action_label(code: str) -> str:
    return _pair(ACTIONS, code)


def object_type_label(name: str) -> str:
    return _pair(OBJECT_TYPES, name)


def field_label(key: str) -> str:
    return _pair(FIELDS, key) if key in FIELDS else key.replace("_", " ")


def value_text(value: Any, choices: dict[str, str] | None = None) -> str:
    """One stored JSON value as a short line: a stored status by its label (the site's
    bilingual labels first, else the model field's choices), yes/no, a list joined, a mapping
    as "key: value"; cut at LONGEST characters."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return choose(*YES_NO[0]) if value else choose(*YES_NO[1])
    if isinstance(value, list):
        text = ", ".join(value_text(item) for item in value) or "—"
    elif isinstance(value, dict):
        text = "; ".join(f"{field_label(str(k))}: {value_text(v)}" for k, v in value.items())
    else:
        text = str(value)
        pair = LABELS.get(text)
        if choices and text in choices and not (pair and is_english()):
            text = choices[text]  # this object's own choice (an evaluation's "draft")
        elif pair:
            text = choose(*pair)
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def changes(before: Any, after: Any, model: type[Model] | None = None) -> list[Change]:
    """What changed: each field that differs, before → after; every field of a row that kept
    no "before" (a creation, an export). A field of the object's model with choices shows the
    choice's label."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    if before is not None and not isinstance(before, dict):
        old = {"": before}
    if after is not None and not isinstance(after, dict):
        new = {"": after}
    shown = []
    for key in list(new) + [k for k in old if k not in new]:
        if key in old and key in new and old[key] == new[key]:
            continue
        named = _choices(model, key)
        shown.append(
            Change(
                field_label(key) if key else "",
                value_text(old[key], named) if key in old else None,
                value_text(new[key], named) if key in new else None,
            )
        )
    return shown


def _choices(model: type[Model] | None, key: str) -> dict[str, str] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    choices = getattr(field, "flatchoices", None)
    return {str(value): str(label) for value, label in choices} if choices else None


@functools.cache
def _model(name: str) -> type[Model] | None:
    user_model = get_user_model()
    if name == user_model.__name__:
        return user_model
    for model in apps.get_models():
        if model.__name__ == name:
            return model
    return None


def _name_of(obj: Any) -> str:
    if hasattr(obj, "get_full_name"):
        return str(obj.get_full_name() or obj.get_username())
    return str(obj)


def _kept_name(event: AuditEvent) -> str:
    for values in (event.after, event.before):
        if isinstance(values, dict):
            for key in NAME_KEYS:
                if isinstance(values.get(key), str) and values[key]:
                    return str(values[key])
    return ""


def object_names(events: Iterable[AuditEvent]) -> dict[tuple[str, str], str]:
    """The name of each row's object, with one query per object type on the page."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.object_type and event.object_id:
            wanted[event.object_type].add(event.object_id)
    names: dict[tuple[str, str], str] = {}
    for type_name, ids in wanted.items():
        model = _model(type_name)
        numeric = [int(i) for i in ids if i.isdigit()]
        if model is None or not numeric:
            continue
        for pk, obj in model._default_manager.in_bulk(numeric).items():
            names[(type_name, str(pk))] = _name_of(obj)
    return names


def actor_names(events: Iterable[AuditEvent]) -> dict[int, str]:
    ids = {e.actor_id for e in events if e.actor_id}
    users = get_user_model()._default_manager.filter(pk__in=ids)
    return {u.pk: u.get_full_name() for u in users if u.get_full_name()}


def rows(events: list[AuditEvent]) -> list[Row]:
    names = object_names(events)
    people = actor_names(events)
    shown = []
    for event in events:
        full = people.get(event.actor_id or 0, "")
        name = names.get((event.object_type, event.object_id)) or _kept_name(event)
        if not name and event.object_id:
            name = f"#{event.object_id}"
        shown.append(
            Row(
                event=event,
                actor=f"{full} ({event.actor})" if full else event.actor,
                action=action_label(event.action),
                object_type=object_type_label(event.object_type) if event.object_type else "",
                object_name=name,
                changes=changes(event.before, event.after, _model(event.object_type)),
            )
        )
    return shown
