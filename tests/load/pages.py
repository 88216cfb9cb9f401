"""What the load test's people read from pages and send back: CSRF tokens, links, the
exemplar form filled in, an import sheet, photos. No Locust here, so the helpers can be
checked on their own (``tests/load/test_pages.py``)."""

import io
import os
import random
import re
from html import unescape

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODE_LINK = re.compile(r'href="/dien-hinh/([A-Z0-9]{6,12})/"')
SELECTED = re.compile(r'name="selected" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
PAGE_LINK = re.compile(r"[?&;]page=(\d+)")
STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')
CONFIRM = re.compile(r'action="(/nhap-du-lieu/lan/\d+/xac-nhan/)"')
_TAG = re.compile(r"<(select)\b([^>]*)>(.*?)</select>|<(input|textarea)\b([^>]*)>", re.S)
_ATTR = re.compile(r'([a-z-]+)(?:="([^"]*)")?')
_OPTION = re.compile(r'<option value="([^"]+)"')

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đinh", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Thị Hạnh", "Văn Bình", "Thu Hà", "Minh Đức", "Ngọc Lan", "Quang Hải", "Thanh Hương"]
SEARCHES = ["nguyen", "Trần", "hanh", "Hợp tác xã", "giao vien", "Lan", "thon", "dieu duong"]
EVIDENCE = "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ, có sáng kiến được áp dụng rộng rãi."


def csrf(html: str) -> str:
    found = CSRF.search(html or "")
    return found.group(1) if found else ""


def person() -> str:
    return f"{random.choice(FAMILY)} {random.choice(GIVEN)}"  # noqa: S311


def fill_exemplar_form(html: str, year: int) -> dict:
    """The new-exemplar form as a person fills it: an individual of ``year``, every text of
    evidence written, a field of work chosen at random, consent given."""
    start = html.find('name="creation_token"')
    form = html[html.rfind("<form", 0, start) : html.find("</form>", start)]
    data = {}
    for select, select_attributes, body, kind, attributes in _TAG.findall(form):
        kind, attributes = (select, select_attributes) if select else (kind, attributes)
        attrs = {k: unescape(v or "") for k, v in _ATTR.findall(attributes)}
        name = attrs.get("name")
        if not name or name in data:
            continue
        if kind == "select":
            options = _OPTION.findall(body or "")
            if options:
                data[name] = random.choice(options) if name == "field" else options[0]  # noqa: S311
        elif kind == "textarea":
            data[name] = EVIDENCE
        elif attrs.get("type") == "hidden":
            data[name] = attrs.get("value", "")
    data.update(
        subject_kind="individual",
        full_name=f"{person()} (thử tải)",
        gender="female",
        birth_year=1988,
        position="Giáo viên",
        workplace="Trường THCS thử tải",
        year=year,
        contact_name="Phạm Văn Long",
        contact_phone="0912 000 111",
        publication_consent="on",
    )
    data.pop("campaign", None)
    data.pop("is_new_factor", None)
    return data


def import_workbook(header: list[dict], rows: int, tag: str, year: int) -> bytes:
    """A filled import template: ``header`` (the seed's keys and Vietnamese labels) and
    ``rows`` new individual drafts whose names end in ``tag-N``, so that they can be counted
    afterwards."""
    from openpyxl import Workbook

    values = {
        "year": year,
        "subject_kind": "Cá nhân",
        "gender": "Nữ",
        "birth_year": 1986,
        "position": "Điều dưỡng trưởng khoa",
        "workplace": "Bệnh viện Đa khoa tỉnh Ninh Bình",
        "field": "Y tế",
        "is_new_factor": "Không",
        "achievements": "Năm năm liền hoàn thành xuất sắc nhiệm vụ; sáng kiến giảm thời gian chờ.",
        "new_model": "Mô hình “Điều dưỡng tận tâm”.",
        "contact_name": "Trần Văn Minh",
        "contact_phone": "0912345678",
        "publication_consent": "Có",
    }
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dữ liệu")
    sheet.append([column["label"] for column in header])
    for n in range(rows):
        row = {**values, "full_name": f"{person()} {tag}-{n}"}
        sheet.append([row.get(column["key"]) for column in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make_photo(megabytes: float, limit: int = 10 * 1024 * 1024) -> bytes:
    """A valid JPEG of about ``megabytes`` (noise: it compresses as little as a detailed
    photograph), never over ``limit``."""
    from PIL import Image

    target = int(megabytes * 1024 * 1024)
    side = int((target / 2.2) ** 0.5)
    data = b""
    for _attempt in range(6):
        height = side * 3 // 4
        image = Image.frombytes("RGB", (side, height), os.urandom(side * height * 3))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=92)
        data = buffer.getvalue()
        if 0.9 * target <= len(data) <= min(target * 1.05, limit - 4096):
            break
        side = int(side * (target / len(data)) ** 0.5)
    return data


def make_photos() -> list[bytes]:
    """Photos of about 1, 2, 4, 6, 8 and 9.5 MB."""
    return [make_photo(megabytes) for megabytes in (1, 2, 4, 6, 8, 9.5)]
