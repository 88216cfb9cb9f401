"""Signers, the register of issued documents and issuing: numbers from the unit's register,
taken once each even when two people issue at once; drafts marked and unnumbered; what was
issued kept as issued; headings per the issuing body; who may do what."""

import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument
from pypdf import PdfReader

from registry.enums import ExemplarStatus, SubjectKind
from reports import documents, issuing
from reports.layout import Signature
from reports.models import DocumentCounter, IssuedDocument, Signer
from tests.factories.exemplars import ExemplarFactory

pytestmark = pytest.mark.integration

Kind = IssuedDocument.Kind
YEAR = 2025


def pdf_pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


def docx_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def signers(world):
    return {
        "head_a": Signer.objects.create(
            unit=world.dept_a, full_name="Phạm Quốc Hùng", position="Giám đốc", is_default=True
        ),
        "deputy_a": Signer.objects.create(
            unit=world.dept_a,
            full_name="Vũ Thị Ngọc Lan",
            position="Phó Giám đốc",
            authority=Signer.Authority.DEPUTY,
            principal="Giám đốc",
        ),
        "snv": Signer.objects.create(
            unit=world.home_affairs_unit,
            full_name="Nguyễn Văn Thành",
            position="Giám đốc",
            is_default=True,
        ),
        "commune": Signer.objects.create(
            unit=world.commune_a,
            full_name="Hoàng Minh Tuấn",
            position="Chủ tịch",
            authority=Signer.Authority.ON_BEHALF,
            collective="Ủy ban nhân dân",
            is_default=True,
        ),
    }


@pytest.fixture
def exemplars(world):
    return [
        ExemplarFactory(
            unit=world.dept_a,
            year=YEAR,
            full_name="Nguyễn Thị Hạnh",
            status=ExemplarStatus.ACCEPTED,
        ),
        ExemplarFactory(
            unit=world.commune_a,
            year=YEAR,
            subject_kind=SubjectKind.HOUSEHOLD,
            full_name="",
            household_head="Lã Văn Hòa",
            status=ExemplarStatus.ACCEPTED,
        ),
    ]


def issue(kind, params, signer, user, day=None):
    return issuing.issue(
        kind=kind, params=params, signer=signer, day=day or timezone.localdate(), user=user
    )


# Signers ------------------------------------------------------------------------------------


class TestSigners:
    def test_signature_lines_for_each_authority(self, signers):
        assert signers["head_a"].signature_lines == ["GIÁM ĐỐC"]
        assert signers["deputy_a"].signature_lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
        assert signers["commune"].signature_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
        vice = Signer(
            full_name="Lê Thị Hồng Vân",
            position="Phó Chủ tịch",
            authority=Signer.Authority.ON_BEHALF_DEPUTY,
            principal="Chủ tịch",
            collective="Ủy ban nhân dân",
        )
        assert vice.signature_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]

    def test_a_deputy_needs_the_heads_position(self, world):
        signer = Signer(
            unit=world.dept_a,
            full_name="Vũ Thị Ngọc Lan",
            position="Phó Giám đốc",
            authority=Signer.Authority.DEPUTY,
        )
        with pytest.raises(ValidationError) as raised:
            signer.full_clean()
        assert "principal" in raised.value.message_dict

    def test_one_default_per_unit(self, signers):
        signers["deputy_a"].is_default = True
        signers["deputy_a"].save()
        signers["head_a"].refresh_from_db()
        assert not signers["head_a"].is_default
        assert Signer.objects.filter(unit=signers["head_a"].unit, is_default=True).count() == 1

    @pytest.mark.parametrize(
        ("persona", "unit", "expected"),
        [
            ("head_a", "dept_a", 200),
            ("editor_a", "dept_a", 403),
            ("head_a", "dept_b", 404),
            ("administrator", "dept_b", 200),
            ("home_affairs", "home_affairs_unit", 200),
            ("home_affairs", "dept_a", 403),
            ("leader", "dept_a", 403),
            ("media", "dept_a", 404),
        ],
    )
    def test_who_may_add_a_signer(self, world, client_for, persona, unit, expected):
        code = getattr(world, unit).code
        client = client_for(world.user(persona))
        url = reverse("reports:signer_create", kwargs={"code": code})
        assert client.get(url).status_code == expected
        response = client.post(
            url,
            {
                "full_name": "Đỗ Văn Minh",
                "position": "Giám đốc",
                "authority": "head",
                "order": 0,
                "active": "on",
            },
        )
        created = Signer.objects.filter(full_name="Đỗ Văn Minh").exists()
        assert created is (expected == 200)
        if expected == 200:
            assert response.status_code == 302

    def test_a_bad_signer_form_keeps_what_was_typed(self, world, client_for):
        client = client_for(world.user("head_a"))
        url = reverse("reports:signer_create", kwargs={"code": world.dept_a.code})
        response = client.post(
            url,
            {
                "full_name": "Vũ Thị Ngọc Lan",
                "position": "Phó Giám đốc",
                "authority": "deputy",
                "order": 0,
            },
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "Vũ Thị Ngọc Lan" in content and "Phó Giám đốc" in content
        assert not Signer.objects.filter(full_name="Vũ Thị Ngọc Lan").exists()

    def test_changes_are_kept_in_the_history_and_removal_asks_first(
        self, world, client_for, signers
    ):
        client = client_for(world.user("head_a"))
        signer = signers["deputy_a"]
        url = reverse("reports:signer_update", kwargs={"code": world.dept_a.code, "pk": signer.pk})
        client.post(
            url,
            {
                "full_name": signer.full_name,
                "position": "Phó Giám đốc thường trực",
                "authority": "deputy",
                "principal": "Giám đốc",
                "order": 0,
                "active": "on",
            },
        )
        assert signer.history.count() == 2
        assert "Phó Giám đốc thường trực" in client.get(url).content.decode()
        delete = reverse(
            "reports:signer_delete", kwargs={"code": world.dept_a.code, "pk": signer.pk}
        )
        assert client.get(delete).status_code == 200
        assert Signer.objects.filter(pk=signer.pk).exists()
        client.post(delete)
        assert not Signer.objects.filter(pk=signer.pk).exists()


# Headings -----------------------------------------------------------------------------------


class TestHeadings:
    def test_a_department_under_the_provincial_committee(self, world):
        body = documents.issuing_body(world.dept_a, datetime.date(2026, 3, 5), "BC")
        assert body["superior"] == "UBND TỈNH NINH BÌNH"
        assert body["issuer"] == "SỞ Y TẾ"
        assert body["symbol"] == "BC-SYT"
        assert body["place"] == "Ninh Bình"

    def test_a_commune_has_no_superior_line_and_writes_its_own_place(self, world):
        world.commune_a.short_name = "Gia Vân"
        world.commune_a.save()
        body = documents.issuing_body(world.commune_a, datetime.date(2026, 3, 5), "TTr")
        assert body["superior"] == ""
        assert body["issuer"] == "ỦY BAN NHÂN DÂN\nXÃ GIA VÂN"
        assert body["issuer_name"] == "Ủy ban nhân dân xã Gia Vân"
        assert body["place"] == "Gia Vân"
        assert body["symbol"] == "TTr-UBND"

    def test_the_heading_follows_the_unit_as_it_was_on_the_documents_date(self, world):
        world.dept_a.name = "Sở Y tế tỉnh Ninh Bình (mới)"
        world.dept_a.save()
        today = documents.issuing_body(world.dept_a, timezone.localdate(), "BC")
        assert today["issuer"] == "SỞ Y TẾ TỈNH NINH BÌNH"
        history = world.dept_a.history.order_by("history_date")
        first = history.first()
        first.history_date = timezone.now() - datetime.timedelta(days=30)
        first.save()
        latest = history.last()
        latest.history_date = timezone.now() - datetime.timedelta(days=1)
        latest.save()
        before = documents.issuing_body(
            world.dept_a, timezone.localdate() - datetime.timedelta(days=10), "BC"
        )
        assert before["issuer"] == "SỞ Y TẾ"

    def test_dates_per_the_decree(self, world):
        signature = Signature(lines=["GIÁM ĐỐC"], name="Phạm Quốc Hùng")
        document = documents.unit_exemplars(
            unit=world.dept_a,
            year=YEAR,
            issue=documents.Issue(number=5, date=datetime.date(2026, 2, 5), signature=signature),
        )
        assert document.number_line == "Số: 05/BC-SYT"
        assert document.place_date == "Ninh Bình, ngày 05 tháng 02 năm 2026"
        march = documents.Issue(number=12, date=datetime.date(2026, 3, 15), signature=signature)
        later = documents.unit_exemplars(unit=world.dept_a, year=YEAR, issue=march)
        assert later.place_date == "Ninh Bình, ngày 15 tháng 3 năm 2026"
        assert later.number_line == "Số: 12/BC-SYT"


# Numbers ------------------------------------------------------------------------------------


class TestNumbers:
    def test_numbers_run_per_unit_year_and_type(self, world):
        take = issuing.next_number
        assert [take(unit=world.dept_a, year=2026, doc_type="BC") for _ in range(3)] == [1, 2, 3]
        assert take(unit=world.dept_a, year=2026, doc_type="TTr") == 1
        assert take(unit=world.dept_b, year=2026, doc_type="BC") == 1
        assert take(unit=world.dept_a, year=2027, doc_type="BC") == 1
        assert take(unit=world.dept_a, year=2026, doc_type="BC") == 4

    @pytest.mark.django_db(transaction=True)
    @pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrent writers need a server database; SQLite takes one writer at a time",
    )
    def test_two_people_issuing_at_once_never_get_the_same_number(self):
        from registry.models import Unit, UnitKind

        # A transactional test starts from an emptied database (the data migrations' rows
        # are gone after an earlier one): it makes what it needs.
        kind, _created = UnitKind.objects.get_or_create(
            code="department", defaults={"name": "Sở, ban, ngành"}
        )
        unit = Unit.objects.create(code="37-SYT-X", name="Sở Y tế", short_name="SYT", kind=kind)
        taken, errors = [], []
        barrier = threading.Barrier(8)

        def worker():
            try:
                barrier.wait()
                for _ in range(5):
                    taken.append(issuing.next_number(unit=unit, year=2026, doc_type="BC"))
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors
        assert sorted(taken) == list(range(1, 41))
        assert DocumentCounter.objects.get(unit=unit, year=2026, doc_type="BC").last_number == 40


# Issuing ------------------------------------------------------------------------------------


class TestIssuing:
    def test_a_draft_is_marked_and_has_no_number(self, world, signers, exemplars):
        document = issuing.build(
            Kind.UNIT_EXEMPLARS,
            {"unit": world.dept_a.code, "year": YEAR},
            user=world.user("head_a"),
        )
        text = " ".join(pdf_pages(issuing.files(document).pdf))
        assert "DỰ THẢO" in text
        assert "Số: /BC-SYT" in text
        assert "Phạm Quốc Hùng" in text  # the default signer, already on the draft
        assert not IssuedDocument.objects.exists()

    def test_issuing_takes_a_number_and_keeps_the_files(self, world, signers, exemplars):
        issued = issue(
            Kind.UNIT_EXEMPLARS,
            {"unit": world.dept_a.code, "year": YEAR},
            signers["deputy_a"],
            world.user("head_a"),
            day=timezone.localdate(),
        )
        assert issued.number == 1 and issued.number_text == "01/BC-SYT"
        assert issued.status == IssuedDocument.Status.READY
        from registry.models import SecurityEvent

        event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.DOCUMENT_ISSUED)
        assert event.user == world.user("head_a")
        assert event.detail["number"] == "01/BC-SYT"
        assert event.target_type == "reports.issueddocument"
        pages = pdf_pages(issued.pdf.read())
        text = " ".join(pages)
        assert "Số: 01/BC-SYT" in text
        assert "DỰ THẢO" not in text
        assert "BÁO CÁO" in text and "UBND TỈNH NINH BÌNH" in text
        assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Vũ Thị Ngọc Lan" in text
        assert "Nơi nhận:" in text
        assert f"Kèm theo Báo cáo số 01/BC-SYT ngày {issued.issued_on:%d}/" in text
        assert "Nguyễn Thị Hạnh" in text
        for leak in ("{#", "{{", "{%", "(Ký", "ghi rõ họ tên", "…/"):
            assert leak not in text
        words = docx_text(issued.docx.read())
        for expected in ("Số: 01/BC-SYT", "BÁO CÁO", "Vũ Thị Ngọc Lan", "Nguyễn Thị Hạnh"):
            assert expected in words
        again = issue(
            Kind.UNIT_EXEMPLARS,
            {"unit": world.dept_a.code, "year": YEAR},
            signers["head_a"],
            world.user("head_a"),
        )
        assert again.number == 2
        assert list(
            issuing.issued_for(Kind.UNIT_EXEMPLARS, {"unit": world.dept_a.code, "year": YEAR})
        ) == [again, issued]

    def test_the_signer_must_belong_to_the_issuing_unit(self, world, signers):
        with pytest.raises(issuing.NoSigner):
            issue(
                Kind.QUOTA_COMPLIANCE, {"year": YEAR}, signers["head_a"], world.user("home_affairs")
            )
        assert not DocumentCounter.objects.exists()

    def test_a_communes_document(self, world, signers, exemplars):
        world.commune_a.short_name = "Gia Vân"
        world.commune_a.save()
        issued = issue(
            Kind.EXEMPLAR_PROFILE,
            {"exemplar": exemplars[1].code, "personal_data": False},
            signers["commune"],
            world.user("commune_editor"),
        )
        text = " ".join(pdf_pages(issued.pdf.read()))
        assert "ỦY BAN NHÂN DÂN XÃ GIA VÂN" in text
        assert "HUYỆN GIA VIỄN" not in text
        assert "Gia Vân, ngày" in text
        assert "Số: 01/BC-UBND" in text
        assert "TM. ỦY BAN NHÂN DÂN" in text and "Hoàng Minh Tuấn" in text

    def test_the_signature_shares_its_page_with_the_closing_text(self, world, signers):
        from tests.factories import UnitFactory, kind

        for n in range(60):
            UnitFactory(
                code=f"37-X{n}",
                name=f"Xã Thử Nghiệm {n}",
                kind=kind("commune"),
                parent=world.province,
            )
        issued = issue(
            Kind.QUOTA_COMPLIANCE, {"year": 2026}, signers["snv"], world.user("home_affairs")
        )
        pages = pdf_pages(issued.pdf.read())
        signed = [page for page in pages if "Nguyễn Văn Thành" in page]
        assert len(signed) == 1
        closing = issuing.build(
            Kind.QUOTA_COMPLIANCE, {"year": 2026}, user=world.user("home_affairs")
        ).closing
        assert " ".join(closing.split()[:6]) in signed[0]


# The pages ----------------------------------------------------------------------------------


def issue_url(name, **kwargs):
    return reverse(f"reports:{name}_issue", kwargs=kwargs)


class TestIssuePages:
    @pytest.mark.parametrize(
        ("persona", "expected"),
        [
            ("head_a", 200),
            ("editor_a", 200),
            ("editor_b", 404),
            ("home_affairs", 403),
            ("leader", 403),
            ("media", 404),
        ],
    )
    def test_who_may_issue_a_units_report(self, world, signers, client_for, persona, expected):
        client = client_for(world.user(persona))
        url = issue_url("document_unit_exemplars", code=world.dept_a.code) + f"?year={YEAR}"
        assert client.get(url).status_code == expected
        response = client.post(
            url, {"signer": signers["head_a"].pk, "issued_on": timezone.localdate().isoformat()}
        )
        assert IssuedDocument.objects.exists() is (expected == 200)
        if expected == 200:
            issued = IssuedDocument.objects.get()
            assert response["Location"] == issued.get_absolute_url()

    @pytest.mark.parametrize(
        ("persona", "expected"), [("home_affairs", 200), ("leader", 403), ("head_a", 403)]
    )
    def test_who_may_issue_the_quota_report(self, world, signers, client_for, persona, expected):
        client = client_for(world.user(persona))
        url = issue_url("document_quota_compliance") + f"?year={YEAR}"
        assert client.get(url).status_code == expected

    def test_bad_input_is_refused_and_loses_nothing(self, world, signers, client_for):
        client = client_for(world.user("head_a"))
        url = issue_url("document_unit_exemplars", code=world.dept_a.code) + f"?year={YEAR}"
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        response = client.post(
            url, {"signer": signers["deputy_a"].pk, "issued_on": tomorrow.isoformat()}
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert "sau ngày hôm nay" in content or "after today" in content
        assert f'value="{signers["deputy_a"].pk}" selected' in content
        response = client.post(
            url, {"signer": signers["snv"].pk, "issued_on": timezone.localdate().isoformat()}
        )
        assert response.status_code == 200
        assert not IssuedDocument.objects.exists()
        assert not DocumentCounter.objects.exists()

    def test_a_unit_without_signers_is_told_so(self, world, client_for):
        client = client_for(world.user("editor_b"))
        url = issue_url("document_unit_exemplars", code=world.dept_b.code) + f"?year={YEAR}"
        response = client.get(url)
        assert response.status_code == 200
        assert (
            reverse("reports:signer_list", kwargs={"code": world.dept_b.code})
            not in response.content.decode()
        )
        assert 'data-testid="issue"' not in response.content.decode()
        response = client.post(url, {"signer": "", "issued_on": timezone.localdate().isoformat()})
        assert not IssuedDocument.objects.exists()

    def test_the_register_lists_each_units_own_and_searches(
        self, world, signers, client_for, exemplars
    ):
        first = issue(
            Kind.UNIT_EXEMPLARS,
            {"unit": world.dept_a.code, "year": YEAR},
            signers["head_a"],
            world.user("head_a"),
        )
        other = issue(
            Kind.QUOTA_COMPLIANCE, {"year": YEAR}, signers["snv"], world.user("home_affairs")
        )
        register = reverse("reports:register")
        own = client_for(world.user("editor_a")).get(register).content.decode()
        assert first.number_text in own and other.number_text not in own
        assert client_for(world.user("editor_a")).get(other.get_absolute_url()).status_code == 404
        everything = client_for(world.user("leader")).get(register).content.decode()
        assert first.number_text in everything and other.number_text in everything
        found = client_for(world.user("leader")).get(register, {"q": "01/BC-SNV"}).content.decode()
        assert other.number_text in found and first.number_text not in found
        by_kind = (
            client_for(world.user("leader"))
            .get(register, {"kind": Kind.UNIT_EXEMPLARS})
            .content.decode()
        )
        assert first.number_text in by_kind and other.number_text not in by_kind

    def test_issued_files_download_as_issued(self, world, signers, client_for, exemplars):
        issued = issue(
            Kind.UNIT_EXEMPLARS,
            {"unit": world.dept_a.code, "year": YEAR},
            signers["head_a"],
            world.user("head_a"),
        )
        client = client_for(world.user("head_a"))
        pdf = client.get(reverse("reports:issued_file", kwargs={"pk": issued.pk, "fmt": "pdf"}))
        assert pdf["Content-Type"] == "application/pdf"
        assert "Số: 01/BC-SYT" in " ".join(pdf_pages(b"".join(pdf.streaming_content)))
        docx = client.get(reverse("reports:issued_file", kwargs={"pk": issued.pk, "fmt": "docx"}))
        assert "Phạm Quốc Hùng" in docx_text(b"".join(docx.streaming_content))
        assert (
            client.get(
                reverse("reports:issued_file", kwargs={"pk": issued.pk, "fmt": "exe"})
            ).status_code
            == 404
        )

    def test_drafts_in_each_format(self, world, signers, client_for, exemplars):
        client = client_for(world.user("editor_a"))
        url = reverse("reports:document_unit_exemplars", kwargs={"code": world.dept_a.code})
        docx = client.get(url, {"year": YEAR, "format": "docx", "signer": signers["deputy_a"].pk})
        assert docx.status_code == 200
        words = docx_text(docx.content)
        assert "DỰ THẢO" in words and "Vũ Thị Ngọc Lan" in words and "KT. GIÁM ĐỐC" in words
        xlsx = client.get(url, {"year": YEAR, "format": "xlsx"})
        assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        assert client.get(url, {"year": YEAR, "format": "odt"}).status_code == 404


# Archiving a year ---------------------------------------------------------------------------


def test_render_documents_writes_every_kind_and_fails_loudly(
    world, signers, exemplars, tmp_path, monkeypatch
):
    out = io.StringIO()
    call_command("render_documents", year=YEAR, out=str(tmp_path / "2025"), stdout=out)
    names = sorted(path.name for path in (tmp_path / "2025").iterdir())
    assert any(
        name.startswith("bao-cao-dien-hinh-37-SYT-2025") and name.endswith(".pdf") for name in names
    )
    assert any(name.startswith("bao-cao-thanh-tich-") and name.endswith(".docx") for name in names)
    for stem in ("bao-cao-chi-tieu-2025", "to-trinh-khen-thuong-2025", "tong-quan-dien-hinh-2025"):
        assert any(name.startswith(stem) and name.endswith(".pdf") for name in names), stem
        assert any(name.startswith(stem) and name.endswith(".docx") for name in names), stem
    assert len(out.getvalue().strip().splitlines()) == len(names) + 1

    def broken(*args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(issuing, "files", broken)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "render_documents",
            year=YEAR,
            out=str(tmp_path / "again"),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def fonts_of_text(content: bytes, needle: str) -> set[str]:
    """The fonts the first page sets ``needle``'s pieces in."""
    found = set()
    page = PdfReader(io.BytesIO(content)).pages[0]

    def visit(text, cm, tm, font, size):
        piece = text.strip()
        if piece and (piece in needle or needle in piece) and font is not None:
            found.add(str(font.get("/BaseFont")))

    page.extract_text(visitor_text=visit)
    return found


def test_the_place_and_date_are_italic_and_the_type_line_bold(world, signers, exemplars):
    issued = issue(
        Kind.UNIT_EXEMPLARS,
        {"unit": world.dept_a.code, "year": YEAR},
        signers["head_a"],
        world.user("head_a"),
    )
    content = issued.pdf.read()
    place = documents.issuing_body(world.dept_a, issued.issued_on, "BC")["place"]
    assert fonts_of_text(content, f"{place}, ngày") and all(
        "Italic" in name for name in fonts_of_text(content, f"{place}, ngày")
    )
    assert all("Bold" in name for name in fonts_of_text(content, "BÁO CÁO"))


class TestYearlyReport:
    @pytest.fixture
    def version(self, world, exemplars):
        from reports import consolidation as consolidating

        made = consolidating.create(year=YEAR, campaign=None, by=world.user("home_affairs"))
        return consolidating.publish(consolidation=made, by=world.user("home_affairs"))

    def urls(self, version):
        kwargs = {"pk": version.consolidation_id}
        return (
            reverse("reports:consolidation_narrative", kwargs=kwargs),
            reverse(
                "reports:consolidation_version_issue", kwargs={**kwargs, "number": version.number}
            ),
        )

    def test_the_text_comes_first_then_the_report_is_issued(
        self, world, signers, client_for, version, django_capture_on_commit_callbacks
    ):
        narrative_url, issue_url = self.urls(version)
        client = client_for(world.user("home_affairs"))
        response = client.get(issue_url)
        assert response.status_code == 302 and response["Location"] == narrative_url
        texts = {
            "results": "Các sở, ngành đã chủ động phát hiện điển hình trong lĩnh vực y tế.",
            "shortcomings": "Một số xã chưa đăng ký điển hình đúng hạn.",
            "tasks_ahead": "Hướng dẫn các xã đăng ký điển hình năm sau trước ngày 31/3.",
            "proposals_text": "Đề nghị UBND tỉnh bố trí kinh phí tuyên truyền.",
        }
        assert client.post(narrative_url, texts).status_code == 302
        assert client.get(issue_url).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                issue_url,
                {"signer": signers["snv"].pk, "issued_on": timezone.localdate().isoformat()},
            )
        issued = IssuedDocument.objects.get(kind=Kind.CONSOLIDATED_REPORT)
        assert response["Location"] == issued.get_absolute_url()
        assert issued.version == version and issued.status == IssuedDocument.Status.READY
        version.refresh_from_db()
        assert version.document_number == "01/BC-SNV"
        text = " ".join(pdf_pages(issued.pdf.read()))
        for expected in (
            "Số: 01/BC-SNV",
            "Nguyễn Văn Thành",
            "hướng dẫn các xã đăng ký điển hình năm sau".capitalize(),
            "Kèm theo Báo cáo số 01/BC-SNV",
        ):
            assert expected in text, expected
        assert "DỰ THẢO" not in text
        issued.params["narrative"]["results"] = "changed"
        # What was issued stays as issued: the narrative kept is the one printed.
        assert IssuedDocument.objects.get(pk=issued.pk).params["narrative"] == texts

    @pytest.mark.parametrize("persona", ["leader", "head_a", "administrator"])
    def test_only_home_affairs_writes_and_issues_it(self, world, client_for, version, persona):
        narrative_url, issue_url = self.urls(version)
        client = client_for(world.user(persona))
        assert client.post(narrative_url, {"results": "x"}).status_code == 403
        assert client.post(issue_url, {}).status_code in (302, 403)
        assert not IssuedDocument.objects.exists()


@pytest.fixture
def every_kind(world, signers, exemplars):
    """One set of parameters for each kind of document, with something in each."""
    from registry.models import Plan
    from reports import consolidation as consolidating
    from reports.models import AwardForm, AwardProposal

    Plan.objects.update(number="12/KH-UBND", signed_on=datetime.date(2023, 2, 15))
    award = AwardForm.objects.filter(for_individuals=True).first()
    AwardProposal.objects.create(
        exemplar=exemplars[0],
        award=award,
        year=YEAR,
        proposing_unit=world.dept_a,
        reasons="Có nhiều sáng kiến trong khám, chữa bệnh.",
        status=AwardProposal.Status.AGREED,
        created_by=world.user("head_a"),
    )
    made = consolidating.create(year=YEAR, campaign=None, by=world.user("home_affairs"))
    version = consolidating.publish(consolidation=made, by=world.user("home_affairs"))
    return [
        (Kind.UNIT_EXEMPLARS, {"unit": world.dept_a.code, "year": YEAR}, "head_a"),
        (Kind.EXEMPLAR_PROFILE, {"exemplar": exemplars[0].code, "personal_data": False}, "head_a"),
        (Kind.QUOTA_COMPLIANCE, {"year": YEAR}, "snv"),
        (Kind.PROPOSALS_TO_PROVINCE, {"year": YEAR}, "snv"),
        (Kind.PROPOSALS_TO_HOME_AFFAIRS, {"unit": world.dept_a.code, "year": YEAR}, "head_a"),
        (Kind.DASHBOARD, {"year": YEAR}, "snv"),
        (Kind.CONSOLIDATED_REPORT, {"version": version.pk}, "snv"),
    ]


def test_every_kind_issues_as_pdf_and_docx_with_the_same_heading_title_rows_and_signer(
    world, signers, every_kind, django_capture_on_commit_callbacks
):
    for kind, params, signer in every_kind:
        with django_capture_on_commit_callbacks(execute=True):
            issued = issue(kind, params, signers[signer], world.user("home_affairs"))
        issued.refresh_from_db()
        assert issued.status == IssuedDocument.Status.READY, (kind, issued.error)
        document = issuing.build(kind, params, user=world.user("home_affairs"))
        pdf = " ".join(pdf_pages(issued.pdf.read()))
        words = docx_text(issued.docx.read())
        issuer = document.issuer.split("\n")[-1]
        first_row = next(
            (table.data_rows[0] for table in document.tables() if table.data_rows), None
        )
        for text, where in ((pdf, "pdf"), (" ".join(words.split()), "docx")):
            assert issuer in text, (kind, where)
            assert document.type_name in text, (kind, where)
            assert " ".join(document.subject.split()[:5]) in text, (kind, where)
            assert f"Số: {issued.number_text}" in text, (kind, where)
            assert signers[signer].full_name in text, (kind, where)
            if first_row is not None:
                assert str(first_row[1]) in text, (kind, where)
            if document.annexes:
                assert "Kèm theo" in text, (kind, where)
            for leak in ("{#", "{{", "{%", "DỰ THẢO"):
                assert leak not in text, (kind, where, leak)
        if kind == Kind.PROPOSALS_TO_PROVINCE:
            assert "Kế hoạch số 12/KH-UBND ngày 15/02/2023" in pdf


def test_a_reader_with_an_english_interface_gets_the_documents_in_vietnamese(
    world, signers, exemplars, client_for, settings
):
    from openpyxl import load_workbook

    client = client_for(world.user("head_a"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("reports:document_unit_exemplars", kwargs={"code": world.dept_a.code})
    workbook = load_workbook(io.BytesIO(client.get(url, {"year": YEAR, "format": "xlsx"}).content))
    labels = [row[0] for row in workbook.worksheets[0].iter_rows(max_row=4, values_only=True)]
    assert "Cơ quan ban hành" in labels and "Issued by" not in labels
    words = docx_text(client.get(url, {"year": YEAR, "format": "docx"}).content)
    assert "Kết quả phát hiện, xây dựng điển hình tiên tiến năm 2025" in words
    assert "Advanced exemplars found" not in words


def test_a_report_issued_with_personal_data_opens_only_for_those_who_may_see_it(
    world, signers, exemplars, client_for
):
    issued = issue(
        Kind.EXEMPLAR_PROFILE,
        {"exemplar": exemplars[0].code, "personal_data": True},
        signers["head_a"],
        world.user("head_a"),
    )
    pdf = reverse("reports:issued_file", kwargs={"pk": issued.pk, "fmt": "pdf"})
    assert client_for(world.user("head_a")).get(pdf).status_code == 200
    assert client_for(world.user("home_affairs")).get(pdf).status_code == 200
    leader = client_for(world.user("leader"))
    assert leader.get(pdf).status_code == 403
    page = leader.get(issued.get_absolute_url()).content.decode()
    assert pdf not in page
    without = issue(
        Kind.EXEMPLAR_PROFILE,
        {"exemplar": exemplars[0].code, "personal_data": False},
        signers["head_a"],
        world.user("editor_a"),
    )
    url = reverse("reports:issued_file", kwargs={"pk": without.pk, "fmt": "pdf"})
    assert leader.get(url).status_code == 200


def test_files_that_failed_are_prepared_again_with_the_same_number(
    world, signers, exemplars, client_for, monkeypatch
):
    real = issuing.files

    def broken(document):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr(issuing, "files", broken)
    issued = issue(
        Kind.UNIT_EXEMPLARS,
        {"unit": world.dept_a.code, "year": YEAR},
        signers["head_a"],
        world.user("head_a"),
    )
    assert issued.status == IssuedDocument.Status.FAILED and issued.number == 1
    assert "Pango is missing" in issued.error
    monkeypatch.setattr(issuing, "files", real)
    url = reverse("reports:issued_prepare", kwargs={"pk": issued.pk})
    assert client_for(world.user("leader")).post(url).status_code == 403
    client_for(world.user("head_a")).post(url)
    issued.refresh_from_db()
    assert issued.status == IssuedDocument.Status.READY and issued.number == 1
    assert "Số: 01/BC-SYT" in " ".join(pdf_pages(issued.pdf.read()))
