"""The serif font every PDF is set in, and the font name the Word documents ask for.

reportlab's built-in Times has no Vietnamese letters, so a TrueType serif with full Vietnamese
coverage is embedded instead: Times New Roman where it is installed (the Microsoft core fonts,
or a copy from Windows), else Liberation Serif (metric-compatible with it), else Noto Serif,
else DejaVu Serif. Word documents name "Times New Roman", which Vietnamese offices
expect (Decree 30/2020) and which Word or LibreOffice substitute when it is missing.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DOCX_FONT = "Times New Roman"

# Letters a Vietnamese name or post can hold; a candidate font must cover them all.
VIETNAMESE_SAMPLE = (
    "ĂÂĐÊÔƠƯăâđêôơư"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)

_STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class _Candidate:
    family: str
    directories: tuple[str, ...]
    files: tuple[str, str, str, str]  # regular, bold, italic, bold italic
    package: str
    other_files: tuple[tuple[str, str, str, str], ...] = ()  # the same faces under other names


# where Times New Roman lands: Debian's ttf-mscorefonts-installer, Fedora's msttcore, a copy
# from Windows put in the local font directories
TIMES_DIRECTORIES = (
    "/usr/share/fonts/truetype/msttcorefonts",
    "/usr/share/fonts/msttcore",
    "/usr/share/fonts/truetype/times-new-roman",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/usr/local/share/fonts/truetype",
    str(Path.home() / ".local/share/fonts"),
    str(Path.home() / ".fonts"),
)

CANDIDATES = (
    _Candidate(
        "TimesNewRoman",
        TIMES_DIRECTORIES,
        (
            "Times_New_Roman.ttf",
            "Times_New_Roman_Bold.ttf",
            "Times_New_Roman_Italic.ttf",
            "Times_New_Roman_Bold_Italic.ttf",
        ),
        "ttf-mscorefonts-installer",
        (
            ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"),
            (
                "Times New Roman.ttf",
                "Times New Roman Bold.ttf",
                "Times New Roman Italic.ttf",
                "Times New Roman Bold Italic.ttf",
            ),
        ),
    ),
    _Candidate(
        "LiberationSerif",
        ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"),
        (
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ),
        "fonts-liberation2",
    ),
    _Candidate(
        "NotoSerif",
        ("/usr/share/fonts/truetype/noto",),
        (
            "NotoSerif-Regular.ttf",
            "NotoSerif-Bold.ttf",
            "NotoSerif-Italic.ttf",
            "NotoSerif-BoldItalic.ttf",
        ),
        "fonts-noto-core",
    ),
    _Candidate(
        "DejaVuSerif",
        ("/usr/share/fonts/truetype/dejavu",),
        (
            "DejaVuSerif.ttf",
            "DejaVuSerif-Bold.ttf",
            "DejaVuSerif-Italic.ttf",
            "DejaVuSerif-BoldItalic.ttf",
        ),
        "fonts-dejavu-core",
    ),
)


class FontNotFound(RuntimeError):
    """No serif TrueType font with Vietnamese letters is installed."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(f"{message_vi} / {message_en}")


@dataclass(frozen=True)
class FontSet:
    """reportlab font names of one registered family; `family` works with <b> and <i>."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str  # the directory the files came from


_lock = threading.Lock()
_registered: FontSet | None = None


def register_fonts() -> FontSet:
    """Register the first installed candidate with reportlab, once per process."""
    global _registered
    with _lock:
        if _registered is None:
            _registered = _register_first()
        return _registered


def _register_first() -> FontSet:
    for candidate in CANDIDATES:
        paths = _find(candidate)
        if paths is not None and _covers_vietnamese(paths[0]):
            return _register(candidate.family, paths)
    packages = " ".join([c.package for c in CANDIDATES if c.package.startswith("fonts-")][:2])
    raise FontNotFound(
        "Không tìm thấy phông chữ có chân (serif) hỗ trợ tiếng Việt để tạo tệp PDF. "
        f"Hãy cài đặt: apt-get install {packages}",
        "No serif TrueType font with Vietnamese letters was found for PDF output. "
        f"Install one: apt-get install {packages}",
    )


def _find(candidate: _Candidate) -> tuple[Path, ...] | None:
    for directory in candidate.directories:
        for files in (candidate.files, *candidate.other_files):
            paths = tuple(Path(directory) / name for name in files)
            if all(path.is_file() for path in paths):
                return paths
    return None


def _covers_vietnamese(path: Path) -> bool:
    face = TTFont(f"probe-{path.stem}", str(path)).face
    return all(ord(char) in face.charToGlyph for char in VIETNAMESE_SAMPLE)


def _register(family: str, paths: tuple[Path, ...]) -> FontSet:
    names = tuple(f"{family}-{style}" for style in _STYLES)
    for name, path in zip(names, paths, strict=True):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    for (bold, italic), name in zip(((0, 0), (1, 0), (0, 1), (1, 1)), names, strict=True):
        addMapping(family, bold, italic, name)
    regular, bold_name, italic_name, bold_italic = names
    return FontSet(family, regular, bold_name, italic_name, bold_italic, str(paths[0].parent))
