"""The fonts every document is set in: Noto Sans/Serif shipped in the package, Noto CJK from the system.

Noto Sans and Serif (Latin with every Vietnamese mark, ~3 MB) live in `documents/fonts/`. The CJK faces are
20 MB a weight, so they come from Debian's fonts-noto-cjk, which `scripts/system_setup.sh` installs (ADR 0016).
No other system font is used: a document looks the same on every machine, and a missing glyph is an error
the tests see, not a silent fallback to a face that misplaces marks.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from corridor.errors import Unavailable

__all__ = [
    "CJK_FAMILIES",
    "bundled_font_dir",
    "cjk_font_dirs",
    "font_dirs",
    "text_families",
    "uncovered_characters",
]

CJK_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"))
CJK_FAMILIES = {"ko": "Noto Sans CJK KR", "ja": "Noto Sans CJK JP", "zh": "Noto Sans CJK SC"}
BODY_FAMILY = "Noto Sans"
HEADING_FAMILY = "Noto Serif"


def bundled_font_dir() -> Path:
    return Path(str(resources.files("corridor") / "documents" / "fonts"))


def cjk_font_dirs() -> list[Path]:
    return [d for d in CJK_DIRS if any(d.glob("NotoSansCJK*"))]


def font_dirs(lang: str) -> list[Path]:
    """Where the renderer finds its fonts; Korean, Japanese and Chinese need the CJK package."""
    dirs = [bundled_font_dir()]
    cjk = cjk_font_dirs()
    if lang in CJK_FAMILIES and not cjk:
        raise Unavailable("The Noto CJK fonts are not installed (Debian package fonts-noto-cjk)")
    return dirs + cjk


def text_families(lang: str, heading: bool = False) -> list[str]:
    """Font families in fallback order: Noto for Latin and Vietnamese, then the CJK face of the language."""
    first = HEADING_FAMILY if heading else BODY_FAMILY
    cjk = [CJK_FAMILIES.get(lang, "Noto Sans CJK SC")] if cjk_font_dirs() else []
    return [first, BODY_FAMILY, *cjk] if heading else [first, *cjk]


_CJK_COLLECTION_INDEX = {"ja": 0, "ko": 1, "zh": 2}  # order of the faces inside NotoSansCJK-Regular.ttc


@cache
def _covered(lang: str) -> frozenset[int]:
    """Code points the body fonts of `lang` draw (Noto Sans, plus the language's CJK face)."""
    from fontTools.ttLib import TTCollection, TTFont

    with TTFont(bundled_font_dir() / "NotoSans-Regular.ttf", lazy=True) as latin:
        points: set[int] = set(latin.getBestCmap())
    for directory in cjk_font_dirs():
        with TTCollection(directory / "NotoSansCJK-Regular.ttc", lazy=True) as collection:
            points.update(collection.fonts[_CJK_COLLECTION_INDEX.get(lang, 2)].getBestCmap())
    return frozenset(points)


def uncovered_characters(text: str, lang: str) -> str:
    """The characters of `text` no font of `lang` draws (each once, in order); empty when all are drawn."""
    covered = _covered(lang)
    missing = dict.fromkeys(ch for ch in text if not ch.isspace() and ord(ch) not in covered)
    return "".join(missing)
