"""Who signs a unit's documents, and the register of documents it has issued (sổ đăng ký văn
bản đi).

A document is a draft ("DỰ THẢO", no number) until someone issues it: then it takes the next
number of its unit, year and type from ``DocumentCounter`` (one row per unit, year and type,
incremented in the database so that two people issuing at once never get the same number),
and what was issued is kept as issued (``IssuedDocument``: the files, number, date, signer).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exemplar_portal.base.scopes import RestrictedQuerySet
from registry.models import Unit
from registry.models.units import YEAR_VALIDATORS
from registry.selectors import unit_scope_filter


class SignerQuerySet(models.QuerySet):
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

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), related_name="signers", on_delete=models.CASCADE
    )
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


class IssuedDocumentQuerySet(RestrictedQuerySet):
    def scope(self, user, action):
        """Every unit's documents for those who read all registers, else those of the units
        the user reaches."""
        if user.has_perm("reports.view_all_registers"):
            return None
        return unit_scope_filter(user, "unit")


class IssuedDocument(models.Model):
    """A document as issued: number, date, signer and files, kept unchanged."""

    class Kind(models.TextChoices):
        CONSOLIDATED_REPORT = "consolidated_report", _("Yearly report on advanced exemplars")
        PERIOD_REVIEW = "period_review", _("Report reviewing a plan's period")
        UNIT_EXEMPLARS = "unit_exemplars", _("Report with the unit's list of exemplars")
        EXEMPLAR_PROFILE = "exemplar_profile", _("Report on an exemplar's achievements")
        QUOTA_COMPLIANCE = "quota_compliance", _("Report on quota compliance")
        PROPOSALS_TO_PROVINCE = (
            "proposals_province",
            _("Submission of commendations to the Provincial People's Committee"),
        )
        PROPOSALS_TO_HOME_AFFAIRS = (
            "proposals_unit",
            _("Submission of commendations to the Department of Home Affairs"),
        )
        DASHBOARD = "dashboard", _("Overview report for the provincial leaders")

    class Status(models.TextChoices):
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Issued")
        FAILED = "failed", _("Preparing the files failed")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("issuing unit"),
        related_name="issued_documents",
        on_delete=models.PROTECT,
    )
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
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RENDERING
    )
    error = models.TextField(_("error"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="issued/%Y/", blank=True, editable=False)
    docx = models.FileField(_("DOCX"), upload_to="issued/%Y/", blank=True, editable=False)
    xlsx = models.FileField(_("xlsx"), upload_to="issued/%Y/", blank=True, editable=False)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    issued_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = IssuedDocumentQuerySet.as_manager()

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

    def get_absolute_url(self):
        return reverse("reports:issued_document", kwargs={"pk": self.pk})


@receiver(post_delete, sender=IssuedDocument)
def delete_issued_files(sender, instance, **kwargs):
    """An issued document deleted by an administrator takes its files along."""
    for file in (instance.pdf, instance.docx, instance.xlsx):
        if file:
            name, storage = file.name, file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
