"""Text is stored with LF line breaks, however it arrives (CRLF from browsers, CR)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from kassel_integration.models import LegalPage
from kassel_integration.translations import state as ts
from tests.kassel_integration.admin_helpers import (
    ADMIN,
    ENGLISH,
    SLOVENIAN,
    errors_of,
    form_data,
    member,
    publish_pending,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["eins\r\nzwei", "eins\rzwei", "eins\nzwei"])
def test_a_model_save_stores_lf(text):
    page = LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title_de="T", body_de=text)
    page.body_en = text
    page.save()
    page.refresh_from_db()
    assert (page.body_de, page.body_en) == ("eins\nzwei", "eins\nzwei")


def test_fingerprints_ignore_the_kind_of_line_break():
    assert ts.fingerprint("a\r\nb") == ts.fingerprint("a\nb") == ts.fingerprint("a\rb")


def test_a_form_with_crlf_stores_lf_and_an_untouched_translation_stays_outdated(
    client, django_user_model
):
    page = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT,
        title_de="Impressum",
        body_de="<p>Stadt\nKassel</p>",
        body_en="<p>City\nof Kassel</p>",
        body_sl="<p>Mesto\nKassel</p>",
    )
    content_type = ContentType.objects.get_for_model(LegalPage)
    for language in ("en", "sl"):
        ts.TranslationState.objects.create(
            content_type=content_type,
            object_id=page.pk,
            field="body",
            language=language,
            source_hash=ts.fingerprint("<p>alt</p>"),
            source_text_then="<p>alt</p>",
        )
    client.force_login(member(django_user_model, SLOVENIAN))
    url = f"{ADMIN}kassel_integration/legalpage/{page.pk}/change/"
    data = form_data(client.get(url).content.decode())
    assert data["body_sl"] == "<p>Mesto\r\nKassel</p>"  # as a browser sends it
    data["title_sl"] = "Impresum"
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    assert publish_pending(page)  # legal pages are reviewed before they change
    page.refresh_from_db()
    assert (page.body_sl, page.title_sl) == ("<p>Mesto\nKassel</p>", "Impresum")
    # The untouched Slovenian and the English body are still outdated.
    assert [(c.field, c.languages) for c in ts.outdated_fields(page)] == [("body", ["en", "sl"])]


def test_a_slovenian_translator_cannot_write_english_and_their_tick_is_slovenian_only(
    client, django_user_model
):
    page = LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT,
        title_de="Impressum neu",
        title_en="Imprint",
        title_sl="Impresum",
    )
    content_type = ContentType.objects.get_for_model(LegalPage)
    for language in ("en", "sl"):
        ts.TranslationState.objects.create(
            content_type=content_type,
            object_id=page.pk,
            field="title",
            language=language,
            source_hash=ts.fingerprint("Impressum"),
            source_text_then="Impressum",
        )
    client.force_login(member(django_user_model, SLOVENIAN))
    url = f"{ADMIN}kassel_integration/legalpage/{page.pk}/change/"
    html = client.get(url).content.decode()
    assert 'name="title_sl"' in html
    assert 'name="title_en"' not in html  # read-only for them
    data = form_data(html)
    data.update(title_en="Hacked", translations_checked="on")
    response = client.post(url, data)
    assert response.status_code == 302, errors_of(response)
    assert publish_pending(page)  # legal pages are reviewed before they change
    page.refresh_from_db()
    assert page.title_en == "Imprint"
    assert [(c.field, c.languages) for c in ts.outdated_fields(page)] == [("title", ["en"])]


def test_the_dashboard_shows_a_slovenian_translator_slovenian(client, django_user_model):
    LegalPage.objects.create(kind=LegalPage.Kind.IMPRINT, title_de="Impressum")
    client.force_login(member(django_user_model, SLOVENIAN))
    response = client.get(f"{ADMIN}kassel_integration/translationstate/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [name for _code, name in response.context["languages"]] == ["Slovenian"]
    client.force_login(member(django_user_model, ENGLISH, "english"))
    response = client.get(f"{ADMIN}kassel_integration/translationstate/", HTTP_ACCEPT_LANGUAGE="en")
    assert [name for _code, name in response.context["languages"]] == ["English"]
