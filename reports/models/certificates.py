"""Certificates (Bằng khen, Giấy khen) printed for a decision onto an office's pre-printed
blanks (phôi).

A blank (``CertificateBlank``) is the sheet an office buys printed with the national title,
the conferring authority, "TẶNG", "BẰNG KHEN" and the decoration; the portal prints only the
texts that go into its empty spaces, each at the place measured on the office's own blank
(``CertificateField``: x and y in millimetres from the sheet's top-left corner, y being the
line the text sits on). Positions are data, kept per blank, because every printing house's
blank differs. A printer that shifts the sheet is corrected by the blank's offset.

Each print for a decision is recorded (``CertificatePrint``: who, when, on which blank, the
texts of each certificate); where the blank has a place for the number in the register
(số vào sổ), each award gets one number in the register of the unit that keeps the blank,
per year of the decision, once and for good (``CertificateNumber``; a reprint keeps it).
"""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import Searchable, WithPage, by_user
from exemplar_portal.base.scopes import RestrictedQuerySet
from registry.enums import Role
from registry.models.records import unit_link
from registry.models.units import YEAR_VALIDATORS
from registry.rules import reads_all_units

from .awards import AwardForm, AwardProposal
from .decisions import AwardDecision

# A point in millimetres; lines of a field without its own spacing lie this many times the
# font size apart.
PT_MM = 25.4 / 72
LINE_FACTOR = 1.25
# Paper sizes in millimetres, short side first (ISO 216).
PAPER_SIZES = {"a4": (Decimal("210"), Decimal("297")), "a3": (Decimal("297"), Decimal("420"))}
# The roles whose own unit may keep a blank (and read it); those who read every unit read all.
KEEPING_ROLES = (Role.UNIT_EDITOR, Role.UNIT_HEAD, Role.DISTRICT_REVIEWER)


def mm(value) -> str:
    """A length as people write it: "400", and "12,5" in Vietnamese."""
    text = f"{float(value):g}"
    return formats.number_format(Decimal(text)) if "." in text else text


def blank_scope(user, prefix: str = "") -> Q | None:
    """The blanks a user reaches: all for Home Affairs, leaders and administrators; their
    own unit's for a unit's staff; none for the others."""
    if reads_all_units(user):
        return None
    if user.unit_id and user.role in KEEPING_ROLES:
        return Q(**{f"{prefix}unit_id": user.unit_id})
    return Q(pk__in=[])


class CertificateBlankQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        return blank_scope(user)

    def active(self):
        return self.filter(active=True)

    def serving(self, awards):
        """Active blanks that serve one of ``awards`` (award forms or their ids)."""
        return self.active().filter(award_forms__in=awards).distinct()


class CertificateBlank(WithPage, Searchable, models.Model):
    """An office's pre-printed blank for one kind of certificate, and where its texts go."""

    class Paper(models.TextChoices):
        A4 = "a4", _("A4 (210 × 297 mm)")
        A3 = "a3", _("A3 (297 × 420 mm)")
        CUSTOM = "custom", _("Another size")

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("As the office calls it: “Phôi Bằng khen của Chủ tịch UBND tỉnh – mẫu 2024”."),
    )
    unit = unit_link("certificate_blanks", _("kept by"))
    award_forms = models.ManyToManyField(
        AwardForm,
        verbose_name=_("award forms it serves"),
        related_name="certificate_blanks",
    )
    paper = models.CharField(_("paper"), max_length=8, choices=Paper.choices, default=Paper.A4)
    orientation = models.CharField(
        _("orientation"),
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )
    custom_width_mm = models.DecimalField(
        _("sheet width (mm)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("50")), MaxValueValidator(Decimal("600"))],
        help_text=_("Only for another size: one side of the sheet."),
    )
    custom_height_mm = models.DecimalField(
        _("sheet height (mm)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("50")), MaxValueValidator(Decimal("600"))],
        help_text=_("Only for another size: the other side of the sheet."),
    )
    place = models.CharField(
        _("place"),
        max_length=100,
        default="Ninh Bình",
        help_text=_("Printed before the date: “Ninh Bình, ngày 26 tháng 12 năm 2025”."),
    )
    number_suffix = models.CharField(
        _("after the register number"),
        max_length=20,
        blank=True,
        help_text=_("Printed after the number in the register, e.g. “/BK”; often empty."),
    )
    offset_x_mm = models.DecimalField(
        _("printer shift across (mm)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-30")), MaxValueValidator(Decimal("30"))],
        help_text=_(
            "Added to every field: positive moves the text to the right. Read it from the "
            "calibration page laid over a blank."
        ),
    )
    offset_y_mm = models.DecimalField(
        _("printer shift down (mm)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-30")), MaxValueValidator(Decimal("30"))],
        help_text=_("Added to every field: positive moves the text down."),
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Only blanks in use are offered for printing.")
    )
    note = models.TextField(_("note"), blank=True)
    created_by = by_user(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    objects = CertificateBlankQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:certificateblank_detail"
    searched_fields = ("name", "place")

    class Meta:
        ordering = ["-active", "name", "pk"]
        verbose_name = _("certificate blank")
        verbose_name_plural = _("certificate blanks")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.paper == self.Paper.CUSTOM:
            errors = {
                name: _("Give both sides of the sheet for another size.")
                for name in ("custom_width_mm", "custom_height_mm")
                if not getattr(self, name)
            }
            if errors:
                raise ValidationError(errors)

    @property
    def size_mm(self) -> tuple[Decimal, Decimal] | None:
        """The sheet's width and height as it is printed (landscape: the long side across);
        None while another size lacks its sides."""
        if self.paper == self.Paper.CUSTOM:
            if not (self.custom_width_mm and self.custom_height_mm):
                return None
            short, long = sorted((self.custom_width_mm, self.custom_height_mm))
        else:
            short, long = PAPER_SIZES.get(self.paper, PAPER_SIZES["a4"])
        return (long, short) if self.orientation == self.Orientation.LANDSCAPE else (short, long)

    @property
    def size_display(self) -> str:
        size = self.size_mm
        if size is None:
            return ""
        return f"{mm(size[0])} × {mm(size[1])} mm"

    @property
    def numbers_certificates(self) -> bool:
        """Whether the blank has a place for the number in the register."""
        return any(f.key == CertificateField.Key.REGISTER_NUMBER for f in self.fields.all())


class CertificateField(models.Model):
    """Where one text goes on a blank: the left edge and the line it sits on, the width it may
    take, and how it is set. A text longer than the width wraps onto the lines allowed; one
    that still does not fit is set smaller, down to three quarters of its size."""

    class Key(models.TextChoices):
        RECIPIENT_NAME = "recipient_name", _("Name of the person or household")
        RECIPIENT_TITLE = "recipient_title", _("Position and workplace (a person) or address")
        COLLECTIVE_NAME = "collective_name", _("Name of the collective")
        ACHIEVEMENT = "achievement", _("Achievement (“Đã có thành tích…”)")
        AWARD_NAME = "award_name", _("Name of the award")
        DECISION_NUMBER = "decision_number", _("Decision number")
        DECISION_DATE = "decision_date", _("Decision date (“ngày … tháng … năm …”)")
        PLACE_DATE = "place_date", _("Place and date")
        SIGNER_POSITION = "signer_position", _("Signer's position")
        SIGNER_NAME = "signer_name", _("Signer's name")
        REGISTER_NUMBER = "register_number", _("Number in the register (số vào sổ)")

    class Align(models.TextChoices):
        LEFT = "left", _("Left")
        CENTRE = "center", _("Centre")
        RIGHT = "right", _("Right")

    blank = models.ForeignKey(
        CertificateBlank,
        verbose_name=_("certificate blank"),
        related_name="fields",
        on_delete=models.CASCADE,
    )
    key = models.CharField(_("text"), max_length=20, choices=Key.choices)
    x_mm = models.DecimalField(
        _("from the left (mm)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("The left edge of the space the text takes."),
    )
    y_mm = models.DecimalField(
        _("from the top (mm)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("The line the text sits on (its first line)."),
    )
    width_mm = models.DecimalField(_("width (mm)"), max_digits=5, decimal_places=1)
    font_size = models.DecimalField(
        _("font size (pt)"), max_digits=4, decimal_places=1, default=Decimal("14")
    )
    bold = models.BooleanField(_("bold"), default=False)
    italic = models.BooleanField(_("italic"), default=False)
    align = models.CharField(
        _("alignment"), max_length=8, choices=Align.choices, default=Align.CENTRE
    )
    uppercase = models.BooleanField(_("capitals"), default=False)
    max_lines = models.PositiveSmallIntegerField(
        _("lines"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("How many lines the text may wrap onto."),
    )
    line_spacing_mm = models.DecimalField(
        _("line spacing (mm)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("From one line to the next; empty: 1.25 times the font size."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["blank", "y_mm", "x_mm", "pk"]
        verbose_name = _("field of a blank")
        verbose_name_plural = _("fields of a blank")
        constraints = [
            models.UniqueConstraint(fields=["blank", "key"], name="certificate_field_once")
        ]

    def __str__(self):
        return f"{self.get_key_display()} ({mm(self.x_mm)}; {mm(self.y_mm)} mm)"

    def clean(self):
        super().clean()
        try:  # the blank as its form read it, saved or not
            size = self.blank.size_mm
        except ObjectDoesNotExist:
            size = None
        problems = self.problems(size)
        if problems:
            raise ValidationError(problems)

    def spacing(self, size: float | None = None) -> float:
        """From one line to the next, in mm: the field's own, else 1.25 times the size."""
        if self.line_spacing_mm:
            return float(self.line_spacing_mm)
        return float(size or self.font_size) * PT_MM * LINE_FACTOR

    def problems(self, size: tuple[Decimal, Decimal] | None) -> dict:
        """What is wrong with the field on a sheet of ``size`` (width, height in mm): field
        name → message. Every length is positive, and the text lies on the sheet."""
        problems = {}
        if self.width_mm is not None and self.width_mm <= 0:
            problems["width_mm"] = _("A width is more than 0 mm.")
        if self.font_size is not None and not Decimal("4") <= self.font_size <= Decimal("96"):
            problems["font_size"] = _("A font size lies between 4 and 96 points.")
        if self.x_mm is not None and self.x_mm < 0:
            problems["x_mm"] = _("The left edge cannot lie left of the sheet (below 0 mm).")
        if self.y_mm is not None and self.y_mm <= 0:
            problems["y_mm"] = _(
                "The line the text sits on must lie below the sheet's top edge (more than 0 mm)."
            )
        if self.line_spacing_mm is not None and self.line_spacing_mm <= 0:
            problems["line_spacing_mm"] = _("A line spacing is more than 0 mm.")
        lengths = (self.x_mm, self.y_mm, self.width_mm, self.font_size)
        if problems or size is None or None in lengths:
            return problems
        width, height = size
        if self.x_mm + self.width_mm > width:
            problems["width_mm"] = _(
                "The field runs past the sheet's right edge: %(x)s + %(w)s mm is more than the "
                "sheet's %(sheet)s mm."
            ) % {"x": mm(self.x_mm), "w": mm(self.width_mm), "sheet": mm(width)}
        last = float(self.y_mm) + ((self.max_lines or 1) - 1) * self.spacing()
        if last > float(height):
            problems["y_mm"] = _(
                "The text would run past the sheet's bottom edge (%(sheet)s mm)."
            ) % {"sheet": mm(height)}
        return problems


class CertificatePrintQuerySet(RestrictedQuerySet):
    """The prints on the blanks the user reaches."""

    def scope(self, user, action):
        return blank_scope(user, "blank__")


class CertificatePrint(WithPage, Searchable, models.Model):
    """Certificates printed for a decision on a blank: who printed them and when, what the
    signature and the achievement read, and each certificate (``entries``)."""

    blank = models.ForeignKey(
        CertificateBlank,
        verbose_name=_("certificate blank"),
        related_name="prints",
        on_delete=models.PROTECT,
    )
    decision = models.ForeignKey(
        AwardDecision,
        verbose_name=_("award decision"),
        related_name="certificate_prints",
        on_delete=models.PROTECT,
    )
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=200, blank=True)
    achievement = models.CharField(
        _("achievement for every certificate"), max_length=300, blank=True
    )
    offset_x_mm = models.DecimalField(
        _("printer shift across (mm)"), max_digits=4, decimal_places=1, default=Decimal("0")
    )
    offset_y_mm = models.DecimalField(
        _("printer shift down (mm)"), max_digits=4, decimal_places=1, default=Decimal("0")
    )
    printed_by = by_user(_("printed by"))
    printed_at = models.DateTimeField(_("printed at"), auto_now_add=True)
    objects = CertificatePrintQuerySet.as_manager()
    history = HistoricalRecords()
    page_url = "reports:certificateprint_detail"

    class Meta:
        ordering = ["-printed_at", "-pk"]
        verbose_name = _("certificates printed")
        verbose_name_plural = _("certificates printed")

    def searched_text(self) -> str:
        return f"{self.decision.number} {self.blank.name} {self.signer_name}"

    def __str__(self):
        return _("Certificates of %(decision)s on %(blank)s") % {
            "decision": self.decision,
            "blank": self.blank,
        }


class CertificateNumber(models.Model):
    """An award's number in the register (sổ vào sổ) of the unit that keeps the blank, for
    the year of its decision: taken once, in order, and never given to another award."""

    unit = unit_link("certificate_numbers", _("register of"))
    year = models.PositiveSmallIntegerField(_("register year"), validators=YEAR_VALIDATORS)
    number = models.PositiveIntegerField(_("number"))
    proposal = models.ForeignKey(
        AwardProposal,
        verbose_name=_("award"),
        related_name="certificate_numbers",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["unit", "year", "number"]
        verbose_name = _("number in the certificates' register")
        verbose_name_plural = _("numbers in the certificates' register")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="certificate_number_once"
            ),
            models.UniqueConstraint(
                fields=["unit", "proposal"], name="certificate_number_once_per_award"
            ),
        ]

    def __str__(self):
        return f"{self.number} ({self.year})"


class CertificateEntry(models.Model):
    """One certificate of a print: the award, its number (if the blank has one) and the
    texts printed on it, field by field."""

    print_run = models.ForeignKey(
        CertificatePrint,
        verbose_name=_("certificates printed"),
        related_name="entries",
        on_delete=models.CASCADE,
    )
    proposal = models.ForeignKey(
        AwardProposal,
        verbose_name=_("award"),
        related_name="certificate_entries",
        on_delete=models.PROTECT,
    )
    number = models.ForeignKey(
        CertificateNumber,
        verbose_name=_("number in the register"),
        related_name="entries",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    texts = models.JSONField(_("texts printed"), default=dict)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["print_run", "order", "pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["print_run", "proposal"], name="certificate_once_per_print"
            )
        ]

    def __str__(self):
        return str(self.proposal.exemplar)
