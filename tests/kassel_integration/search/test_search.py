"""The site search: seed facts in three languages, drafts, hostile queries, queries, indexes."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from concept.models import FieldOfAction, Goal
from events.models import Event
from kassel_integration.search import engine as site_search
from kassel_integration.search.analysis import query_terms, terms_of_word
from kassel_integration.search.backends import PostgreSQLBackend, SQLiteBackend
from kassel_integration.search.engine import highlight, snippet
from officers.models import Office, Term
from tests.events.factories import EventFactory
from tests.factories import FieldOfActionFactory, PersonFactory
from tests.officers.factories import OfficeFactory

ON_POSTGRESQL = connection.vendor == "postgresql"


def search_url(language):
    with override(language):
        return reverse("search")


def get(client, language, query, **params):
    return client.get(search_url(language), {"q": query, **params})


def hits(response):
    """(title, url) of every hit on the page, in order."""
    soup = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(), a["href"]) for a in soup.select(".search-hit-title a")]


def url_in(language, obj):
    with override(language):
        return obj.get_absolute_url()


def officers_url(language):
    with override(language):
        return reverse("officers:index")


# ---------------------------------------------------------------- the URL
@pytest.mark.parametrize(
    ("language", "path"), [("de", "/de/suche/"), ("en", "/en/search/"), ("sl", "/sl/iskanje/")]
)
def test_search_url_is_translated(language, path):
    assert search_url(language) == path


# ---------------------------------------------------------------- seed facts
@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("de", "Kasachstan"),
        ("en", "Kazakhstan"),
        ("sl", "Kazahstan"),
        ("de", "Schütz"),
        ("de", "Schuetz"),
        ("de", "schuetz alena"),
        ("en", "Schuetz"),
        ("sl", "Schütz"),
        ("sl", "Schuetz"),
    ],
)
def test_finds_the_integration_officer(client, content, language, query):
    response = get(client, language, query)
    assert response.status_code == 200
    assert ("Alena Schütz", officers_url(language)) in hits(response)


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("de", "Arbeitsmarkt", "4. Teilhabe am Arbeitsmarkt"),
        ("de", "Teilhabe am Arbeitsmarkt", "4. Teilhabe am Arbeitsmarkt"),
        ("en", "labour market", "4. Participation in the labour market"),
        ("sl", "trg dela", "4. Vključevanje na trg dela"),
        # Slovenian typed without its accents still finds the accented words.
        ("sl", "vkljucevanje", "4. Vključevanje na trg dela"),
        ("sl", "sport zdravje", "3. Šport in zdravje"),
        ("sl", "Šport", "3. Šport in zdravje"),
    ],
)
def test_finds_fields_of_action(client, content, language, query, title):
    response = get(client, language, query)
    field = (
        FieldOfAction.objects.get(title_de=title.split(". ", 1)[1]) if language == "de" else None
    )
    field = field or FieldOfAction.objects.get(number=int(title[0]))
    assert (title, url_in(language, field)) in hits(response)


@pytest.mark.parametrize("language", ["de", "en", "sl"])
def test_finds_the_keynote_speaker_at_the_2024_round_table(client, content, language):
    event = Event.objects.get(slug_de="runder-tisch-integration-2024")
    with override(language):
        title = event.title
    assert (title, url_in(language, event)) in hits(get(client, language, "Deery"))


@pytest.mark.parametrize(
    ("language", "query"),
    [("de", "Pooblaščenka"), ("sl", "pooblascenka"), ("sl", "POOBLAŠČENKA za integracijo")],
)
def test_slovenian_matches_with_and_without_accents(client, content, language, query):
    office = Office.objects.get(key="integrationsbeauftragte")
    found = hits(get(client, language, query))
    if language == "de":
        # German pages search German text only.
        assert (office.title_sl, officers_url(language)) not in found
    else:
        assert ("Pooblaščenka za integracijo mesta Kassel", officers_url("sl")) in found


def test_each_language_searches_its_own_text(client, content):
    assert hits(get(client, "en", "Kasachstan")) == []
    assert ("Alena Schütz", officers_url("en")) in hits(get(client, "en", "Kazakhstan"))


def test_legal_pages_are_found(client, content):
    found = hits(get(client, "de", "Impressum"))
    assert ("Impressum", reverse("imprint")) in [(t, u) for t, u in found]


def test_results_are_grouped_with_headings(client, content):
    soup = BeautifulSoup(get(client, "de", "Arbeitsmarkt").content, "html.parser")
    headings = [h.get_text() for h in soup.select(".search-group > h3")]
    assert sorted(headings) == sorted(set(headings))
    assert {"Integrationskonzept", "Veranstaltungen"} <= set(headings)
    for group in soup.select(".search-group"):
        assert group["aria-labelledby"] == group.h3["id"]


# ---------------------------------------------------------------- publication
def test_drafts_are_never_found(client, db):
    EventFactory(title_de="Zebrafisch-Abend", status=Event.Status.DRAFT)
    EventFactory(
        title_de="Zebrafisch-Morgen",
        publish_from=timezone.now() + datetime.timedelta(days=1),
    )
    EventFactory(
        title_de="Zebrafisch-Mittag",
        publish_until=timezone.now() - datetime.timedelta(days=1),
    )
    draft_field = FieldOfActionFactory(title_de="Entwurf", status=FieldOfAction.Status.DRAFT)
    Goal.objects.create(field=draft_field, title_de="Zebrafisch-Ziel")
    draft_office = Office.objects.create(key="entwurf", title_de="Entwurf", status="draft")
    person = PersonFactory(family_name="Zebrafisch")
    Term.objects.create(office=draft_office, person=person)
    response = get(client, "de", "Zebrafisch")
    assert response.status_code == 200
    assert hits(response) == []
    assert "Nichts gefunden für „Zebrafisch“" in response.content.decode()

    published = EventFactory(title_de="Zebrafisch-Nacht")
    assert hits(get(client, "de", "Zebrafisch")) == [("Zebrafisch-Nacht", url_in("de", published))]


# ---------------------------------------------------------------- typos
@pytest.mark.parametrize(
    ("language", "notice", "heading"),
    [
        (
            "de",
            "Nichts gefunden für „Integrationskonzpet“. Meinten Sie Integrationskonzept? "
            "Unten stehen die Treffer dafür.",
            "1 Treffer für „Integrationskonzept“",
        ),
        (
            "en",
            "Nothing found for “Integrationskonzpet”. Did you mean Integrationskonzept? "
            "These are its results.",
            "1 result for “Integrationskonzept”",
        ),
        (
            "sl",
            "Za »Integrationskonzpet« ni zadetkov. Ste mislili Integrationskonzept? "
            "Spodaj so zadetki za to iskanje.",
            "1 zadetek za »Integrationskonzept«",
        ),
    ],
)
def test_a_typo_shows_the_results_of_the_closest_word(client, db, language, notice, heading):
    event = EventFactory(title_de="Werkstatt zum Integrationskonzept")
    response = get(client, language, "Integrationskonzpet")
    soup = BeautifulSoup(response.content, "html.parser")
    assert " ".join(soup.select_one(".search-suggestion").get_text().split()) == notice
    assert soup.select_one(".search-suggestion a")["href"] == "?q=Integrationskonzept"
    assert soup.select_one("#results-title").get_text(" ", strip=True) == heading
    assert hits(response) == [("Werkstatt zum Integrationskonzept", url_in(language, event))]


def test_a_typo_query_stays_within_three_queries(client, db, django_assert_max_num_queries):
    EventFactory(title_de="Werkstatt zum Integrationskonzept")
    with django_assert_max_num_queries(3):
        response = get(client, "de", "Integrationskonzpet")
    assert len(hits(response)) == 1


# ---------------------------------------------------------------- hostile input
HOSTILE = [
    "' OR 1=1 --",
    "'); DROP TABLE events_event; --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "a & b | !c <-> d:* (e",
    "\\'\\\\%_",
    "%",
    "_",
    "Schütz' & 'x",
    "🙂 ␀ \u202e",
    "x" * 200,
    " ".join(["wort"] * 100)[:200],
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("language", ["de", "sl"])
def test_hostile_queries_are_answered(client, content, language, query):
    response = get(client, language, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html


@pytest.mark.parametrize("length", [201, 5000, 100_000])
def test_too_long_queries_get_a_clear_message(client, length, db):
    response = get(client, "en", "a" * length)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#search-q_error").get_text(strip=True) == (
        f"Please shorten your search to at most 200 characters (it has {length})."
    )
    assert soup.select_one(".error-summary a")["href"] == "#search-q"
    assert soup.title.get_text().startswith("Error: Site search")


def test_too_long_query_message_is_translated(client, db):
    response = get(client, "de", "a" * 201)
    assert response.status_code == 400
    assert (
        "Bitte kürzen Sie Ihre Suche auf höchstens 200 Zeichen (sie hat 201)."
        in response.content.decode()
    )


@pytest.mark.parametrize("raw", ["q=%00", "q=Sch%00tz", "q=%ff%fe", "q=a&page=%00"])
def test_nul_bytes_and_invalid_utf8_are_rejected(client, raw, db):
    response = client.get(f"{search_url('de')}?{raw}")
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "1e9", ""])
def test_odd_page_numbers(client, page, db):
    EventFactory(title_de="Seitenzahl")
    response = get(client, "de", "Seitenzahl", page=page)
    assert response.status_code == 200
    assert len(hits(response)) == 1


def test_post_and_other_methods_are_refused(client, db):
    assert client.post(search_url("de"), {"q": "x"}).status_code == 405
    assert client.put(search_url("de")).status_code == 405
    assert client.head(search_url("de") + "?q=x").status_code == 200


def test_search_sets_no_cookie_and_stays_out_of_the_shared_cache(client, db):
    EventFactory(title_de="Kekslos")
    response = get(client, "de", "Kekslos")
    assert response.cookies == {}
    assert "private" in response["Cache-Control"]
    assert client.get(search_url("de")).cookies == {}


def test_titles_and_passages_are_escaped_before_marking(client, db):
    event = EventFactory(
        title_de="<b>Zebra</b> & Co",
        summary_de="Vorher <script>alert(1)</script> Zebra-Treffen & mehr",
    )
    html = get(client, "de", "zebra").content.decode()
    assert (
        f'<a href="{url_in("de", event)}">&lt;b&gt;<mark>Zebra</mark>&lt;/b&gt; &amp; Co</a>'
        in html
    )
    assert "<mark>Zebra</mark>-Treffen &amp; mehr" in html
    assert "<script>alert(1)" not in html


def test_query_is_shown_escaped(client, db):
    html = get(client, "en", '<i>"x"</i>').content.decode()
    assert "<i>" not in html.split("<main", 1)[1]
    assert "Nothing found for “&lt;i&gt;&quot;x&quot;&lt;/i&gt;”" in html


# ---------------------------------------------------------------- queries, pagination
@pytest.mark.parametrize("language", ["de", "en", "sl"])
@pytest.mark.parametrize("count", [1, 10])
def test_constant_number_of_queries(client, django_assert_num_queries, count, language, db):
    field = FieldOfActionFactory(number=1, title_de="Gleichzahl", title_en="", title_sl="")
    for i in range(count):
        office = OfficeFactory(key=f"amt-{i}", title_de=f"Amt {i}", title_en="", title_sl="")
        EventFactory(title_de="Gleichzahl", summary_de="Gleichzahl im Text")
        Goal.objects.create(field=field, title_de=f"Gleichzahl-Ziel {i}")
        Term.objects.create(office=office, person=PersonFactory(family_name=f"Gleichzahl {i}"))
    # One query for every kind of content together, whatever the number of hits.
    with django_assert_num_queries(1):
        response = get(client, language, "Gleichzahl")
    found = hits(response)
    assert len(found) == min(1 + 3 * count, 20)
    if count == 1:
        # The foreign keys came with the rows: a goal links into its field's page.
        assert sorted(found) == sorted(
            [
                ("1. Gleichzahl", url_in(language, field)),
                ("Gleichzahl", url_in(language, Event.objects.get())),
                ("Gleichzahl-Ziel 0", url_in(language, Goal.objects.get())),
                ("Erika Gleichzahl 0", officers_url(language)),
            ]
        )


@pytest.mark.parametrize("count", [1, 10])
def test_constant_number_of_queries_for_the_empty_state(
    client, django_assert_num_queries, count, db
):
    for number in range(1, 7):
        FieldOfActionFactory(number=number)
    for _ in range(count):
        EventFactory()
    # The search itself, the fields of action, the upcoming events.
    with django_assert_num_queries(3):
        response = get(client, "de", "nichtsdergleichen")
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select(".search-empty ul:not(.search-tips) li")) == 6 + min(count, 3)


def test_pagination_is_accessible(client, db):
    for _ in range(25):
        EventFactory(title_de="Seitenweise")
    first = get(client, "de", "Seitenweise")
    assert len(hits(first)) == 20
    soup = BeautifulSoup(first.content, "html.parser")
    nav = soup.select_one("nav.pagination")
    assert nav["aria-label"] == "Seiten der Suchergebnisse"
    links = nav.select("a")
    assert [a.get_text(" ", strip=True) for a in links] == ["Seite 1", "Seite 2", "Nächste Seite"]
    assert links[0]["aria-current"] == "page"
    assert links[2]["href"] == "?q=Seitenweise&page=2"
    assert links[2]["rel"] == ["next"]
    second = get(client, "de", "Seitenweise", page="2")
    assert len(hits(second)) == 5
    assert not set(hits(first)) & set(hits(second))
    assert "Seite 2 von 2." in second.content.decode()


def test_results_are_capped_per_kind_with_a_note(client, db):
    for _ in range(site_search.MAX_HITS_PER_SOURCE + 1):
        EventFactory(title_de="Massenhaft")
    response = get(client, "en", "Massenhaft")
    assert f"{site_search.MAX_HITS_PER_SOURCE} results for" in response.content.decode()
    assert "Only the 50 best matches of each kind of content are shown." in (
        response.content.decode()
    )


# ---------------------------------------------------------------- empty state
@pytest.mark.parametrize("language", ["de", "en", "sl"])
def test_empty_state_suggests_fields_and_upcoming_events(client, content, language):
    upcoming = EventFactory(title_de="Demnächst", start=timezone.now() + datetime.timedelta(days=3))
    response = get(client, language, "qqqxxyz")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    empty = soup.select_one(".search-empty")
    fields = FieldOfAction.objects.published().order_by("number")
    with override(language):
        expected = [(str(f), f.get_absolute_url()) for f in fields]
    links = [(a.get_text(), a["href"]) for a in empty.select("ul:not(.search-tips) a")]
    assert links[:6] == expected
    assert ("Demnächst", url_in(language, upcoming)) in links
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_page_without_query_invites_a_search(client, db):
    response = client.get(search_url("en"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Site search"
    assert soup.select_one(".search-empty h2").get_text() == "Where to start"
    assert soup.find("meta", attrs={"name": "robots"}) is None
    # Only one search landmark: the page's own form replaces the one in the header.
    forms = soup.select('form[role="search"]')
    assert len(forms) == 1
    assert forms[0]["method"] == "get"
    assert soup.select_one('label[for="search-q"]').get_text(strip=True) == "Search term:"


# ---------------------------------------------------------------- the helpers
def terms(query, language="de"):
    return query_terms(query, language, site_search.MAX_TERMS)


def test_words_are_folded_to_one_term():
    assert terms_of_word("Schütz", "de") == terms_of_word("SCHUETZ", "de") == ("schutz",)
    assert terms_of_word("Straße", "de") == ("strass",)
    assert [terms_of_word(w, "sl") for w in ["Pooblaščenka", "Šport", "Občinska"]] == [
        ("pooblascenk",),
        ("sport",),
        ("obcinsk",),
    ]
    assert terms_of_word("", "de") == ()


def test_terms_drop_punctuation_and_duplicates():
    assert [t.word for t in terms("Schütz' OR 1=1; -- <b>Schütz</b>")] == ["Schütz", "OR", "1", "b"]
    assert terms("_%*:&|!()") == []
    assert len(terms(" ".join(f"w{i}" for i in range(50)))) == site_search.MAX_TERMS


def test_spellings_cover_umlauts_both_ways():
    # German stemming reads both spellings as one; elsewhere a word with umlauts has two terms.
    assert terms_of_word("schuetz", "de") == terms_of_word("schütz", "de") == ("schutz",)
    assert terms_of_word("schütz", "en") == ("schutz", "schuetz")
    assert terms_of_word("schuetz", "en") == ("schuetz",)
    assert terms_of_word("kassel", "en") == ("kassel",)


def test_tsquery_text_has_only_quoted_words():
    assert PostgreSQLBackend.tsquery(terms("schuetz am")) == "('schutz' | 'schutz':*) & ('am')"
    assert PostgreSQLBackend.tsquery(terms("šport", "sl")) == "('sport' | 'sport':*)"
    # Numbers are whole: 2024 does not find 20245.
    assert PostgreSQLBackend.tsquery(terms("100%")) == "('100')"
    assert SQLiteBackend.fts_query(terms("schuetz am")) == '("schutz" OR "schutz"*) AND ("am")'


def test_highlight_escapes_first():
    assert highlight("<b>Schütz</b> & Co", terms("schuetz"), "de") == (
        "&lt;b&gt;<mark>Schütz</mark>&lt;/b&gt; &amp; Co"
    )
    assert highlight("Labour markets", terms("market", "en"), "en") == "Labour <mark>markets</mark>"
    assert highlight("the market", terms("markets", "en"), "en") == "the <mark>market</mark>"


def test_snippet_cuts_around_the_first_match():
    text = "Anfang " + "füllwort " * 60 + "Kasachstan " + "nachwort " * 60
    result = snippet(text, terms("kasachstan"), "de")
    assert result.startswith("… ")
    assert result.endswith(" …")
    assert "<mark>Kasachstan</mark>" in result
    assert len(result) < 300


# ---------------------------------------------------------------- PostgreSQL indexes
@pytest.mark.skipif(not ON_POSTGRESQL, reason="GIN indexes exist on PostgreSQL only")
def test_the_index_has_its_gin_indexes_and_the_old_ones_are_gone(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE indexname LIKE 'kip_search_%%' OR indexname LIKE 'search%%'"
        )
        indexes = dict(cursor.fetchall())
    assert not [name for name in indexes if name.startswith("kip_search_")]
    assert " USING gin (language, search_vector)" in indexes["searchentry_vector_idx"]
    assert " USING gin (term gin_trgm_ops)" in indexes["searchword_trigram_idx"]


def test_plain_text_keeps_paragraphs_apart():
    assert site_search.plain_text("<p>Ende.</p><p>Anfang &amp; <em>mehr</em>!</p>") == (
        "Ende. Anfang & mehr!"
    )
    assert site_search.plain_text(None) == ""


@pytest.mark.parametrize("language", ["de", "en"])
def test_report_statements_are_titled_by_their_text(client, content, language):
    field = FieldOfAction.objects.get(number=4)
    query = {"de": "Zugang zum Arbeitsmarkt", "en": "Access to the labour market"}[language]
    soup = BeautifulSoup(get(client, language, query).content, "html.parser")
    hit = next(li for li in soup.select(".search-hit") if li.select_one("a").get_text() == query)
    assert hit.select_one("a")["href"] == url_in(language, field)
    with override(language):
        assert hit.select_one(".search-hit-kind").get_text().endswith(f" · {field}")
    assert hit.select_one(".search-hit-snippet") is None


@pytest.mark.parametrize("all_day", [False, True])
def test_event_hits_keep_their_date_through_the_json_rows(client, db, all_day):
    # Half past midnight in Berlin is still the 4th in UTC, as SQLite stores it: a row read
    # back in the wrong time zone would show the wrong day. The hit shows the day only, so
    # its datetime= is the local day too (one date style: content/dates.py, `day_element`).
    start = datetime.datetime(
        2030, 3, 5, 0, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
    )
    EventFactory(title_de="Zeitreise", start=start, end=None, all_day=all_day)
    soup = BeautifulSoup(get(client, "de", "Zeitreise").content, "html.parser")
    time = soup.select_one(".search-hit-kind time")
    assert time["datetime"] == "2030-03-05"
    assert time.get_text() == "5. März 2030"


@pytest.mark.parametrize(
    ("url", "switched"),
    [
        (
            "/de/suche/?q=Runder+Tisch",
            {"en": "/en/search/?q=Runder+Tisch", "sl": "/sl/iskanje/?q=Runder+Tisch"},
        ),
        (
            "/en/events/?year=2025",
            {"de": "/de/veranstaltungen/?year=2025", "sl": "/sl/dogodki/?year=2025"},
        ),
    ],
)
def test_language_switcher_keeps_the_visitors_query(client, content, url, switched):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url).content, "html.parser")
    links = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a")}
    for code, expected in switched.items():
        assert links[code] == expected
    # Search engines get the plain addresses.
    hreflang = [link["href"] for link in soup.find_all("link", rel="alternate", hreflang=True)]
    assert len(hreflang) == 4  # de, x-default, en, sl
    assert not any("?" in href for href in hreflang)


# ---------------------------------------------------------------- the moment and the words
def titles(results, kind="event"):
    return [hit.title for hit in results.hits if hit.source.kind == kind]


def test_numbers_and_symbols_in_a_term_match_only_themselves(db):
    EventFactory(title_de="Quote 100% erreicht")
    EventFactory(title_de="Quote 1000 erreicht")
    EventFactory(title_de="Zeile a_b")
    EventFactory(title_de="Zeile axb")
    assert titles(site_search.search("100%", "de")) == ["Quote 100% erreicht"]
    assert titles(site_search.search("a_b", "de")) == ["Zeile a_b"]


def test_each_search_uses_its_own_moment(db):
    """The publication window is compared with the time of each search."""
    now = timezone.now()
    EventFactory(title_de="Zebrafisch-Woche", publish_from=now + datetime.timedelta(hours=1))
    assert titles(site_search.search("zebrafisch", "de", at=now)) == []
    later = site_search.search("zebrafisch", "de", at=now + datetime.timedelta(hours=2))
    assert titles(later) == ["Zebrafisch-Woche"]
    assert titles(site_search.search("zebrafisch", "de", at=now)) == []


def test_each_search_uses_its_own_terms(db):
    EventFactory(title_de="Zebrafisch-Abend")
    EventFactory(title_de="Seepferdchen-Abend")
    for word, title in [("zebrafisch", "Zebrafisch-Abend"), ("seepferdchen", "Seepferdchen-Abend")]:
        assert titles(site_search.search(word, "de")) == [title]


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("GRÜSSE aus Kassel", "grüße", ["GRÜSSE"]),
        ("Straße ẞ", "strasse", ["Straße"]),
        ("čšž ČŠŽ", "csz", ["čšž", "ČŠŽ"]),
        ("ﬁnal ½", "final", ["ﬁnal"]),
        ("a\u0301b", "ab", ["a\u0301b"]),
    ],
)
def test_highlighting_marks_whole_words_whatever_their_spelling(text, query, marked):
    """The words are marked in the text as written, however they were folded to match."""
    html = str(highlight(text, terms(query, "sl"), "sl"))
    assert [part.split("</mark>")[0] for part in html.split("<mark>")[1:]] == marked
