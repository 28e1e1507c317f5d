"""Loading evaluation schemes from TOML: the built-in ones shipped in `tinnhiem/grading/schemes/`
and custom files of the same form (docs/grading-schemes.md). One loader serves both.

Every table is checked for unknown keys: a misspelt `outstanding_cap` silently ignored would grade
a whole unit under the wrong cap, so it is an error that names the key.
"""

from __future__ import annotations

import functools
import itertools
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

from tinnhiem.grading.errors import SchemeError
from tinnhiem.grading.numbers import Rounding, parse_number, parse_share
from tinnhiem.grading.scheme import (
    POPULATION_KEYS,
    Aggregation,
    AnnualRules,
    Condition,
    Criterion,
    Disqualifying,
    Fact,
    GradeBand,
    InputKind,
    LeaderResults,
    Period,
    Quota,
    QuotaBase,
    Scheme,
    TaskResults,
)

BUILTIN_SCHEMES = ("hanoi", "national", "party-member")
_MISSING: Any = object()


def load_scheme(name: str | Path) -> Scheme:
    """A built-in scheme by key, or a custom scheme from a TOML file path."""
    if str(name) in BUILTIN_SCHEMES:
        return _builtin(str(name))
    path = Path(name)
    if path.suffix.lower() != ".toml" or not path.is_file():
        names = ", ".join(BUILTIN_SCHEMES)
        raise SchemeError(
            f"không có phương án xếp loại '{name}' (có sẵn: {names}, hoặc một tệp .toml)",
            f"no evaluation scheme '{name}' (built in: {names}, or a .toml file)",
        )
    return parse_scheme(path.read_text("utf-8"), source=path.name)


@functools.cache
def _builtin(key: str) -> Scheme:
    text = resources.files("tinnhiem.grading").joinpath(f"schemes/{key}.toml").read_text("utf-8")
    return parse_scheme(text, source=f"{key}.toml")


def builtin_schemes() -> list[Scheme]:
    return [load_scheme(key) for key in BUILTIN_SCHEMES]


def parse_scheme(text: str, *, source: str) -> Scheme:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemeError(
            f"{source}: TOML không hợp lệ: {exc}", f"{source}: invalid TOML: {exc}"
        ) from exc
    return _scheme(_Table(data, source, ""))


class _Table:
    """A TOML table with the file and the table's name, so every error names where it is."""

    def __init__(self, data: Mapping[str, Any], source: str, where: str) -> None:
        self.data, self.source, self.where = data, source, where

    def error(self, key: str, vi: str, en: str) -> SchemeError:
        place = f"{self.source}: {self.where + ' ' if self.where else ''}'{key}'"
        return SchemeError(f"{place}: {vi}", f"{place}: {en}")

    def only(self, *allowed: str) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(
                    key,
                    f"khoá không có trong định dạng (dùng: {', '.join(allowed)})",
                    f"unknown key (allowed: {', '.join(allowed)})",
                )

    def get(self, key: str, default: Any = _MISSING) -> Any:
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise self.error(key, "thiếu khoá này", "missing key")
        return default

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"'{value}' phải là một chuỗi", f"'{value}' must be a string")
        return value.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, "phải là danh sách chuỗi", "must be a list of strings")
        return tuple(value)

    def number(self, key: str, default: Any = _MISSING) -> Decimal:
        value = self.get(key, default)
        number = None if isinstance(value, bool) else parse_number(str(value))
        if number is None or number < 0:
            raise self.error(
                key,
                f"'{value}' phải là số không âm (viết \"9.5\" hoặc 9)",
                f"'{value}' must be a number of zero or more (write \"9.5\" or 9)",
            )
        return number

    def share(self, key: str, default: Any = _MISSING) -> Fraction:
        value = self.get(key, default)
        share = None if isinstance(value, bool | float) else parse_share(str(value))
        if share is None:
            raise self.error(
                key,
                f'\'{value}\' phải là tỷ lệ từ 0 đến 1 ("30%", "3/10" hoặc "0.3")',
                f'\'{value}\' must be a share between 0 and 1 ("30%", "3/10" or "0.3")',
            )
        return share

    def flag(self, key: str, default: bool) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, "phải là true hoặc false", "must be true or false")
        return value

    def choice(self, enum: type[Any], key: str, default: Any = _MISSING) -> Any:
        return self._member(enum, key, self.get(key, default))

    def choices(self, enum: type[Any], key: str) -> tuple[Any, ...]:
        return tuple(self._member(enum, key, value) for value in self.texts(key))

    def _member(self, enum: type[Any], key: str, value: Any) -> Any:
        try:
            return enum(value)
        except ValueError as exc:
            allowed = ", ".join(member.value for member in enum)
            raise self.error(
                key,
                f"'{value}' không hợp lệ (chọn: {allowed})",
                f"'{value}' is not one of {allowed}",
            ) from exc

    def table(self, key: str) -> _Table | None:
        value = self.get(key, None)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise self.error(key, f"phải là một bảng [{key}]", f"must be a table [{key}]")
        return _Table(value, self.source, f"[{key}]")

    def tables(self, key: str, *, required: bool = False) -> list[_Table]:
        items = self.get(key, _MISSING if required else [])
        if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
            raise self.error(
                key, f"phải là danh sách bảng [[{key}]]", f"must be an array of tables [[{key}]]"
            )
        return [
            _Table(item, self.source, f"[[{key}]] '{item.get('key', item.get('band', n + 1))}'")
            for n, item in enumerate(items)
        ]


def _scheme(top: _Table) -> Scheme:
    top.only(
        "key", "title_vi", "title_en", "source_vi", "input", "periods", "rounding", "max_total",
        "criteria", "bands", "conditions", "disqualifying", "quotas", "aggregation", "annual",
        "task_results",
    )  # fmt: skip
    kind = top.choice(InputKind, "input", "points")
    bands = _bands(top, kind)
    band_keys = tuple(band.key for band in bands)
    criteria = _criteria(top, kind)
    rounding = top.table("rounding") or _Table({}, top.source, "[rounding]")
    rounding.only("places", "mode")
    places = rounding.get("places", 2)
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 6:
        raise rounding.error("places", "phải là số nguyên từ 0 đến 6", "must be a whole 0 to 6")
    rule, shares = _aggregation(top, kind, band_keys)
    scheme = Scheme(
        key=top.text("key"),
        title_vi=top.text("title_vi"),
        title_en=top.text("title_en", top.get("title_vi", "")),
        source_vi=str(top.get("source_vi", "")),
        input=kind,
        periods=top.choices(Period, "periods") or (Period.MONTHLY,),
        places=places,
        rounding=rounding.choice(Rounding, "mode", "half_up"),
        max_total=None if "max_total" not in top.data else top.number("max_total"),
        criteria=criteria,
        bands=bands,
        conditions=tuple(_condition(t, band_keys) for t in top.tables("conditions")),
        disqualifying=_disqualifying(top, band_keys),
        quotas=tuple(_quota(t, band_keys) for t in top.tables("quotas")),
        aggregation=rule,
        share_at_least=shares,
        annual=_annual(top, band_keys),
        task_results=_task_results(top, criteria, band_keys),
    )
    _check_unique(top, "criteria", [c.key for c in criteria])
    _check_unique(top, "conditions", [c.key for c in scheme.conditions])
    return scheme


def _check_unique(top: _Table, key: str, keys: list[str]) -> None:
    if len(set(keys)) != len(keys):
        raise top.error(key, "có khoá trùng nhau", "has duplicate keys")


def _criteria(top: _Table, kind: InputKind) -> tuple[Criterion, ...]:
    items = top.tables("criteria", required=kind is InputKind.POINTS)
    if kind is InputKind.GRADE and items:
        raise top.error(
            "criteria", 'không dùng với input = "grade"', 'not used with input = "grade"'
        )
    if kind is InputKind.POINTS and not items:
        raise top.error("criteria", "cần ít nhất một tiêu chí", "needs at least one criterion")
    criteria = []
    for item in items:
        item.only("key", "label_vi", "label_en", "max", "bonus", "aliases")
        key = item.text("key")
        criteria.append(
            Criterion(
                key=key,
                label_vi=item.text("label_vi"),
                label_en=item.text("label_en", key),
                maximum=item.number("max"),
                is_bonus=item.flag("bonus", False),
                aliases=item.texts("aliases"),
            )
        )
    return tuple(criteria)


def _bands(top: _Table, kind: InputKind) -> tuple[GradeBand, ...]:
    bands = []
    for item in top.tables("bands", required=True):
        item.only("key", "label_vi", "label_en", "at_least", "aliases")
        key = item.text("key")
        if kind is InputKind.POINTS:
            at_least: Decimal | None = item.number("at_least")
        elif "at_least" in item.data:
            raise item.error(
                "at_least", 'không dùng với input = "grade"', 'not used with input = "grade"'
            )
        else:
            at_least = None
        label_vi = item.text("label_vi")
        bands.append(
            GradeBand(key, label_vi, item.text("label_en", key), at_least, item.texts("aliases"))
        )
    if len(bands) < 2:
        raise top.error("bands", "cần ít nhất hai loại", "needs at least two grades")
    _check_unique(top, "bands", [band.key for band in bands])
    if kind is InputKind.POINTS:
        floors = [band.at_least or Decimal(0) for band in bands]
        if any(higher <= lower for higher, lower in itertools.pairwise(floors)):
            raise top.error(
                "bands",
                "'at_least' phải giảm dần (liệt kê từ loại cao nhất đến thấp nhất)",
                "'at_least' must decrease (list grades from the best to the lowest)",
            )
        if floors[-1] != 0:
            raise top.error(
                "bands",
                "loại thấp nhất phải có at_least = 0 để mọi tổng điểm đều có loại",
                "the lowest grade must have at_least = 0 so that every total has a grade",
            )
    return tuple(bands)


def _band_ref(table: _Table, key: str, band_keys: tuple[str, ...], default: Any = _MISSING) -> str:
    value = table.text(key, default)
    if value not in band_keys:
        raise table.error(
            key,
            f"loại '{value}' không có (có: {', '.join(band_keys)})",
            f"unknown grade '{value}' (grades: {', '.join(band_keys)})",
        )
    return value


def _not_lowest(table: _Table, key: str, band: str, band_keys: tuple[str, ...]) -> None:
    if band == band_keys[-1]:
        raise table.error(key, "không thể là loại thấp nhất", "cannot be the lowest grade")


def _condition(item: _Table, band_keys: tuple[str, ...]) -> Condition:
    item.only("key", "band", "label_vi", "label_en", "at_least", "aliases")
    key = item.text("key")
    band = _band_ref(item, "band", band_keys)
    _not_lowest(item, "band", band, band_keys)
    return Condition(
        key=key,
        band=band,
        label_vi=item.text("label_vi"),
        label_en=item.text("label_en", key),
        at_least=item.share("at_least") if "at_least" in item.data else None,
        aliases=item.texts("aliases"),
    )


def _disqualifying(top: _Table, band_keys: tuple[str, ...]) -> Disqualifying | None:
    table = top.table("disqualifying")
    if table is None:
        return None
    table.only("grade", "facts", "aliases")
    facts = []
    for item in table.tables("facts"):
        item.only("key", "label_vi", "label_en")
        key = item.text("key")
        facts.append(Fact(key, item.text("label_vi"), item.text("label_en", key)))
    _check_unique(table, "facts", [fact.key for fact in facts])
    return Disqualifying(
        grade=_band_ref(table, "grade", band_keys, band_keys[-1]),
        facts=tuple(facts),
        aliases=table.texts("aliases"),
    )


def _quota(item: _Table, band_keys: tuple[str, ...]) -> Quota:
    item.only("band", "cap", "of", "base_band", "per", "outstanding_cap", "demote_to", "periods")
    band = _band_ref(item, "band", band_keys)
    _not_lowest(item, "band", band, band_keys)
    base = item.choice(QuotaBase, "of", "graded")
    base_band = _band_ref(item, "base_band", band_keys) if base is QuotaBase.AT_LEAST else None
    if base is QuotaBase.GRADED and "base_band" in item.data:
        raise item.error("base_band", 'chỉ dùng với of = "at_least"', 'only with of = "at_least"')
    per = item.texts("per") if "per" in item.data else ("unit",)
    for key in per:
        if key not in POPULATION_KEYS:
            raise item.error(
                "per", f"'{key}' không hợp lệ (chọn: unit, group)", f"'{key}' is not unit or group"
            )
    demote_to = _band_ref(item, "demote_to", band_keys, band_keys[band_keys.index(band) + 1])
    if band_keys.index(demote_to) <= band_keys.index(band):
        raise item.error("demote_to", "phải là loại thấp hơn", "must be a lower grade")
    return Quota(
        band=band,
        cap=item.share("cap"),
        base=base,
        per=tuple(dict.fromkeys(per)),
        demote_to=demote_to,
        base_band=base_band,
        outstanding_cap=item.share("outstanding_cap") if "outstanding_cap" in item.data else None,
        periods=item.choices(Period, "periods"),
    )


def _aggregation(
    top: _Table, kind: InputKind, band_keys: tuple[str, ...]
) -> tuple[Aggregation | None, tuple[tuple[str, Fraction], ...]]:
    table = top.table("aggregation")
    if table is None and kind is InputKind.GRADE:
        return None, ()  # graded once a year: nothing to aggregate
    table = table or _Table({}, top.source, "[aggregation]")
    table.only("rule", "share")
    rule = table.choice(Aggregation, "rule", "average" if kind is InputKind.POINTS else "share")
    if rule is Aggregation.AVERAGE:
        if kind is InputKind.GRADE:
            raise table.error("rule", '"average" cần điểm số', '"average" needs points')
        if "share" in table.data:
            raise table.error("share", 'chỉ dùng với rule = "share"', 'only with rule = "share"')
        return rule, ()
    shares = table.table("share")
    if shares is None:
        raise table.error("share", "thiếu khoá này", "missing key")
    shares.only(*band_keys[:-1])
    return rule, tuple((key, shares.share(key)) for key in band_keys[:-1])


def _annual(top: _Table, band_keys: tuple[str, ...]) -> AnnualRules | None:
    table = top.table("annual")
    if table is None:
        return None
    table.only(
        "deadline", "min_months_worked", "absence_capped_from", "absence_not_graded_from",
        "absence_cap", "maternity_on_time_worked",
    )  # fmt: skip
    capped_from = table.number("absence_capped_from")
    not_graded_from = table.number("absence_not_graded_from")
    if not capped_from < not_graded_from:
        raise table.error(
            "absence_not_graded_from",
            "phải lớn hơn absence_capped_from",
            "must be greater than absence_capped_from",
        )
    return AnnualRules(
        deadline=_month_day(table),
        min_months_worked=table.number("min_months_worked"),
        absence_capped_from=capped_from,
        absence_not_graded_from=not_graded_from,
        absence_cap=_band_ref(table, "absence_cap", band_keys),
        is_maternity_on_time_worked=table.flag("maternity_on_time_worked", True),
    )


def _task_results(
    top: _Table, criteria: tuple[Criterion, ...], band_keys: tuple[str, ...]
) -> TaskResults | None:
    table = top.table("task_results")
    if table is None:
        return None
    table.only(
        "criterion", "quantity", "quality", "progress", "error_cost", "delay_cost", "leaders"
    )
    criterion = table.text("criterion")
    if criterion not in {c.key for c in criteria if not c.is_bonus}:
        raise table.error(
            "criterion",
            f"không có tiêu chí '{criterion}'",
            f"no criterion '{criterion}'",
        )
    weights = [table.number(name, 1) for name in ("quantity", "quality", "progress")]
    if sum(weights) <= 0:
        raise table.error(
            "quantity", "các trọng số không thể đều bằng 0", "weights cannot all be 0"
        )
    return TaskResults(
        criterion=criterion,
        quantity=weights[0],
        quality=weights[1],
        progress=weights[2],
        error_cost=table.share("error_cost", "25%"),
        delay_cost=table.share("delay_cost", "25%"),
        leaders=_leader_results(table, band_keys),
    )


def _leader_results(top: _Table, band_keys: tuple[str, ...]) -> LeaderResults | None:
    table = top.table("leaders")
    if table is None:
        return None
    table.only("unit_result", "organizing", "band", "all_completed", "any_not_completed")
    unit_result = table.number("unit_result", 1)
    if unit_result <= 0:
        raise table.error(
            "unit_result", "trọng số phải lớn hơn 0", "the weight must be greater than 0"
        )
    return LeaderResults(
        unit_result=unit_result,
        organizing=table.number("organizing", 1),
        band=_band_ref(table, "band", band_keys),
        all_completed=table.share("all_completed", "100%"),
        any_not_completed=table.share("any_not_completed", "50%"),
    )


def _month_day(table: _Table) -> tuple[int, int]:
    text = table.text("deadline")
    month, _, day = text.partition("-")
    if month.isdigit() and day.isdigit() and 1 <= int(month) <= 12 and 1 <= int(day) <= 28:
        return int(month), int(day)
    raise table.error(
        "deadline",
        f'\'{text}\' phải có dạng "MM-DD" (ví dụ "12-15", ngày không quá 28)',
        f'\'{text}\' must read "MM-DD" (for example "12-15", day at most 28)',
    )
