"""Spreadsheet imports, kept for audit: the uploaded file, who sent it for which unit, the
row-by-row result of the check and what the confirmation wrote.

The work itself is ``registry.spreadsheets.service``; this module only records it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModel

from exemplar_portal.base.records import WithPage, by_user, status_field

from ..spreadsheets import rules as import_rules
from .records import unit_link


class ImportJob(WithPage, RulesModel):
    """One uploaded spreadsheet, from the check (a dry run) to the confirmed import.

    ``report`` holds, in the language of the person who uploaded it, an entry per row
    listed: its number as the spreadsheet shows it, what the import does with it (new,
    updated, unchanged or error), a label, and the errors and warnings by column. It is
    bounded (``service.bounded_report``): the first rows, and the rows of the first errors
    of each column, with the count of those left out.
    """

    class Kind(models.TextChoices):
        EXEMPLARS = "exemplars", _("Exemplars")
        UNITS = "units", _("Units")
        USERS = "users", _("Users")
        SUCCESSIONS = "successions", _("Unit successions")

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        READY = "ready", _("Checked, awaiting confirmation")
        INVALID = "invalid", _("Errors found")
        REJECTED = "rejected", _("File refused")
        IMPORTING = "importing", _("Being imported")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Import failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = status_field(Status)
    unit = unit_link(
        "+",
        null=True,
        blank=True,
        help_text=_("The only unit the rows may concern; empty when any unit may be named."),
    )
    created_by = by_user(_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    language = models.CharField(max_length=8, default="vi", editable=False)

    # Stored under a generated name; the user's own name is kept in ``original_name``.
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", editable=False)
    original_name = models.CharField(_("file name"), max_length=150)
    file_format = models.CharField(_("format"), max_length=8)
    file_size = models.PositiveIntegerField(_("size"), default=0)
    # The rows as read from the file at the check, so that the confirmation imports exactly
    # what was previewed (a JSON file beside the upload, in the same storage).
    rows_file = models.FileField(upload_to="imports/%Y/%m/", blank=True, editable=False)
    in_background = models.BooleanField(_("run by the background worker"), default=False)

    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    new_rows = models.PositiveIntegerField(_("new rows"), default=0)
    updated_rows = models.PositiveIntegerField(_("updated rows"), default=0)
    unchanged_rows = models.PositiveIntegerField(_("unchanged rows"), default=0)
    error_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    warning_rows = models.PositiveIntegerField(_("rows with warnings"), default=0)
    message = models.TextField(_("message"), blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    # The last sign of life of the check or the write: when it was queued or started, and
    # with each step of its progress. A running job without one for IMPORT_STALE_MINUTES
    # is taken as stopped (``service.recover_stale``).
    heartbeat_at = models.DateTimeField(_("last sign of progress"), null=True, blank=True)
    page_url = "registry:import_job"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")
        indexes = [models.Index(fields=["kind", "created_at"])]
        rules_permissions = {
            "view": import_rules.can_view_import_job,
            "confirm": import_rules.can_confirm_import_job,
        }

    def __str__(self):
        return f"{self.get_kind_display()} · {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
