"""Who signs a unit's documents, and the register of documents it has issued (sổ đăng ký văn
bản đi).

A document is a draft ("DỰ THẢO", no number) until someone issues it: then it takes the next
number of its unit, year and type from ``DocumentCounter`` (one row per unit, year and type,
incremented in the database so that two people issuing at once never get the same number),
and what was issued is kept as issued (``IssuedDocument``: the files, number, date, signer).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.records import WithPage, by_user, delete_files_with, status_field
from registry.models import Unit
from registry.models.records import UnitScopedQuerySet, unit_link
from registry.models.units import YEAR_VALIDATORS

from .consolidations import DOCUMENT_KINDS


class SignerQuerySet(UnitScopedQuerySet):
    """A unit's signers are read by whoever reaches the unit."""

    def active(self):
        return self.filter(active=True)


class Signer(models.Model):
    """A person who signs the unit's documents, and in what capacity."""

    class Authority(models.TextChoices):
        HEAD = "head", _("Signs as the head")
        DEPUTY = "deputy", _("Signs for the head (KT.)")
        ON_BEHALF = "on_behalf", _("Signs on behalf of the collective (TM.)")
        ON_BEHALF_DEPUTY = (
            "on_behalf_deputy",
            _("Signs on behalf of the collective, for the head (TM. and KT.)"),
        )

    unit = unit_link("signers", on_delete=models.CASCADE)
    full_name = models.CharField(_("full name"), max_length=120)
    position = models.CharField(
        _("position"),
        max_length=120,
        help_text=_('As printed above the signature: "Phó Giám đốc".'),
    )
    authority = models.CharField(
        _("authority"), max_length=20, choices=Authority.choices, default=Authority.HEAD
    )
    principal = models.CharField(
        _("position of the head signed for"),
        max_length=120,
        blank=True,
        help_text=_('For a deputy (KT.): the head\'s position, e.g. "Giám đốc", "Chủ tịch".'),
    )
    collective = models.CharField(
        _("collective signed on behalf of"),
        max_length=120,
        blank=True,
        help_text=_('For TM.: the collective, e.g. "Ủy ban nhân dân".'),
    )
    is_default = models.BooleanField(
        _("default signer"),
        default=False,
        help_text=_("Offered first when a document is issued."),
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = SignerQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "-is_default", "order", "full_name"]
        verbose_name = _("signer")
        verbose_name_plural = _("signers")

    def __str__(self):
        """ "Trần Thị Thu Hằng – KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC": the name with the block."""
        return f"{self.full_name} – {' / '.join(self.signature_lines)}"

    def clean(self):
        super().clean()
        A = self.Authority
        errors = {}
        if self.authority in (A.DEPUTY, A.ON_BEHALF_DEPUTY) and not self.principal.strip():
            errors["principal"] = _("A deputy signs for a head: give the head's position.")
        if self.authority in (A.ON_BEHALF, A.ON_BEHALF_DEPUTY) and not self.collective.strip():
            errors["collective"] = _("Name the collective signed on behalf of.")
        if errors:
            raise ValidationError(errors)

    @property
    def signature_lines(self) -> list[str]:
        """ "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH": the lines above the space
        for the signature, in capitals."""
        A = self.Authority
        lines = []
        if self.authority in (A.ON_BEHALF, A.ON_BEHALF_DEPUTY):
            lines.append(f"TM. {self.collective.strip().upper()}")
        if self.authority in (A.DEPUTY, A.ON_BEHALF_DEPUTY):
            lines.append(f"KT. {self.principal.strip().upper()}")
        lines.append(self.position.strip().upper())
        return lines

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_default:
                Signer.objects.filter(unit_id=self.unit_id, is_default=True).exclude(
                    pk=self.pk
                ).update(is_default=False)
            super().save(*args, **kwargs)


def default_signer(unit) -> Signer | None:
    """The unit's default signer: the one marked so, else the first active one."""
    if unit is None:
        return None
    return Signer.objects.active().filter(unit=unit).order_by("-is_default", "order", "pk").first()


class DocumentCounter(models.Model):
    """The last number a unit gave to a type of document in a year."""

    unit = models.ForeignKey(Unit, related_name="+", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS)
    doc_type = models.CharField(max_length=8)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "doc_type"], name="document_counter_once"
            )
        ]

    def __str__(self):
        return f"{self.unit_id}/{self.year}/{self.doc_type}: {self.last_number}"


class IssuedDocumentQuerySet(UnitScopedQuerySet):
    """Every unit's documents for those who read all registers, else those of the units the
    user reaches."""

    reads_all = "reports.view_all_registers"


class IssuedDocument(WithPage, models.Model):
    """A document as issued: number, date, signer and files, kept unchanged."""

    Kind = models.TextChoices(
        "Kind",
        [
            (
                "CONSOLIDATED_REPORT",
                ("consolidated_report", _("Yearly report on advanced exemplars")),
            ),
            ("PERIOD_REVIEW", ("period_review", _("Report reviewing a plan's period"))),
            *DOCUMENT_KINDS,
        ],
    )

    class Status(models.TextChoices):
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Issued")
        FAILED = "failed", _("Preparing the files failed")

    unit = unit_link("issued_documents", _("issuing unit"))
    kind = models.CharField(_("document"), max_length=32, choices=Kind.choices)
    doc_type = models.CharField(_("type"), max_length=8)
    year = models.PositiveSmallIntegerField(_("register year"), validators=YEAR_VALIDATORS)
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40)
    subject = models.CharField(_("subject"), max_length=500)
    issued_on = models.DateField(_("issued on"))
    signer = models.ForeignKey(
        Signer,
        verbose_name=_("signer"),
        related_name="issued_documents",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # The signer as printed, kept if the signer's record changes later.
    signer_name = models.CharField(_("signed by"), max_length=120)
    signer_lines = models.JSONField(_("signature lines"), default=list)
    # What the document is built from (year, unit, exemplar, version, narrative…).
    params = models.JSONField(_("parameters"), default=dict)
    # The params that name what the document is about, as one string to look it up by.
    about = models.CharField(_("about"), max_length=200, db_index=True, default="")
    version = models.ForeignKey(
        "reports.ConsolidationVersion",
        verbose_name=_("consolidation version"),
        related_name="issued_documents",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = status_field(Status)
    error = models.TextField(_("error"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="issued/%Y/", blank=True, editable=False)
    docx = models.FileField(_("DOCX"), upload_to="issued/%Y/", blank=True, editable=False)
    xlsx = models.FileField(_("xlsx"), upload_to="issued/%Y/", blank=True, editable=False)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    issued_by = by_user(_("issued by"))
    issued_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = IssuedDocumentQuerySet.as_manager()
    page_url = "reports:issued_document"

    class Meta:
        ordering = ["-year", "-issued_on", "-number"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "doc_type", "number"], name="issued_document_number_once"
            )
        ]

    def __str__(self):
        return f"{self.number_text} – {self.subject}"

    @property
    def number_text(self) -> str:
        return f"{self.number:02d}/{self.symbol}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.pdf)


# An issued document deleted by an administrator takes its files along.
delete_files_with(IssuedDocument, "pdf", "docx", "xlsx")
