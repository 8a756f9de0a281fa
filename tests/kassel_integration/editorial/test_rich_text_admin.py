"""Rich text in the admin: the visual editor on every rich text field, the German
source rendered for translators with its changes marked, image thumbnails."""

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.test import RequestFactory

from kassel_integration.content.images import ProcessedImageField
from kassel_integration.content.richtext import RichTextField
from kassel_integration.editorial.source_text import rendered_diff
from kassel_integration.editorial.widgets import ImageThumbnailWidget, RichTextEditor
from kassel_integration.translations import state as ts
from tests.kassel_integration.admin_helpers import ADMIN, ENGLISH, form_data, member
from tests.officers.factories import OfficeFactory, TaskFactory


def test_changed_words_are_marked_inside_the_rendered_markup():
    then = "<p>In Kassel ist Migration gelebte Realität.</p><p>Offenheit ist wichtig.</p>"
    now = (
        "<p>In Kassel ist Migration gelebter Alltag.</p>"
        "<h2>Aufgaben</h2><ul><li>Beratung</li></ul><p>Wichtig.</p>"
    )
    assert rendered_diff(then, now) == (
        "<p>In Kassel ist Migration <del>gelebte</del><ins>gelebter</ins> "
        "<del>Realität</del><ins>Alltag</ins>.</p>"
        "<h2><del>Offenheit ist wichtig</del><ins>Aufgaben</ins></h2>"
        "<ul><li><ins>Beratung</ins></li></ul><p><ins>Wichtig</ins>.</p>"
    )


def test_unchanged_text_is_rendered_as_it_is_and_escaped():
    text = "<p>A &lt;b&gt; &amp; <strong>B</strong></p>"
    assert rendered_diff(text, text) == "<p>A &lt;b&gt; &amp; <strong>B</strong></p>"


def test_words_removed_at_the_end_and_plain_text():
    assert rendered_diff("<p>Eins zwei drei</p>", "<p>Eins</p>") == (
        "<p>Eins<del> zwei drei</del></p>"
    )
    assert rendered_diff("Impressum", "Impressum der Stadt") == "Impressum<ins> der Stadt</ins>"
    assert rendered_diff("Alt", "") == "<del>Alt</del>"


def test_a_script_in_either_version_never_reaches_the_page():
    diff = rendered_diff("<p>a</p><script>alert(1)</script>", '<p onclick="x()">b</p><img src=x>')
    assert diff == "<p><del>a</del><ins>b</ins></p>"


@pytest.mark.django_db
def test_every_rich_text_field_of_every_admin_form_gets_the_editor(admin_user):
    request = RequestFactory().get("/")
    request.user = admin_user
    seen = []
    for model_admin in admin.site._registry.values():
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            rich = [
                f.name
                for f in each.model._meta.fields
                if isinstance(f, RichTextField) and getattr(f, "translated_field", None)
            ]
            if not rich:
                continue
            form = each.get_form(request) if each is model_admin else each.get_formset(request).form
            for name in rich:
                widget = form.base_fields[name].widget
                widget = getattr(widget, "widget", widget)
                assert isinstance(widget, RichTextEditor), (each, name)
                assert widget.attrs["lang"] == name.rsplit("_", 1)[1]
                seen.append(f"{each.model._meta.label}.{name}")
    assert "officers.Task.explanation_de" in seen
    assert "kassel_integration.LegalPage.body_sl" in seen
    assert "events.Event.next_steps_en" in seen


def test_the_editor_widget_names_its_module_and_loads_it_as_a_module():
    html = RichTextEditor().render("body", "<p>x</p>", {"id": "id_body"})
    textarea = BeautifulSoup(html, "html.parser").textarea
    assert textarea["data-rich-text-editor"] == "/static/django_prose_editor/editor.js"
    assert textarea.get_text() == "\n<p>x</p>"
    media = str(RichTextEditor().media)
    assert '<script src="/static/admin_extra/rich_text_editor.js" type="module">' in media
    assert "importmap" not in media


@pytest.mark.django_db
def test_translator_sees_the_german_source_rendered_and_marked(client, django_user_model):
    office = OfficeFactory(
        description_de="<p>Die Stadt berät.</p>",
        description_en="<p>The city advises.</p>",
        description_sl="<p>Mesto svetuje.</p>",
    )
    TaskFactory(office=office, explanation_de="<p>Erste <strong>Aufgabe</strong></p>")
    editor = member(django_user_model, "Editors", "redakteurin")
    client.force_login(editor)
    change = f"{ADMIN}officers/office/{office.pk}/change/"
    data = form_data(client.get(change).content)
    ts.confirm_current(office)
    data["description_de"] = "<p>Die Stadt berät und begleitet.</p><ul><li>Neu</li></ul>"
    assert client.post(change, data).status_code == 302

    client.force_login(member(django_user_model, ENGLISH, "translator"))
    soup = BeautifulSoup(client.get(change).content, "html.parser")
    german = soup.select_one(".form-row.field-description_de .rendered-source")
    assert german["lang"] == "de"
    assert german.decode_contents() == (
        "<p>Die Stadt berät<ins> und begleitet</ins>.</p><ul><li><ins>Neu</ins></li></ul>"
    )
    legend = soup.select_one(".form-row.field-description_de .rendered-source-legend")
    assert legend.get_text().startswith("Seit der letzten Übersetzung")  # the admin in German
    # The other language is rendered too, without marks; nowhere raw tags as text.
    slovenian = soup.select_one(".form-row.field-description_sl .rendered-source")
    assert slovenian.decode_contents() == "<p>Mesto svetuje.</p>"
    readonly = soup.select("#office_form div.readonly")
    assert len(readonly) > 4
    assert [div for div in readonly if "<p>" in div.get_text()] == []
    # The inline's German rich text as well.
    task = soup.select_one(".field-explanation_de .rendered-source")
    assert task.decode_contents() == "<p>Erste <strong>Aufgabe</strong></p>"
    # The translator's own field is the editor, and nothing else changed hands.
    assert soup.select_one("textarea#id_description_en")["data-rich-text-editor"]
    assert soup.select_one("textarea#id_description_de") is None


@pytest.mark.django_db
def test_image_fields_show_a_thumbnail_of_the_smallest_copy(admin_user):
    from officers.admin import PersonAdmin
    from officers.models import Person
    from tests.factories import PersonFactory

    request = RequestFactory().get("/")
    request.user = admin_user
    form = PersonAdmin(Person, admin.site).get_form(request)
    assert isinstance(form.base_fields["portrait"].widget, ImageThumbnailWidget)
    person = PersonFactory(
        portrait="people/x.jpg",
        portrait_width=1200,
        portrait_height=1500,
        portrait_renditions=[
            {"name": "people/x-320w.jpg", "width": 320, "height": 400},
            {"name": "people/x-640w.jpg", "width": 640, "height": 800},
        ],
        portrait_alt_de="Bild",
    )
    assert isinstance(Person._meta.get_field("portrait"), ProcessedImageField)
    html = form.base_fields["portrait"].widget.render("portrait", person.portrait)
    img = BeautifulSoup(html, "html.parser").select_one("img.admin-thumbnail")
    assert (img["src"], img["width"], img["height"], img["alt"]) == (
        "/media/people/x-320w.jpg",
        "320",
        "400",
        "Bild",
    )
    person.portrait_decorative = True
    html = form.base_fields["portrait"].widget.render("portrait", person.portrait)
    assert BeautifulSoup(html, "html.parser").select_one("img.admin-thumbnail")["alt"] == ""


@pytest.mark.django_db
def test_rendered_german_stays_beside_the_translation_without_declared_fieldsets(
    client, django_user_model
):
    from kassel_integration.models import LegalPage

    page = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT,
        title_de="Impressum",
        title_en="Imprint",
        body_de="<p>Stadt <em>Kassel</em></p>",
        body_en="<p>City of Kassel</p>",
    )
    client.force_login(member(django_user_model, ENGLISH, "translator"))
    soup = BeautifulSoup(
        client.get(f"{ADMIN}kassel_integration/legalpage/{page.pk}/change/").content,
        "html.parser",
    )
    rows = [
        next(c for c in row["class"] if c.startswith("field-"))
        for row in soup.select("#legalpage_form .form-row")
    ]
    assert rows.index("field-body_de") + 1 == rows.index("field-body_en")
    assert rows.index("field-body_en") + 1 == rows.index("field-body_sl")
    german = soup.select_one(".field-body_de .rendered-source")
    assert german.decode_contents() == "<p>Stadt <em>Kassel</em></p>"
