"""Small drafts are rendered once and kept until what they show changes
(``reports/kept_drafts.py``): a second request answers from the kept file, a change renders
anew, and readers of different reach or rights never get each other's file."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from registry.enums import ExemplarStatus
from reports import issuing, kept_drafts
from reports.models import Signer
from tests.factories.exemplars import ExemplarFactory
from tests.test_documents import docx_text, flat, pdf_text, profile_url, unit_url

pytestmark = pytest.mark.integration

YEAR = 2025


@pytest.fixture
def renders(monkeypatch):
    """Every render of a document's file, as (kind, format, the document's words)."""
    made = []
    render = issuing.render

    def counting(document, fmt):
        made.append((document.kind, fmt, document.text()))
        return render(document, fmt)

    monkeypatch.setattr(kept_drafts.issuing, "render", counting)
    return made


@pytest.fixture
def exemplar(world):
    return ExemplarFactory(
        unit=world.dept_a,
        year=YEAR,
        full_name="Nguyễn Thị Hạnh",
        contact_phone="0229 3871 999",
        status=ExemplarStatus.ACCEPTED,
    )


def kept_files() -> list[str]:
    """Every kept draft file, by its path under the storage."""
    found = []

    def walk(path):
        folders, files = default_storage.listdir(path)
        found.extend(f"{path}/{name}" for name in files)
        for name in folders:
            walk(f"{path}/{name}")

    if default_storage.exists(kept_drafts.ROOT):
        walk(kept_drafts.ROOT)
    return sorted(found)


def dashboard_url(fmt="pdf"):
    return f"{reverse('reports:dashboard_document')}?year={YEAR}&format={fmt}"


class TestKeptUntilTheDataChanges:
    def test_the_second_request_does_not_render(self, world, exemplar, client_for, renders):
        client = client_for(world.user("editor_a"))
        first = client.get(profile_url(exemplar))
        assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
        assert len(renders) == 1
        again = client.get(profile_url(exemplar))
        assert again.content == first.content
        assert again["Content-Disposition"] == first["Content-Disposition"]
        assert len(renders) == 1
        assert len(kept_files()) == 1

    @pytest.mark.parametrize("fmt", ["pdf", "docx"])
    def test_a_change_of_the_record_renders_again(self, world, exemplar, client_for, renders, fmt):
        client = client_for(world.user("editor_a"))
        client.get(profile_url(exemplar, fmt))
        exemplar.achievements = "Sáng kiến mới: khám bệnh lưu động cho người cao tuổi."
        exemplar.save()
        changed = client.get(profile_url(exemplar, fmt))
        assert len(renders) == 2
        text = pdf_text(changed.content) if fmt == "pdf" else docx_text(changed.content)
        assert "khám bệnh lưu động" in flat(text)
        # The older content's file is dropped: one content per reader's document.
        assert len(kept_files()) == 1
        client.get(profile_url(exemplar, fmt))
        assert len(renders) == 2

    def test_a_unit_list_renders_again_when_a_record_of_the_year_changes(
        self, world, exemplar, client_for, renders
    ):
        client = client_for(world.user("head_a"))
        client.get(unit_url(world.dept_a))
        client.get(unit_url(world.dept_a))
        assert len(renders) == 1
        ExemplarFactory(
            unit=world.dept_a, year=YEAR, full_name="Trần Văn Mới", status=ExemplarStatus.ACCEPTED
        )
        client.get(unit_url(world.dept_a))
        assert len(renders) == 2
        assert "Trần Văn Mới" in renders[1][2]
        # Another year of the same unit is another document.
        client.get(unit_url(world.dept_a).replace(f"year={YEAR}", f"year={YEAR - 1}"))
        assert len(renders) == 3

    def test_the_signer_shown_is_part_of_the_document(self, world, exemplar, client_for, renders):
        Signer.objects.create(
            unit=world.dept_a, full_name="Đỗ Văn Hùng", position="Giám đốc", is_default=True
        )
        signer = Signer.objects.create(
            unit=world.dept_a, full_name="Phạm Thị Lan", position="Phó Giám đốc"
        )
        client = client_for(world.user("editor_a"))
        client.get(profile_url(exemplar))
        client.get(profile_url(exemplar) + f"&signer={signer.pk}")
        assert len(renders) == 2
        assert "Phạm Thị Lan" in renders[1][2] and "Phạm Thị Lan" not in renders[0][2]

    def test_the_tables_are_written_each_time(self, world, exemplar, client_for, renders):
        client = client_for(world.user("editor_a"))
        for _ in range(2):
            assert client.get(profile_url(exemplar, "xlsx")).status_code == 200
        assert kept_files() == []

    def test_a_change_of_layout_renders_again(self, world, exemplar, client_for, renders):
        client = client_for(world.user("editor_a"))
        client.get(profile_url(exemplar))
        kept_drafts.layout_fingerprint.cache_clear()
        try:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(kept_drafts, "layout_fingerprint", lambda: "a-new-layout")
                client.get(profile_url(exemplar))
        finally:
            kept_drafts.layout_fingerprint.cache_clear()
        assert len(renders) == 2

    def test_a_file_that_cannot_be_kept_is_still_served(
        self, world, exemplar, client_for, renders, monkeypatch
    ):
        def full_disk(*args, **kwargs):
            raise OSError("No space left on device")

        monkeypatch.setattr(default_storage, "save", full_disk)
        client = client_for(world.user("editor_a"))
        for _ in range(2):
            response = client.get(profile_url(exemplar))
            assert response.status_code == 200 and response.content.startswith(b"%PDF")
        assert len(renders) == 2


class TestReadersNeverShareAFile:
    def test_personal_data_never_reaches_a_reader_without_the_right(
        self, world, exemplar, client_for, renders
    ):
        editor = client_for(world.user("editor_a"))
        assert "0229 3871 999" in flat(pdf_text(editor.get(profile_url(exemplar)).content))
        leader = client_for(world.user("leader"))
        text = flat(pdf_text(leader.get(profile_url(exemplar)).content))
        assert "0229 3871 999" not in text and "Nguyễn Thị Hạnh" in text
        assert len(renders) == 2
        assert len(kept_files()) == 2

    @pytest.mark.parametrize(
        ("first", "second"),
        [("editor_a", "head_a"), ("head_a", "home_affairs"), ("home_affairs", "leader")],
    )
    def test_each_reach_has_its_own_file(self, world, exemplar, client_for, renders, first, second):
        client_for(world.user(first)).get(unit_url(world.dept_a))
        client_for(world.user(second)).get(unit_url(world.dept_a))
        assert len(renders) == 2
        assert len({path.rsplit("/", 1)[0] for path in kept_files()}) == 2

    def test_the_dashboard_report_is_each_readers_own(self, world, exemplar, client_for, renders):
        for persona in ("leader", "home_affairs", "leader", "administrator"):
            response = client_for(world.user(persona)).get(dashboard_url())
            assert response.status_code == 200
        # Three readers, three renders; the leader's second request is answered from its file.
        assert len(renders) == 3

    def test_a_reader_who_may_not_read_the_draft_gets_nothing_kept(
        self, world, exemplar, client_for, renders
    ):
        client_for(world.user("editor_a")).get(profile_url(exemplar))
        for persona in ("editor_b", "commune_editor", "media"):
            response = client_for(world.user(persona)).get(profile_url(exemplar))
            assert response.status_code in (403, 404), persona
            assert not response.content.startswith(b"%PDF")
        assert client_for(world.user("editor_b")).get(dashboard_url()).status_code == 403
        assert len(renders) == 1
