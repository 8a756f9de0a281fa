"""A missing translation shows the German text, marked lang="de", with one notice per page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse
from django.utils.translation import override

from kassel_integration.content.fallback import render, shown
from kassel_integration.models import LegalPage
from tests.concept.factories import MeasureFactory
from tests.events.factories import (
    EventFactory,
    EventSeriesFactory,
    LanguageFactory,
    VenueFactory,
)
from tests.factories import FieldOfActionFactory
from tests.officers.factories import OfficeFactory, TaskFactory

pytestmark = pytest.mark.django_db

NOTICES = {
    "en": "This text is not yet available in English.",
    "sl": "To besedilo še ni na voljo v slovenščini.",
}
READER_LANGUAGES = sorted(NOTICES)


@pytest.fixture(autouse=True)
def german_while_creating():
    """Objects are created as German editors create them.

    A request in an earlier test can leave English active in this thread, and
    saving a rich text field with English active copies the German text into
    the empty English field (see test_saving_in_another_language_keeps_translation_empty).
    """
    with override("de"):
        yield


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def notices(soup):
    return [p.get_text() for p in soup.select("main .fallback-notice")]


def german_parts(soup):
    """Text of every element in <main> that the page marks as German."""
    return [element.get_text(" ", strip=True) for element in soup.select("main [lang=de]")]


def translated_event(**kwargs):
    """An event whose every displayed text exists in all three languages."""
    texts = {
        "title_de": "Runder Tisch",
        "title_en": "Round table",
        "title_sl": "Okrogla miza",
        "summary_de": "Kurz",
        "summary_en": "Short",
        "summary_sl": "Kratko",
    }
    return EventFactory(
        **{**texts, **kwargs},
        series=EventSeriesFactory(),
        venue=VenueFactory(name_de="Rathaus", name_en="City Hall", name_sl="Mestna hiša"),
        languages=[LanguageFactory()],
    )


def event_url(event, language):
    with override(language):
        return event.get_absolute_url()


# ------------------------------------------------------------ the helper itself


@pytest.mark.parametrize("language", READER_LANGUAGES)
def test_empty_translation_falls_back_to_german_and_says_so(language):
    event = translated_event()
    setattr(event, f"title_{language}", "")
    with override(language):
        value = shown(event, "title")
    assert (value.value, value.language, value.fell_back) == ("Runder Tisch", "de", True)
    assert str(value.lang_attribute) == ' lang="de"'


@pytest.mark.parametrize(("language", "title"), [("de", "Runder Tisch"), ("en", "Round table")])
def test_existing_translation_is_no_fallback(language, title):
    event = translated_event()
    with override(language):
        value = shown(event, "title")
    assert (value.value, value.language, value.fell_back) == (title, language, False)
    assert value.lang_attribute == ""


def test_untranslated_attribute_is_never_a_fallback():
    event = translated_event()
    with override("en"):
        value = shown(event, "participants")
    assert value.fell_back is False


def test_rich_text_without_words_counts_as_missing():
    event = translated_event(description_de="<p>Beschreibung</p>", description_en="<p><br></p>")
    with override("en"):
        value = shown(event, "description")
    assert (value.value, value.fell_back) == ("<p>Beschreibung</p>", True)


def test_render_wraps_only_fallbacks_and_escapes_plain_text():
    event = translated_event(title_de="A & <b>B</b>", title_en="")
    with override("en"):
        assert (
            render(shown(event, "title")) == '<span lang="de">A &amp; &lt;b&gt;B&lt;/b&gt;</span>'
        )
    with override("de"):
        assert render(shown(event, "title")) == "A &amp; &lt;b&gt;B&lt;/b&gt;"


def test_render_rich_sanitises_inside_a_div():
    event = translated_event()
    # Bypasses the save-time sanitising, as an old row or raw import could.
    event.description_de = '<p onclick="x()">Text</p><script>alert(1)</script>'
    with override("sl"):
        assert render(shown(event, "description"), "rich") == '<div lang="de"><p>Text</p></div>'


def test_render_line_breaks():
    event = translated_event(registration_de="Eins\nZwei", registration_en="")
    with override("en"):
        value = shown(event, "registration")
    assert render(value, "linebreaksbr") == '<span lang="de">Eins<br>Zwei</span>'
    assert render(value, "linebreaks") == '<div lang="de"><p>Eins<br>Zwei</p></div>'


def test_unknown_format_is_an_error():
    with pytest.raises(ValueError, match="Unknown format 'html'"):
        render(shown(None, "title"), "html")


# ------------------------------------------------------------ the template tags

SECTION = Template(
    "{% load translated %}{% fallback_section %}<h1>{% translated event 'title' %}</h1>"
    "{% fallback_notice %}<p>{% translated event 'summary' %}</p>{% endfallback_section %}"
)


def test_notice_goes_where_the_marker_is_once_for_all_fallbacks():
    event = translated_event(title_en="", summary_en="")
    with override("en"):
        html = SECTION.render(Context({"event": event}))
    assert html == (
        '<h1><span lang="de">Runder Tisch</span></h1>'
        '<p class="fallback-notice">This text is not yet available in English.</p>'
        '<p><span lang="de">Kurz</span></p>'
    )


def test_no_notice_and_no_marker_left_when_everything_is_translated():
    event = translated_event()
    with override("sl"):
        html = SECTION.render(Context({"event": event}))
    assert html == "<h1>Okrogla miza</h1><p>Kratko</p>"


def test_without_marker_the_notice_opens_the_section_and_includes_report_to_it():
    event = translated_event(summary_sl="")
    template = Template(
        "{% load translated %}<main>{% fallback_section %}"
        "{% for event in events %}{% include 'events/includes/event_card.html' %}{% endfor %}"
        "{% endfallback_section %}</main>"
    )
    with override("sl"):
        soup = BeautifulSoup(template.render(Context({"events": [event]})), "html.parser")
    assert str(soup.main.contents[0]) == (
        '<p class="fallback-notice">To besedilo še ni na voljo v slovenščini.</p>'
    )


def test_fallback_section_takes_no_arguments():
    with pytest.raises(TemplateSyntaxError, match="fallback_section takes no arguments"):
        Template("{% load translated %}{% fallback_section x %}{% endfallback_section %}")


# ------------------------------------------------------------ pages


@pytest.mark.parametrize("language", READER_LANGUAGES)
def test_event_page_marks_german_fallback_and_shows_one_notice(client, language):
    event = translated_event(
        description_de="<p>Ausführlich</p>", registration_de="Bitte anmelden", report_de=""
    )
    setattr(event, f"title_{language}", "")
    setattr(event, f"summary_{language}", "")
    event.save()
    soup = soup_of(client.get(event_url(event, language)))
    assert notices(soup) == [NOTICES[language]]
    h1 = soup.find("h1")
    assert h1.get_text(strip=True) == "Runder Tisch"
    assert h1.find("span")["lang"] == "de"
    assert german_parts(soup) == ["Runder Tisch", "Bitte anmelden", "Kurz", "Ausführlich"]
    assert soup.select_one("main .lead > span[lang=de]").get_text() == "Kurz"
    # The notice comes right after the heading, before the texts it is about.
    assert h1.find_next_sibling()["class"] == ["fallback-notice"]
    # <title> cannot carry lang: it just shows the German title.
    assert soup.title.get_text().startswith("Runder Tisch")


@pytest.mark.parametrize("language", READER_LANGUAGES)
def test_translated_event_page_has_no_notice_and_no_german(client, language):
    event = translated_event()
    soup = soup_of(client.get(event_url(event, language)))
    assert notices(soup) == []
    assert german_parts(soup) == []


def test_german_page_never_has_a_notice(client):
    event = translated_event(title_en="", title_sl="", summary_en="", summary_sl="")
    soup = soup_of(client.get(event_url(event, "de")))
    assert notices(soup) == []
    assert german_parts(soup) == []


def test_heading_is_never_empty(client):
    field = FieldOfActionFactory(
        number=1, title_de="Bildung und Sprache", title_en="", summary_de="Lernen"
    )
    with override("en"):
        path = field.get_absolute_url()
    soup = soup_of(client.get(path))
    h1 = soup.find("h1")
    assert h1.get_text(" ", strip=True) == "Field of action 1 Bildung und Sprache"
    assert h1.select_one("span[lang=de]").get_text() == "Bildung und Sprache"
    assert notices(soup) == [NOTICES["en"]]
    assert german_parts(soup) == ["Bildung und Sprache", "Lernen"]


def test_field_page_marks_fallback_in_its_lists(client):
    field = FieldOfActionFactory(number=4, title_de="Arbeit", title_sl="Delo", summary_sl="")
    MeasureFactory(field=field, title_de="Sprachkurs", title_sl="", status_source_sl="Poročilo")
    with override("sl"):
        path = field.get_absolute_url()
    soup = soup_of(client.get(path))
    assert notices(soup) == [NOTICES["sl"]]
    assert (
        soup.select_one(".progress-item h3").decode_contents()
        == '<span lang="de">Sprachkurs</span>'
    )
    assert german_parts(soup) == ["Sprachkurs"]


@pytest.mark.parametrize("language", READER_LANGUAGES)
def test_event_list_marks_each_fallback_and_shows_the_notice_once(client, language):
    translated_event()
    EventFactory(
        title_de="Interkulturelle Woche",
        **{f"title_{language}": ""},
        series=EventSeriesFactory(title_de="Woche", **{f"title_{language}": ""}),
        venue=VenueFactory(name_de="Rathaus", name_en="City Hall", name_sl="Mestna hiša"),
    )
    with override(language):
        path = reverse("events:index")
    soup = soup_of(client.get(path))
    assert notices(soup) == [NOTICES[language]]
    titles = [h3.decode_contents() for h3 in soup.select(".event-card h3 a")]
    assert sorted(titles) == sorted(
        [
            '<span lang="de">Interkulturelle Woche</span>',
            {"en": "Round table", "sl": "Okrogla miza"}[language],
        ]
    )
    assert "Woche" in german_parts(soup)


@pytest.mark.parametrize("language", READER_LANGUAGES)
def test_event_list_without_fallback_has_no_notice(client, language):
    translated_event()
    with override(language):
        path = reverse("events:index")
    soup = soup_of(client.get(path))
    assert notices(soup) == []
    assert german_parts(soup) == []


@pytest.mark.parametrize("count", [1, 10])
def test_fallbacks_cost_no_queries(client, django_assert_num_queries, count):
    series = EventSeriesFactory(title_en="")
    for i in range(count):
        EventFactory(
            title_en="",
            series=series,
            start=datetime.datetime(2020, 1, 1, 10, tzinfo=datetime.UTC)
            + datetime.timedelta(days=40 * i),
        )
    with override("en"):
        path = series.get_absolute_url()
    # the series, its events with their languages: as without fallbacks
    with django_assert_num_queries(2):
        soup = soup_of(client.get(path))
    assert notices(soup) == [NOTICES["en"]]
    assert len(soup.select(".event-card h3 a span[lang=de]")) == count


def test_office_page_marks_fallbacks(client):
    office = OfficeFactory(lead_de="Ansprechpartnerin", lead_en="")
    TaskFactory(office=office, title_de="Beraten", title_en="Advising", explanation_en="")
    with override("en"):
        path = reverse("officers:index")
    soup = soup_of(client.get(path))
    assert notices(soup) == [NOTICES["en"]]
    assert soup.find("h1").get_text() == "Integration Officer of the City of Kassel"
    assert german_parts(soup) == ["Ansprechpartnerin", "Erläuterung"]
    assert (
        soup.select_one(".office-tasks li > div[lang=de]").decode_contents() == "<p>Erläuterung</p>"
    )


@pytest.mark.parametrize("language", READER_LANGUAGES)
def test_legal_page_falls_back_with_notice(client, language):
    LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT, title_de="Impressum", body_de="<p>Stadt</p>"
    )
    with override(language):
        path = reverse("imprint")
    soup = soup_of(client.get(path))
    assert notices(soup) == [NOTICES[language]]
    assert soup.find("h1").decode_contents() == '<span lang="de">Impressum</span>'
    assert soup.select_one("article > div[lang=de]").decode_contents() == "<p>Stadt</p>"


def test_translated_legal_page_has_no_notice(client):
    LegalPage.objects.create(
        kind=LegalPage.Kind.IMPRINT,
        title_de="Impressum",
        title_en="Imprint",
        body_de="<p>Stadt</p>",
        body_en="<p>City</p>",
    )
    soup = soup_of(client.get("/en/imprint/"))
    assert notices(soup) == []
    assert soup.find("h1").decode_contents() == "Imprint"


@pytest.mark.django_db
def test_saving_in_another_language_keeps_translation_empty():
    with override("en"):
        page = LegalPage.objects.create(
            kind=LegalPage.Kind.IMPRINT, title_de="Impressum", body_de="<p>Stadt</p>"
        )
    page.refresh_from_db()
    assert page.body_en in ("", None)
