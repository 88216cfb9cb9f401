"""Text helpers shared by search and natural-key matching."""

import unicodedata


def fold(text: str | None) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics, so "ninh binh" matches "Ninh Bình".

    đ/Đ are letters of their own rather than a d with a mark, so NFD leaves them alone; they
    are mapped by hand. Runs of white space collapse to one space.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
