"""The imports the portal offers, as data: who may run each, its resource, and the help its
template carries (what each column takes, with an example).

The template workbook (``templates.template_workbook``) and the pages read these; adding
a column means adding it to the resource and a line of help here.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .resources import ExemplarResource, UnitResource, UnitSuccessionResource, UserResource
from .rules import IMPORT_PERMISSIONS


@dataclass(frozen=True)
class ColumnHelp:
    required: object  # "" when optional, else who requires it
    how: object
    example: str = ""


@dataclass(frozen=True)
class ImportKind:
    kind: str
    slug: str
    title: object
    # The title within a sentence: "Import exemplars from Excel".
    noun: object
    resource: type
    help: dict[str, ColumnHelp]
    notes: list = field(default_factory=list)
    label_columns: tuple[str, ...] = ()
    # When set, the row's label joins every label column with it ("A → B"); otherwise the
    # first non-empty one names the row.
    label_separator: str = ""

    @property
    def filename(self) -> str:
        """The template's file name, without its extension: "mau-nhap-dien-hinh"."""
        return f"mau-nhap-{self.slug}"

    @property
    def permission(self) -> str:
        return IMPORT_PERMISSIONS[self.kind]

    def row_label(self, row: dict) -> str:
        """A few words naming the row in the report (its name, for instance)."""
        if self.label_separator:
            parts = [str(row.get(c) or "") for c in self.label_columns]
            return self.label_separator.join(parts)[:120]
        return next((str(row[c]) for c in self.label_columns if row.get(c)), "")[:120]

    def allowed_by(self, user) -> bool:
        return user.has_perm(self.permission)


REQUIRED = _("Required")
YES_NO = _("“Có” or “Không” (empty means “Không”).")
WHOLE_NUMBER = _("A whole number.")
DATE = _("A day, written dd/mm/yyyy.")
TEXT_PHONE = _("Written as text, so the leading 0 stays.")
DATES_AND_LISTS = _("Dates are written as dd/mm/yyyy; allowed values are on the “Lists” sheet.")

EXEMPLARS = ImportKind(
    kind="exemplars",
    slug="dien-hinh",
    title=_("Exemplars"),
    noun=_("exemplars"),
    resource=ExemplarResource,
    label_columns=("full_name", "collective_name", "household_head"),
    notes=[
        _(
            "One row per exemplar, under the header row. Do not rename, add or remove "
            "columns; the order of the columns does not matter."
        ),
        _(
            "Leave “Code” empty for a new exemplar. To change an exemplar already in the "
            "portal, keep the code of an exported list: only drafts and returned exemplars "
            "can be changed, and only by their own unit."
        ),
        _(
            "Every imported exemplar is a draft: check it in the portal, add the evidence "
            "for each criterion and the photos, then submit it as usual."
        ),
        _(
            "Fill the columns of the subject's kind only: full name, gender, year of birth, "
            "position and workplace for an individual; name, head and number of members for "
            "a collective; head, address and members for a household."
        ),
        _(
            "The file is checked first and nothing is written until you confirm; if any row "
            "has an error, nothing is imported: correct the file and upload it again."
        ),
        DATES_AND_LISTS,
    ],
    help={
        "code": ColumnHelp(
            "", _("Empty for a new exemplar; the code from the portal to change one.")
        ),
        "unit": ColumnHelp(
            _("Required for Home Affairs"),
            _("The unit's code or its exact name; a unit's editors may leave it empty."),
            "37-SYT",
        ),
        "year": ColumnHelp(REQUIRED, _("The year of the selection."), "2025"),
        "subject_kind": ColumnHelp(REQUIRED, _("Cá nhân, Tập thể or Hộ gia đình."), "Cá nhân"),
        "full_name": ColumnHelp(_("Required for an individual"), "", "Nguyễn Thị Hồng Nhung"),
        "gender": ColumnHelp("", _("Nam or Nữ."), "Nữ"),
        "birth_year": ColumnHelp("", WHOLE_NUMBER, "1985"),
        "position": ColumnHelp("", "", "Điều dưỡng trưởng khoa"),
        "workplace": ColumnHelp("", "", "Bệnh viện Đa khoa tỉnh Ninh Bình"),
        "collective_name": ColumnHelp(
            _("Required for a collective"), "", "Khoa Hồi sức tích cực - Chống độc"
        ),
        "head_name": ColumnHelp("", "", "Trần Văn Quang"),
        "member_count": ColumnHelp("", WHOLE_NUMBER, "24"),
        "household_head": ColumnHelp(_("Required for a household"), "", "Đinh Văn Hùng"),
        "household_address": ColumnHelp("", "", "Thôn Tập Ninh, xã Gia Vân"),
        "household_members": ColumnHelp("", WHOLE_NUMBER, "5"),
        "field": ColumnHelp(REQUIRED, _("The field's name or code (see “Lists”)."), "Y tế"),
        "campaign": ColumnHelp("", _("The movement's name or code, if any."), ""),
        "is_new_factor": ColumnHelp("", YES_NO, "Không"),
        "achievements": ColumnHelp("", _("The achievements, in a few sentences."), ""),
        "new_model": ColumnHelp("", _("What is new in the way of working, and its effect."), ""),
        "contact_name": ColumnHelp("", "", "Nguyễn Văn Bình"),
        "contact_phone": ColumnHelp("", TEXT_PHONE, "0912345678"),
        "contact_email": ColumnHelp("", "", "binh.nv@ninhbinh.gov.vn"),
        "publication_consent": ColumnHelp("", YES_NO, "Có"),
    },
)

UNITS = ImportKind(
    kind="units",
    slug="don-vi",
    title=_("Units"),
    noun=_("units"),
    resource=UnitResource,
    label_columns=("name", "code"),
    notes=[
        _(
            "One row per unit. A unit whose code is already in the portal is updated; a new "
            "code creates a unit. Units are never deleted: close one by its last day in force "
            "and the legal basis of its end, then link it to the units that carry on from it "
            "(the “Unit successions” import)."
        ),
        _(
            "A parent unit may be a unit of an earlier row of the same file. If any row has "
            "an error, nothing is imported."
        ),
        _("Dates are written as dd/mm/yyyy."),
    ],
    help={
        "code": ColumnHelp(
            REQUIRED, _("Letters without accents, digits, dots and dashes."), "37-SYT"
        ),
        "name": ColumnHelp(REQUIRED, "", "Sở Y tế"),
        "short_name": ColumnHelp("", "", "SYT"),
        "kind": ColumnHelp(REQUIRED, _("The unit kind's name or code (see “Lists”)."), ""),
        "parent": ColumnHelp("", _("The parent unit's code or exact name."), "37"),
        "bloc": ColumnHelp("", _("The emulation bloc's name or code."), ""),
        "address": ColumnHelp("", "", ""),
        "phone": ColumnHelp("", TEXT_PHONE, ""),
        "email": ColumnHelp("", "", ""),
        "valid_from": ColumnHelp("", _("The first day in force; empty when always."), "01/07/2025"),
        "valid_until": ColumnHelp(
            "", _("The last day in force; empty while the unit exists."), "30/06/2025"
        ),
        "end_basis": ColumnHelp(
            "",
            _("For a unit that ended: the law, resolution or decision that ended it."),
            "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội",
        ),
    },
)

SUCCESSIONS = ImportKind(
    kind="successions",
    slug="sap-xep-don-vi",
    title=_("Unit successions"),
    noun=_("unit successions"),
    resource=UnitSuccessionResource,
    label_columns=("predecessor", "successor"),
    label_separator=" → ",
    notes=[
        _(
            "One row per link between a unit that ended and a unit that carries on from it: "
            "several rows with one successor record a merger, several rows with one "
            "predecessor a split. Both units must be in the portal already (the “Units” "
            "import), the predecessor with its last day in force."
        ),
        _(
            "A link between the same two units is updated, so the file can be imported "
            "again. If any row has an error, nothing is imported."
        ),
        _(
            "“Takes over the work”: the successor that takes the predecessor's unfinished "
            "records and its results of the year; at most one successor of a unit does."
        ),
        DATES_AND_LISTS,
    ],
    help={
        "predecessor": ColumnHelp(
            REQUIRED, _("The code of the unit that ended (or its exact name)."), "373-GIAVAN"
        ),
        "successor": ColumnHelp(
            REQUIRED, _("The code of the unit that carries on (or its exact name)."), "14488"
        ),
        "kind": ColumnHelp(REQUIRED, _("Merger, split, renaming or absorption (see “Lists”)."), ""),
        "effective_on": ColumnHelp(
            REQUIRED, _("The first day the successor carries on, dd/mm/yyyy."), "01/07/2025"
        ),
        "legal_basis": ColumnHelp(
            REQUIRED,
            _("The resolution or decision."),
            "Nghị quyết số 1674/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội",
        ),
        "takes_over_work": ColumnHelp("", _("“Có” or “Không” (empty means “Có”)."), "Có"),
        "note": ColumnHelp("", "", ""),
    },
)

USERS = ImportKind(
    kind="users",
    slug="nguoi-dung",
    title=_("Users"),
    noun=_("users"),
    resource=UserResource,
    label_columns=("full_name", "username"),
    notes=[
        _(
            "One row per person. An existing log-in name (letter case aside) updates that "
            "account; a new one creates it without a password: the person sets it with "
            "“Forgot your password?” and the e-mail address given here."
        ),
        _("Accounts are never deleted: set “Active account” to “Không” to close one."),
    ],
    help={
        "username": ColumnHelp(REQUIRED, _("Letters, digits and . @ + - _ only."), "canbo.syt"),
        "full_name": ColumnHelp(REQUIRED, "", "Nguyễn Thị Hồng Nhung"),
        "email": ColumnHelp(_("Needed to set the password"), "", "nhung.nth@ninhbinh.gov.vn"),
        "unit": ColumnHelp(REQUIRED, _("The unit's code or exact name."), "37-SYT"),
        "role": ColumnHelp(REQUIRED, _("See “Lists”."), "Cán bộ đơn vị"),
        "position": ColumnHelp("", "", "Chuyên viên Văn phòng Sở"),
        "phone": ColumnHelp("", TEXT_PHONE, ""),
        "is_active": ColumnHelp("", _("“Không” closes the account; empty means “Có”."), "Có"),
    },
)

KINDS: dict[str, ImportKind] = {spec.kind: spec for spec in (EXEMPLARS, UNITS, SUCCESSIONS, USERS)}
BY_SLUG: dict[str, ImportKind] = {spec.slug: spec for spec in KINDS.values()}


def kinds_for(user) -> list[ImportKind]:
    return [spec for spec in KINDS.values() if spec.allowed_by(user)]


class ImportOfferMixin:
    """Offers, beside a list's downloads, the import of the same columns to those who may
    run it (``import_kind``: a key of ``KINDS``)."""

    import_kind = ""

    def get_import_url(self) -> str:
        spec = KINDS[self.import_kind]
        if spec.allowed_by(self.request.user):
            return reverse("registry:import_start", args=[spec.slug])
        return ""
