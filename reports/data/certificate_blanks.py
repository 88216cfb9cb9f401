"""Two certificate blanks with plausible positions, for the demo and as a starting point.

Every printing house's blank differs: the positions below were laid out on the sizes and
the order of lines the old decree describes, not measured on a real blank. An office
measures its own blank, sets the positions on the blank's page (or in the admin) and checks
them with the calibration page before printing.

- The provincial chair's Bằng khen: 400 × 300 mm, landscape. Decree 50/2006/NĐ-CP, Art. 28,
  described the ministries' and provinces' Bằng khen as 400 × 300 mm, the decoration inside
  320 × 230 mm: the national title, the authority (in red), "Tặng", "Bằng khen" (in red),
  then the name, address and achievement; at the bottom left the decision's number and date
  and the number in the register ("số sổ vàng"), at the bottom right the place and date, the
  head's title and a 35 mm space to sign. Decree 85/2014/NĐ-CP (amended by 101/2018)
  replaced that decree; its sizes were not read, and many provinces now print on A3.
- A department head's Giấy khen: A4, landscape.

Both are kept by Home Affairs (the unit of the staff member who loads them: in the demo, the
Ban Thi đua - Khen thưởng of Sở Nội vụ).

Each field: (text, x, y, width, size, bold, italic, alignment, capitals, lines, spacing),
lengths in millimetres from the sheet's top-left corner, y the line the text sits on.
"""

from decimal import Decimal

from ..models import AwardForm, CertificateBlank, CertificateField

K, A = CertificateField.Key, CertificateField.Align
PROVINCIAL_MERIT = "Phôi Bằng khen của Chủ tịch UBND tỉnh – mẫu 2024"
DEPARTMENT_MERIT = "Phôi Giấy khen của Giám đốc Sở Nội vụ – mẫu 2024"

BLANKS = [
    {
        "name": PROVINCIAL_MERIT,
        "awards": ["bang-khen-chu-tich-ubnd-tinh"],
        "paper": CertificateBlank.Paper.CUSTOM,
        "orientation": CertificateBlank.Orientation.LANDSCAPE,
        "size": ("400", "300"),
        "note": (
            "Khổ 400 × 300 mm (Nghị định 50/2006/NĐ-CP, Điều 28; chưa đối chiếu Nghị định "
            "85/2014/NĐ-CP). Vị trí minh họa: đo lại trên phôi thật của cơ quan và in trang "
            "căn chỉnh trước khi in."
        ),
        "fields": [
            (K.RECIPIENT_NAME, 60, 140, 280, 26, True, False, A.CENTRE, False, 1, None),
            (K.COLLECTIVE_NAME, 60, 138, 280, 22, True, False, A.CENTRE, True, 2, 10),
            (K.RECIPIENT_TITLE, 60, 156, 280, 16, False, False, A.CENTRE, False, 2, Decimal("7.5")),
            (K.ACHIEVEMENT, 60, 177, 280, 17, False, True, A.CENTRE, False, 3, Decimal("8.5")),
            (K.DECISION_NUMBER, 84, 223, 60, 13, False, False, A.LEFT, False, 1, None),
            (K.DECISION_DATE, 58, 230, 90, 13, False, False, A.LEFT, False, 1, None),
            (K.REGISTER_NUMBER, 80, 237, 50, 13, True, False, A.LEFT, False, 1, None),
            (K.PLACE_DATE, 215, 214, 130, 14, False, True, A.CENTRE, False, 1, None),
            (K.SIGNER_POSITION, 215, 221, 130, 14, True, False, A.CENTRE, True, 2, 6),
            (K.SIGNER_NAME, 215, 262, 130, 15, True, False, A.CENTRE, False, 1, None),
        ],
    },
    {
        "name": DEPARTMENT_MERIT,
        "awards": ["giay-khen-thu-truong-so-nganh"],
        "paper": CertificateBlank.Paper.A4,
        "orientation": CertificateBlank.Orientation.LANDSCAPE,
        "size": None,
        "note": (
            "Khổ A4 ngang. Vị trí minh họa: đo lại trên phôi thật của cơ quan và in trang căn "
            "chỉnh trước khi in."
        ),
        "fields": [
            (K.RECIPIENT_NAME, 30, 90, 237, 22, True, False, A.CENTRE, False, 1, None),
            (K.COLLECTIVE_NAME, 30, 88, 237, 19, True, False, A.CENTRE, True, 2, Decimal("8.5")),
            (K.RECIPIENT_TITLE, 30, 102, 237, 14, False, False, A.CENTRE, False, 2, Decimal("6.5")),
            (K.ACHIEVEMENT, 35, 118, 227, 15, False, True, A.CENTRE, False, 3, 7),
            (K.DECISION_NUMBER, 50, 152, 50, 12, False, False, A.LEFT, False, 1, None),
            (K.DECISION_DATE, 25, 158, 80, 12, False, False, A.LEFT, False, 1, None),
            (K.REGISTER_NUMBER, 46, 164, 40, 12, True, False, A.LEFT, False, 1, None),
            (K.PLACE_DATE, 160, 147, 110, 13, False, True, A.CENTRE, False, 1, None),
            (K.SIGNER_POSITION, 160, 154, 110, 13, True, False, A.CENTRE, True, 2, Decimal("5.5")),
            (K.SIGNER_NAME, 160, 188, 110, 14, True, False, A.CENTRE, False, 1, None),
        ],
    },
]


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_blanks(by, *, unit=None) -> int:
    """The blanks above, kept by ``unit`` (by default the unit of ``by``, Home Affairs' staff
    member), each unless the unit has a blank of that name; returns how many it made."""
    unit = unit or by.unit
    made = 0
    for row in BLANKS:
        if unit is None or CertificateBlank.objects.filter(unit=unit, name=row["name"]).exists():
            continue
        width, height = row["size"] or (None, None)
        blank = CertificateBlank(
            name=row["name"],
            unit=unit,
            paper=row["paper"],
            orientation=row["orientation"],
            custom_width_mm=_decimal(width),
            custom_height_mm=_decimal(height),
            note=row["note"],
            created_by=by,
        )
        blank._history_user = by
        blank.save()
        blank.award_forms.set(AwardForm.objects.filter(code__in=row["awards"]))
        for key, x, y, width_mm, size, bold, italic, align, upper, lines, spacing in row["fields"]:
            CertificateField.objects.create(
                blank=blank,
                key=key,
                x_mm=_decimal(x),
                y_mm=_decimal(y),
                width_mm=_decimal(width_mm),
                font_size=_decimal(size),
                bold=bold,
                italic=italic,
                align=align,
                uppercase=upper,
                max_lines=lines,
                line_spacing_mm=_decimal(spacing),
            )
        made += 1
    return made
