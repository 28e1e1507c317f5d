"""Reading a rendered page as a user's browser would: its input fields and its messages."""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            self.found.append({k: v or "" for k, v in attrs})


def inputs(page: str) -> list[dict[str, str]]:
    """Every <input>'s attributes, in the page's order."""
    parser = _Inputs()
    parser.feed(page)
    return parser.found


def values(page: str) -> dict[str, str]:
    """Each named input's value (the last one of a name)."""
    return {i["name"]: i.get("value", "") for i in inputs(page) if i.get("name")}


def named(page: str, name: str) -> dict[str, str]:
    return next(i for i in inputs(page) if i.get("name") == name)


def messages(page: str, kind: str = "error") -> list[str]:
    """The text of the page's messages of one kind, as shown."""
    found = re.findall(rf'<p class="msg {kind}">(.*?)</p>', page, re.S)
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in found]
