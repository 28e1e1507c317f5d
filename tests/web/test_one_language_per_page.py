"""A Vietnamese page speaks Vietnamese: rule profiles and schemes by their names (never "nq96",
"hanoi" or "Custom (TOML file)"), decimals written "79,00" (and "79.00" on the English switch),
download names in Vietnamese without diacritics."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tinnhiem.cli.demo import Command as DemoCommand
from tinnhiem.evaluations.models import Evaluation, Period, Unit
from tinnhiem.votes.models import SessionStatus, VoteSession

SRC = Path(__file__).resolve().parents[2] / "src" / "tinnhiem"
POINT_DECIMAL = re.compile(r"(?<![\d.,/:-])\d+\.\d{1,2}(?![\d.])")
COMMA_DECIMAL = re.compile(r"(?<![\d.,/:-])\d+,\d{1,2}(?![\d,])")


class Text(HTMLParser):
    """The text a reader sees: no tags, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


@pytest.fixture
def demo(db: Any) -> None:
    call_command(DemoCommand(), "--only", "council", "--only", "evaluations", stdout=StringIO())


def client(username: str, language: str = "vi") -> Client:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username=username))
    browser.cookies["django_language"] = language
    return browser


def pages() -> list[str]:
    closed = VoteSession.objects.get(status=SessionStatus.PUBLISHED)
    draft = VoteSession.objects.get(status=SessionStatus.DRAFT)
    period = Period.objects.first()
    unit = Unit.objects.order_by("pk").last()
    evaluation = Evaluation.objects.filter(status="approved").first()
    body_id = closed.body_id
    return [
        reverse("home"),
        reverse("session", args=[draft.pk]),
        reverse("results", args=[closed.pk]),
        reverse("session_new", args=[body_id]),
        reverse("evaluations:body", args=[body_id]),
        reverse("evaluations:setup", args=[body_id]),
        reverse("evaluations:dashboard", args=[body_id]),
        reverse("evaluations:approval", args=[period.pk, unit.pk]),
        reverse("evaluations:evaluation", args=[evaluation.period_id, evaluation.cadre_id]),
        reverse("evaluations:profile", args=[evaluation.cadre_id]),
    ]


def test_no_rule_or_scheme_key_and_no_english_subtitle_on_the_vietnamese_pages(
    demo: None,
) -> None:
    admin = client("admin")
    for url in pages():
        shown = text_of(admin.get(url).content.decode())
        for key in ("nq96", "qd96", "hanoi", "Custom (TOML", "Custom scheme", "Rule profile"):
            assert key not in shown, (url, key)
    home = text_of(admin.get(reverse("home")).content.decode())
    assert "Nghị quyết 96/2023/QH15" in home


def test_decimals_are_written_one_way_per_language(demo: None) -> None:
    for language, wrong, right in (("vi", POINT_DECIMAL, ","), ("en", COMMA_DECIMAL, ".")):
        browser = client("admin", language)
        seen = 0
        for url in pages():
            shown = text_of(browser.get(url).content.decode())
            assert wrong.findall(shown) == [], (language, url, wrong.findall(shown)[:5])
            seen += len((POINT_DECIMAL if right == "." else COMMA_DECIMAL).findall(shown))
        assert seen > 20, language  # the pages do show decimals


def test_the_roster_and_the_boards_files_download_under_vietnamese_names(
    demo: None,
) -> None:
    body_id = VoteSession.objects.first().body_id
    admin = client("admin")
    officials = admin.get(reverse("roster_export", args=[body_id, "officials"]))
    assert officials["Content-Disposition"] == (
        f'attachment; filename="danh-sach-can-bo-{body_id}.xlsx"'
    )
    voters = admin.get(reverse("roster_template", args=[body_id, "voters"]))
    assert voters["Content-Disposition"] == 'attachment; filename="mau-danh-sach-cu-tri.xlsx"'


ENGLISH = re.compile(
    r"\b(officials|voters|manifest|record|round\d|tally|export|report|template|results|minutes)\b"
)


def test_no_download_name_in_src_has_an_english_word() -> None:
    """Every file name a response sends (Content-Disposition, FileResponse's filename)."""
    names = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names += re.findall(r'filename="([^"]*)"', text)
        names += re.findall(r"FILE_WORDS = \{([^}]*)\}", text, flags=re.S)
    assert len(names) >= 8
    for name in names:
        words = re.sub(r'"[a-z0-9]+":', "", re.sub(r"\{[^}]*\}", "", name))
        assert not ENGLISH.search(words), name
