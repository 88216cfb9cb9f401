"""Text helpers shared by search and natural-key matching."""

import re
import unicodedata


def fold(text: str | None) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, so "ninh binh" matches "Ninh Bình".

    đ/Đ are letters of their own rather than a d with a mark, so NFD leaves them alone; they
    are mapped by hand. Runs of white space collapse to one space.
    """
    return " ".join(without_marks(text).lower().split())


def without_marks(text: str | None) -> str:
    """``text`` without Vietnamese diacritics, its case kept: "Đinh Thị" → "Dinh Thi"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def ascii_name(text: str | None, limit: int = 60) -> str:
    """A file name's part that every unzip and file system reads: ``text`` without marks,
    anything but ASCII letters and digits made a hyphen, at most ``limit`` characters (cut
    after a whole word where it can be):
    "Đinh Thị Ngọc Lan" → "Dinh-Thi-Ngoc-Lan", "05/TTr-SYT" → "05-TTr-SYT"."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", without_marks(text)).strip("-")
    if len(name) <= limit:
        return name
    cut = name[: limit + 1]
    # At a word's end where there is one: "…-thanh-pho", not "…-thanh-pho-Nin".
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:limit]).rstrip("-")
