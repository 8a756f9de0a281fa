"""The reusable quote include: figure, blockquote or reported speech, lang and source."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.utils.translation import override

from officers.models import Quote
from tests.factories import PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def render(quote, language):
    with override(language):
        html = render_to_string("officers/includes/quote.html", {"quote": quote})
    return BeautifulSoup(html, "html.parser").figure


@pytest.fixture
def quote():
    speaker = PersonFactory(
        given_name="Nicole",
        family_name="Maisch",
        role_de="Bürgermeisterin",
        role_en="Mayor (Bürgermeisterin)",
    )
    return QuoteFactory(
        speaker=speaker,
        text_de="Integration ist ein gesamtgesellschaftlicher Prozess.",
        text_en="Integration is a process for the whole of society.",
        source_de="Bericht",
        source_en="Report",
        source_url="https://example.org/bericht",
        said_on=datetime.date(2025, 7, 3),
    )


def test_german_original(quote):
    figure = render(quote, "de")
    assert figure.blockquote["lang"] == "de"
    assert figure.blockquote["cite"] == "https://example.org/bericht"
    assert figure.blockquote.get_text(strip=True) == quote.text_de
    assert figure.figcaption.cite.a["href"] == "https://example.org/bericht"
    assert figure.figcaption.get_text(" ", strip=True) == (
        "Nicole Maisch , Bürgermeisterin, Bericht , 3. Juli 2025"
    )
    assert figure.figcaption.time["datetime"] == "2025-07-03"
    assert figure.select(".quote-note") == []


def test_english_translation_is_marked(quote):
    figure = render(quote, "en")
    assert figure.blockquote["lang"] == "en"
    assert figure.blockquote.get_text(strip=True) == quote.text_en
    assert [n.get_text(strip=True) for n in figure.select(".quote-note")] == [
        "Translated from German."
    ]
    assert figure.figcaption.cite.get_text(strip=True) == "Report"


def test_untranslated_quote_keeps_the_german_lang(quote):
    figure = render(quote, "sl")
    assert figure.blockquote["lang"] == "de"
    assert figure.blockquote.get_text(strip=True) == quote.text_de
    assert figure.select(".quote-note") == []


def test_reported_speech_is_not_a_blockquote(quote):
    quote.kind = Quote.Kind.REPORTED
    quote.save()
    figure = render(quote, "de")
    assert figure.find("blockquote") is None
    assert figure.select_one("p.quote-text")["lang"] == "de"
    assert [n.get_text(strip=True) for n in figure.select(".quote-note")] == [
        "Indirekte Rede: Die Quelle gibt das Gesagte mit eigenen Worten wieder; kein wörtliches "
        "Zitat."
    ]


def test_speaker_role_at_the_time_wins_over_current_role(quote):
    quote.speaker_role_de = "damals Stadträtin"
    quote.said_on = None
    quote.source_url = ""
    quote.save()
    figure = render(quote, "de")
    assert (
        figure.figcaption.get_text(" ", strip=True) == "Nicole Maisch , damals Stadträtin, Bericht"
    )
    assert figure.find("time") is None
    assert figure.figcaption.cite.find("a") is None
