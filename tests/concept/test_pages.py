"""The concept overview and the field pages, in German, English and Slovenian."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import override

from concept.models import (
    ConceptVersion,
    Document,
    FieldOfAction,
    IntegrationReport,
    Progress,
    ReportEntry,
)
from events.models import Event
from tests.concept.factories import (
    ConceptVersionFactory,
    GoalFactory,
    IntegrationReportFactory,
    MeasureFactory,
    ReportEntryFactory,
)
from tests.concept.test_documents import PDF
from tests.events.factories import EventFactory
from tests.factories import FieldOfActionFactory, OrganisationFactory
from tests.languages import LANGUAGES

FIELD_TITLES = {
    "de": [
        "Bildung und Sprachförderung",
        "Kultur/Interkultur und interreligiöser Dialog",
        "Sport und Gesundheit",
        "Teilhabe am Arbeitsmarkt",
        "Wohnen und Leben im Stadtteil",
        "Kommunale Verwaltung – Integration als Querschnittsaufgabe",
    ],
    "en": [
        "Education and language support",
        "Culture, intercultural exchange and interreligious dialogue",
        "Sport and health",
        "Participation in the labour market",
        "Housing and neighbourhood life",
        "Municipal administration – integration as a cross-cutting task",
    ],
    "sl": [
        "Izobraževanje in jezikovna podpora",
        "Kultura, medkulturnost in medverski dialog",
        "Šport in zdravje",
        "Vključevanje na trg dela",
        "Stanovanje in življenje v soseski",
        "Občinska uprava – integracija kot presečna naloga",
    ],
}
OVERVIEW_PATHS = {
    "de": "/de/integrationskonzept/",
    "en": "/en/integration-concept/",
    "sl": "/sl/koncept-integracije/",
}
KICKER = {"de": "Handlungsfeld", "en": "Field of action", "sl": "Področje delovanja"}


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(tag):
    return " ".join(tag.get_text(" ", strip=True).split())


def field_links(soup):
    return soup.select("ol.field-cards > li h3 a")


@pytest.mark.parametrize("language", LANGUAGES)
def test_overview_lists_six_fields_in_order_with_exact_names(client, content, language):
    response = client.get(OVERVIEW_PATHS[language])
    assert response.status_code == 200
    links = field_links(soup_of(response))
    assert [text_of(a) for a in links] == [
        f"{number}. {title}" for number, title in enumerate(FIELD_TITLES[language], start=1)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_field_page_is_reachable_from_the_overview(client, content, language):
    links = field_links(soup_of(client.get(OVERVIEW_PATHS[language])))
    assert len(links) == 6
    for number, link in enumerate(links, start=1):
        assert link["href"].startswith(OVERVIEW_PATHS[language])
        page = client.get(link["href"])
        assert page.status_code == 200, link["href"]
        soup = soup_of(page)
        assert soup.html["lang"] == language
        [h1] = soup.find_all("h1")
        title = FIELD_TITLES[language][number - 1]
        assert text_of(h1) == f"{KICKER[language]} {number} {title}"


@pytest.mark.parametrize(
    ("path", "target"),
    [
        # German slug under the English prefix, and the other way round.
        (
            "/en/integration-concept/teilhabe-am-arbeitsmarkt/",
            "/en/integration-concept/participation-in-the-labour-market/",
        ),
        (
            "/de/integrationskonzept/vkljucevanje-na-trg-dela/",
            "/de/integrationskonzept/teilhabe-am-arbeitsmarkt/",
        ),
        (
            "/sl/koncept-integracije/sport-and-health/?from=link",
            "/sl/koncept-integracije/sport-in-zdravje/?from=link",
        ),
    ],
)
def test_wrong_language_slug_redirects_permanently(client, content, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target


def test_unknown_and_unpublished_fields_are_not_found(client, content):
    assert client.get("/de/integrationskonzept/gibt-es-nicht/").status_code == 404
    FieldOfAction.objects.filter(number=2).update(status=FieldOfAction.Status.DRAFT)
    response = client.get("/de/integrationskonzept/kultur-interkultur-und-interreligioeser-dialog/")
    assert response.status_code == 404
    titles = [text_of(a) for a in field_links(soup_of(client.get(OVERVIEW_PATHS["de"])))]
    assert "2. Kultur/Interkultur und interreligiöser Dialog" not in titles
    assert len(titles) == 5


def test_field_page_language_switcher_uses_each_languages_slug(client, content):
    soup = soup_of(client.get("/de/integrationskonzept/sport-und-gesundheit/"))
    assert [a["href"] for a in soup.select("nav.language-switcher a")] == [
        "/de/integrationskonzept/sport-und-gesundheit/",
        "/en/integration-concept/sport-and-health/",
        "/sl/koncept-integracije/sport-in-zdravje/",
    ]


# ---------------------------------------------------------------- report entries
EXPECTED_REPORT = {
    # field number: (progress, open tasks) as shipped, German
    1: ([], ["Ausbau der Kinderbetreuung"]),
    2: ([], []),
    3: (["Gesundheitsversorgung"], []),
    4: (
        ["Zugang zum Arbeitsmarkt"],
        ["Bessere Verzahnung von Qualifikationsmaßnahmen für Zugewanderte"],
    ),
    5: (["Teilhabe von Migrantinnen und Migranten am gesellschaftlichen Leben"], []),
    6: ([], ["Weitere Maßnahmen zur interkulturellen Öffnung der Verwaltung"]),
}


def test_report_entries_are_attached_to_the_right_field(content):
    for number, (progress, open_tasks) in EXPECTED_REPORT.items():
        entries = ReportEntry.objects.filter(field__number=number)
        assert [e.text_de for e in entries if e.kind == ReportEntry.Kind.PROGRESS] == progress
        assert [e.text_de for e in entries if e.kind == ReportEntry.Kind.OPEN_TASK] == open_tasks
    assert ReportEntry.objects.filter(field__isnull=True).count() == 0


@pytest.mark.parametrize("number", sorted(EXPECTED_REPORT))
def test_field_page_shows_its_report_entries_and_no_others(client, content, number):
    field = FieldOfAction.objects.get(number=number)
    with override("de"):
        soup = soup_of(client.get(field.get_absolute_url()))
    progress, open_tasks = EXPECTED_REPORT[number]
    section = soup.find("section", attrs={"aria-labelledby": "report-title"})
    if not progress and not open_tasks:
        assert section is None
        return
    headings = [text_of(h) for h in section.find_all("h3")]
    items = [text_of(ul) for ul in section.find_all("ul")]
    expected_headings, expected_items = [], []
    for heading, entries in (("Gemeldete Fortschritte", progress), ("Offene Aufgaben", open_tasks)):
        if entries:
            expected_headings.append(heading)
            expected_items.append(
                " ".join(f"{entry} ( Integrationsbericht 2023/2024 )" for entry in entries)
            )
    assert headings == expected_headings
    assert items == expected_items


def test_overview_report_lists_entries_with_their_field(client, content):
    soup = soup_of(client.get(OVERVIEW_PATHS["en"]))
    report = soup.find("article", id="report-2023-2024")
    lists = report.select("ul.report-entries")
    assert [[text_of(li) for li in ul.find_all("li")] for ul in lists] == [
        [
            "Access to the labour market Field of action: 4. Participation in the labour market",
            "Participation of migrants in social life Field of action: 5. Housing and neighbourhood life",
            "Health care Field of action: 3. Sport and health",
        ],
        [
            "Expanding child care Field of action: 1. Education and language support",
            "Further measures for the intercultural opening of the administration "
            "Field of action: 6. Municipal administration – integration as a cross-cutting task",
            "Better coordination of qualification measures for immigrants "
            "Field of action: 4. Participation in the labour market",
        ],
    ]
    facts = {text_of(div.dt): text_of(div.dd) for div in report.select("dl.facts > div")}
    assert facts == {
        "Years covered": "2023 – 2024",
        "Written by": "The city's cross-departmental working group on integration "
        "(ämterübergreifende Arbeitsgruppe Integration)",
        "Reports on": "Integration concept 2019",
        "Discussed at": "Runder Tisch Integration (round table on integration)",
        "Discussed on": "3 July 2025",
    }


def test_unpublished_report_entries_stay_hidden(client, content):
    draft = IntegrationReportFactory(
        title_de="Entwurf", status=IntegrationReportFactory._meta.model.Status.DRAFT
    )
    ReportEntryFactory(report=draft, field=FieldOfAction.objects.get(number=2), text_de="Geheim")
    assert "Geheim" not in client.get(OVERVIEW_PATHS["de"]).content.decode()
    assert (
        "Geheim"
        not in client.get(
            "/de/integrationskonzept/kultur-interkultur-und-interreligioeser-dialog/"
        ).content.decode()
    )


# ---------------------------------------------------------------- versions
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            [
                ("Erstes Integrationskonzept (2012)", "Abgelöst",
                 {"Stand": "Juni 2012", "Beschluss der Stadtverordnetenversammlung": "Sommer 2012",
                  "Abstimmung": "einstimmig"}),
                ("Integrationskonzept 2019", "Gültig",
                 {"Beschluss der Stadtverordnetenversammlung": "Juni 2019"}),
                ("Fortschreibung des Integrationskonzepts", "In Vorbereitung",
                 {"Auftakt": "3. Juli 2025"}),
            ],
        ),
        (
            "en",
            [
                ("First integration concept (2012)", "Superseded",
                 {"Version dated": "June 2012", "Adopted by the Stadtverordnetenversammlung": "summer 2012",
                  "Vote": "unanimous"}),
                ("Integration concept 2019", "In force",
                 {"Adopted by the Stadtverordnetenversammlung": "June 2019"}),
                ("Revision of the integration concept", "In preparation",
                 {"Work started": "3 July 2025"}),
            ],
        ),
        (
            "sl",
            [
                ("Prvi koncept integracije (2012)", "Nadomeščeno",
                 {"Stanje": "junij 2012",
                  "Sprejela mestna skupščina (Stadtverordnetenversammlung)": "poletje 2012",
                  "Glasovanje": "soglasno"}),
                ("Koncept integracije 2019", "Velja",
                 {"Sprejela mestna skupščina (Stadtverordnetenversammlung)": "junij 2019"}),
                ("Prenova koncepta integracije", "V pripravi",
                 {"Začetek dela": "3. julija 2025"}),
            ],
        ),
    ],
)  # fmt: skip
def test_versions_show_stage_in_words_and_dates_as_precise_as_known(
    client, content, language, expected
):
    soup = soup_of(client.get(OVERVIEW_PATHS[language]))
    versions = soup.select("ol.versions > li")
    shown = []
    for version in versions:
        label = version.select_one(".stage-label")
        label.select_one(".visually-hidden").extract()
        facts = {text_of(div.dt): text_of(div.dd) for div in version.select("dl.facts > div")}
        shown.append((text_of(version.h3), text_of(label), facts))
    assert shown == expected
    times = [t["datetime"] for t in soup.select("ol.versions time")]
    assert times == ["2012-06", "2012", "2019-06", "2025-07-03"]


@pytest.mark.parametrize(
    ("language", "h1"),
    [
        ("de", "Das Integrationskonzept der Stadt Kassel Alle gehören dazu!"),
        ("en", "The integration concept of the City of Kassel Alle gehören dazu!"),
        ("sl", "Koncept integracije mesta Kassel Alle gehören dazu!"),
    ],
)
def test_overview_title_and_core_facts(client, content, language, h1):
    soup = soup_of(client.get(OVERVIEW_PATHS[language]))
    [heading] = soup.find_all("h1")
    assert text_of(heading) == h1
    assert heading.find("span", lang="de").get_text() == "Alle gehören dazu!"
    intro = text_of(soup.select_one("main > .prose"))
    facts = {
        "de": ["einstimmigen Beschluss der Stadtverordnetenversammlung",
               "Institutionen, Vereinen und Migrantenorganisationen",
               "Aufgabe der gesamten Gesellschaft", "Jedes Jahr bringt der Runde Tisch Integration"],
        "en": ["unanimous decision of the city council", "institutions, associations and migrant organisations",
               "a task for society as a whole", "Every year the Runder Tisch Integration"],
        "sl": ["soglasni odločitvi mestne skupščine", "institucij, društev in organizacij migrantov",
               "nalogo celotne družbe", "Vsako leto okrogla miza o integraciji"],
    }[language]  # fmt: skip
    for fact in facts:
        assert fact in intro


def test_only_one_version_can_be_in_force(content):
    extra = ConceptVersionFactory.build(code="neu", stage=ConceptVersion.Stage.IN_FORCE)
    with override("de"), pytest.raises(ValidationError) as error:
        extra.full_clean()
    assert error.value.messages == ["Es kann nur eine Fassung des Konzepts gültig sein."]


# ---------------------------------------------------------------- goals and measures
def test_field_page_shows_goals_and_measures_with_status_and_source(client, content):
    field = FieldOfAction.objects.get(number=1)
    GoalFactory(field=field, title_de="Mehr Sprachkurse", progress=Progress.PLANNED, order=2)
    GoalFactory(
        field=field,
        title_de="Kita-Plätze",
        progress=Progress.ACHIEVED,
        status_source_de="Integrationsbericht 2023/2024",
        status_source_url="https://example.org/bericht",
        order=1,
    )
    soup = soup_of(client.get("/de/integrationskonzept/bildung-und-sprachfoerderung/"))
    goals = soup.find("section", attrs={"aria-labelledby": "goals-title"}).select(
        "li.progress-item"
    )
    assert [text_of(li) for li in goals] == [
        "Kita-Plätze Stand: Erreicht Quelle des Stands: Integrationsbericht 2023/2024",
        "Mehr Sprachkurse Stand: Geplant Quelle des Stands: Integrationsbericht 2023/2024",
    ]
    assert goals[0].find("a")["href"] == "https://example.org/bericht"
    # Nothing unfinished on a public page: a section with nothing in it is left out.
    assert soup.find("section", attrs={"aria-labelledby": "measures-title"}) is None
    assert "noch keine" not in soup.main.get_text()
    summary = soup.find("section", attrs={"aria-labelledby": "progress-title"})
    assert [text_of(li) for li in summary.select("ul.status-counts li")] == [
        "Geplant: 1",
        "Erreicht: 1",
    ]


def test_shipped_measures_and_their_source(client, content):
    soup = soup_of(client.get("/en/integration-concept/participation-in-the-labour-market/"))
    measures = soup.find("section", attrs={"aria-labelledby": "measures-title"})
    assert [text_of(li) for li in measures.select("li.progress-item")] == [
        "City programmes on the labour market Status: Ongoing task "
        "Source of the status: Integration page of the City of Kassel (kassel.de)"
    ]


def test_partners_are_shown_only_where_named(client, content):
    url = "/de/integrationskonzept/teilhabe-am-arbeitsmarkt/"
    assert soup_of(client.get(url)).find(id="partners-title") is None
    field = FieldOfAction.objects.get(number=4)
    field.partners.add(OrganisationFactory(name_de="Beispielverein"))
    section = soup_of(client.get(url)).find("section", attrs={"aria-labelledby": "partners-title"})
    assert text_of(section) == "Partner in diesem Handlungsfeld Beispielverein"


def status_counts(card_or_section):
    return [text_of(li) for li in card_or_section.select("ul.status-counts li")]


def test_overview_counts_goals_and_measures_per_field_and_status(client, db):
    first, second, empty = (FieldOfActionFactory(number=number) for number in (1, 2, 3))
    # A goal and a measure with the same status in the same field: both count.
    GoalFactory(field=first, progress=Progress.PLANNED)
    MeasureFactory(field=first, progress=Progress.PLANNED)
    GoalFactory(field=first, progress=Progress.ACHIEVED)
    MeasureFactory.create_batch(3, field=second, progress=Progress.ONGOING)
    GoalFactory(field=second, progress=Progress.DISCONTINUED)
    hidden = FieldOfActionFactory(number=4, status=FieldOfAction.Status.DRAFT)
    GoalFactory(field=hidden, progress=Progress.PLANNED)
    soup = soup_of(client.get(OVERVIEW_PATHS["de"]))
    cards = soup.select("ol.field-cards > li")
    assert [status_counts(card) for card in cards] == [
        ["Geplant: 2", "Erreicht: 1"],
        ["Daueraufgabe: 3", "Eingestellt: 1"],
        [],
    ]
    # Nothing to count yet: the summary is left out rather than saying "none entered yet".
    assert cards[2].select_one("dl.progress-summary") is None
    # The field page counts the rows it lists; both pages must agree.
    for field, card in zip((first, second), cards, strict=False):
        with override("de"):
            page = soup_of(client.get(field.get_absolute_url()))
        summary = page.find("section", attrs={"aria-labelledby": "progress-title"})
        assert status_counts(summary) == status_counts(card)
    with override("de"):
        page = soup_of(client.get(empty.get_absolute_url()))
    for section in ("progress-title", "goals-title", "measures-title", "events-title"):
        assert page.find("section", attrs={"aria-labelledby": section}) is None


def test_overview_shows_only_published_report_entries_and_documents(
    client, content, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    version = ConceptVersion.objects.get(code="2019")
    draft_version = ConceptVersionFactory(code="entwurf", status=ConceptVersion.Status.DRAFT)
    report = IntegrationReportFactory(
        title_en="Earlier report", first_year=2019, last_year=2020, concept_version=version
    )
    draft_report = IntegrationReportFactory(status=IntegrationReport.Status.DRAFT)
    draft_field = FieldOfActionFactory(number=7, status=FieldOfAction.Status.DRAFT)
    ReportEntryFactory(report=report, field=None, text_en="Statement on no field", order=1)
    ReportEntryFactory(report=report, field=draft_field, text_en="Statement on a draft field")
    ReportEntryFactory(
        report=report,
        field=FieldOfAction.objects.get(number=1),
        kind=ReportEntry.Kind.OPEN_TASK,
        text_en="Earlier open task",
    )
    for title, owner in (
        ("Concept document", {"concept_version": version}),
        ("Report document", {"report": report}),
        ("Draft version document", {"concept_version": draft_version}),
        ("Draft report document", {"report": draft_report}),
        ("Unattached document", {}),
    ):
        document = Document(title_en=title, status=Document.Status.PUBLISHED, **owner)
        document.file = ContentFile(PDF, name="document.pdf")
        document.save()
    Document.objects.filter(title_en="Concept document").update(status=Document.Status.DRAFT)
    page = client.get(OVERVIEW_PATHS["en"]).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    article = soup.find("article", id="report-2019-2020")
    assert [
        [text_of(li) for li in ul.find_all("li")] for ul in article.select("ul.report-entries")
    ] == [
        ["Statement on no field"],
        ["Earlier open task Field of action: 1. Education and language support"],
    ]
    assert [text_of(a) for a in article.select("ul.documents a")] == ["Report document"]
    assert soup.select(f"#{version.anchor} ul.documents") == []
    first_card = soup.select("ol.field-cards > li")[0]
    assert "Earlier open task" in text_of(first_card)
    for hidden in ("draft field", "Draft version document", "Draft report document",
                   "Unattached document", "Concept document"):  # fmt: skip
        assert hidden not in page


# ---------------------------------------------------------------- query counts
def make_fields_with_items(per_field):
    report = IntegrationReportFactory()
    ConceptVersionFactory(stage=ConceptVersion.Stage.IN_FORCE)
    ConceptVersionFactory()
    fields = [FieldOfActionFactory(number=number) for number in range(1, 7)]
    for field in fields:
        GoalFactory.create_batch(per_field, field=field)
        MeasureFactory.create_batch(per_field, field=field)
        ReportEntryFactory.create_batch(per_field, field=field, report=report)
        field.partners.add(*OrganisationFactory.create_batch(per_field))
    return fields


@pytest.mark.parametrize("per_field", [1, 10])
def test_overview_query_count_is_constant(client, db, django_assert_num_queries, per_field):
    make_fields_with_items(per_field)
    # versions, fields, goal and measure counts per field and status (one UNION ALL),
    # reports with their concept version, report entries (shared by the field cards
    # and the reports), published documents (shared by versions and reports)
    with django_assert_num_queries(6):
        response = client.get(OVERVIEW_PATHS["de"])
    assert response.status_code == 200
    cards = soup_of(response).select("ol.field-cards > li")
    assert len(cards) == 6
    assert [text_of(li) for li in cards[0].select("ul.status-counts li")] == [
        f"In Umsetzung: {per_field}",
        f"Erreicht: {per_field}",
    ]


@pytest.mark.parametrize("per_field", [1, 10])
def test_field_page_query_count_is_constant(client, db, django_assert_num_queries, per_field):
    fields = make_fields_with_items(per_field)
    with override("de"):
        url = fields[2].get_absolute_url()
    for _ in range(per_field):
        EventFactory(status=Event.Status.PUBLISHED).fields_of_action.add(fields[2])
    # field, goals, measures, report entries (with report), partners, events
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert len(soup.select("ul.field-events li")) == per_field
    assert len(soup.select("section[aria-labelledby=goals-title] li.progress-item")) == per_field
    assert len(soup.select("section[aria-labelledby=measures-title] li.progress-item")) == per_field
    assert len(soup.select("section[aria-labelledby=partners-title] li")) == per_field


def test_overview_reverse_name_and_translated_prefix():
    for language, path in OVERVIEW_PATHS.items():
        with override(language):
            assert reverse("concept:index") == path


def test_field_page_breadcrumbs_and_summary_without_repeating_the_report(client, content):
    soup = soup_of(client.get("/de/integrationskonzept/teilhabe-am-arbeitsmarkt/"))
    crumbs = soup.select("nav.breadcrumbs li")
    assert [text_of(li) for li in crumbs] == [
        "Startseite",
        "Integrationskonzept",
        "4. Teilhabe am Arbeitsmarkt",
    ]
    assert crumbs[1].a["href"] == "/de/integrationskonzept/"
    assert crumbs[2].find("span")["aria-current"] == "page"
    summary = soup.find("section", attrs={"aria-labelledby": "progress-title"})
    assert [text_of(dt) for dt in summary.find_all("dt")] == ["Ziele und Maßnahmen"]


@pytest.mark.parametrize(
    ("language", "path", "title"),
    [
        ("de", "/de/integrationskonzept/sport-und-gesundheit/", "Runder Tisch Integration 2025"),
        ("en", "/en/integration-concept/sport-and-health/", None),
    ],
)
def test_field_page_lists_the_events_that_dealt_with_it_and_links_back(
    client, content, language, path, title
):
    soup = soup_of(client.get(path))
    links = soup.select("ul.field-events a")
    events = list(Event.objects.published().filter(fields_of_action__number=3))
    assert len(links) == len(events) >= 1
    with override(language):
        assert links[0]["href"] == events[0].get_absolute_url()
        event_page = soup_of(client.get(events[0].get_absolute_url()))
    assert path in [a["href"] for a in event_page.select("main a")]
    if title:
        assert links[0].get_text(strip=True) == title
