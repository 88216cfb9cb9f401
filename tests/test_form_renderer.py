"""The form renderer draws selects and inputs in Python exactly as Django's templates do."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from exemplar_portal.base.form_renderer import DRAWN, PortalFormRenderer

pytestmark = pytest.mark.unit


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"class": "form-control", "x": True}))
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0, "hidden": False}))
    email = forms.EmailField()
    url = forms.URLField(assume_scheme="https")
    hidden = forms.CharField(widget=forms.HiddenInput)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    day = forms.DateField(widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "d"}))
    search = forms.CharField(widget=forms.SearchInput)
    choice = forms.ChoiceField(
        choices=[("", "— Tất cả —"), ("a&b", 'Trả lại "để" bổ sung <b>'), (2026, 2026)]
    )
    grouped = forms.ChoiceField(
        choices=[
            ("Khối tỉnh", [("sv", "Sở Y tế"), ("gd", mark_safe("Sở <i>GD</i>"))]),
            ("Khối xã", [("gv", "Xã Gia Vân"), ("gt", "Xã Gia Tường")]),
            ("", "Không thuộc khối"),
        ]
    )
    several = forms.MultipleChoiceField(choices=[(1, "Một"), (2, "Hai"), (3, "Ba")])
    year = forms.TypedChoiceField(coerce=int, choices=[(y, y) for y in range(2020, 2027)])
    text_area = forms.CharField(widget=forms.Textarea)
    radio = forms.ChoiceField(widget=forms.RadioSelect, choices=[("x", "X"), ("y", "Y")])
    flag = forms.BooleanField(required=False)


VALUES = [
    {},
    {
        "text": 'Nguyễn Văn A "<script>"',
        "number": "12",
        "email": "a@b.vn",
        "url": "https://ninhbinh.gov.vn/?a=1&b=2",
        "hidden": "7",
        "password": "bí mật",
        "day": "31/12/2025",
        "search": "Gia Vân",
        "choice": "a&b",
        "grouped": "gd",
        "several": ["1", "3"],
        "year": "2025",
        "text_area": "dòng 1\ndòng 2",
        "radio": "y",
        "flag": "on",
    },
]


@pytest.mark.parametrize("data", VALUES)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_widget_is_drawn_as_djangos_templates_draw_it(data, language):
    from django.utils import translation

    def forms_drawn_by(renderer):
        return [
            Everything(data or None, renderer=renderer),
            Everything(initial={"day": datetime.date(2026, 1, 2)}, renderer=renderer),
        ]

    with translation.override(language):
        ours_and_djangos = forms_drawn_by(PortalFormRenderer()), forms_drawn_by(DjangoTemplates())
        pairs = zip(*ours_and_djangos, strict=True)
        for ours, django in pairs:
            for name in Everything.base_fields:
                assert str(ours[name]) == str(django[name]), name


def test_the_common_widgets_do_not_go_through_templates(monkeypatch):
    """The speed comes from not rendering templates: a select and an input draw none."""
    calls = []
    monkeypatch.setattr(DjangoTemplates, "render", lambda *a, **k: calls.append(a[1]) or "")
    form = Everything(renderer=PortalFormRenderer())
    for name in ("text", "number", "choice", "grouped", "several", "year", "day"):
        str(form[name])
    assert calls == []
    str(form["text_area"])
    assert calls == ["django/forms/widgets/textarea.html"]


def test_an_overridden_widget_template_is_used(tmp_path, settings):
    """A project that replaces select.html gets its own template, not the Python drawing."""
    widgets = tmp_path / "django" / "forms" / "widgets"
    widgets.mkdir(parents=True)
    (widgets / "select.html").write_text("<custom-select/>", encoding="utf-8")

    class Renderer(PortalFormRenderer):
        @property
        def engine(self):
            return self.backend(
                {"APP_DIRS": True, "DIRS": [tmp_path], "NAME": "djangoforms", "OPTIONS": {}}
            )

    assert "django/forms/widgets/select.html" in DRAWN
    html = str(Everything(renderer=Renderer())["choice"])
    assert html == "<custom-select/>"


def test_the_portal_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "exemplar_portal.base.form_renderer.PortalFormRenderer"
    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), PortalFormRenderer)
