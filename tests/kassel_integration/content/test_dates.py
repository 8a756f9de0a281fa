"""Dates in one style per language, everywhere (issue 19).

Before, search results and field pages printed Django's formats ("July 3,
2025", "03. julij 2025"), the officer page "14. 1. 2025" in Slovenian and the
event pages "1. marec" (nominative). Now every page takes the day from
`kassel_integration/content/dates.py`.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils.translation import override

from kassel_integration.content import dates
from kassel_integration.models import LegalPage
from tests.languages import LANGUAGES

BERLIN = ZoneInfo("Europe/Berlin")

DAY = {"de": "3. Juli 2025", "en": "3 July 2025", "sl": "3. julija 2025"}
WEEKDAY = {
    "de": "Donnerstag, 3. Juli 2025",
    "en": "Thursday 3 July 2025",
    "sl": "četrtek, 3. julija 2025",
}
# The 2024 Round Table, as every page shows its day.
RT_2024 = {"de": "11. Juli 2024", "en": "11 July 2024", "sl": "11. julija 2024"}
RT_2024_WEEKDAY = {
    "de": "Donnerstag, 11. Juli 2024",
    "en": "Thursday 11 July 2024",
    "sl": "četrtek, 11. julija 2024",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_style_per_language(language):
    with override(language):
        assert dates.format_day(datetime.date(2025, 7, 3)) == DAY[language]
        assert dates.format_weekday(datetime.date(2025, 7, 3)) == WEEKDAY[language]
        assert str(dates.day_element(datetime.date(2025, 7, 3))) == (
            f'<time datetime="2025-07-03">{DAY[language]}</time>'
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_moment_is_the_day_in_kassel(language):
    # 23:30 UTC on 2 July is 01:30 on 3 July in Kassel.
    moment = datetime.datetime(2025, 7, 2, 23, 30, 15, 123456, tzinfo=datetime.UTC)
    with override(language):
        assert dates.format_day(moment) == DAY[language]
        # A valid date string: no time, no microseconds (Nu Html Checker).
        assert str(dates.day_element(moment)) == (
            f'<time datetime="2025-07-03">{DAY[language]}</time>'
        )


def test_every_month_in_slovenian_running_text():
    with override("sl"):
        months = [dates.format_day(datetime.date(2025, m, 1)).split()[1] for m in range(1, 13)]
    assert months == [
        "januarja",
        "februarja",
        "marca",
        "aprila",
        "maja",
        "junija",
        "julija",
        "avgusta",
        "septembra",
        "oktobra",
        "novembra",
        "decembra",
    ]


def test_the_template_filters():
    template = Template(
        "{% load dates %}{{ value|day }} / {{ value|day_element }} / {{ none|day }}."
    )
    with override("en"):
        assert template.render(Context({"value": datetime.date(2025, 7, 3), "none": None})) == (
            '3 July 2025 / <time datetime="2025-07-03">3 July 2025</time> / .'
        )


def time_texts(response):
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.find("main")
    return [(t["datetime"], t.get_text(strip=True)) for t in main.find_all("time")]


# Every page that shows a day, in every language.
PAGES = {
    "field": {
        "de": "/de/integrationskonzept/teilhabe-am-arbeitsmarkt/",
        "en": "/en/integration-concept/participation-in-the-labour-market/",
        "sl": "/sl/koncept-integracije/vkljucevanje-na-trg-dela/",
    },
    "search": {
        "de": "/de/suche/?q=Runder+Tisch+Integration+2024",
        "en": "/en/search/?q=Runder+Tisch+Integration+2024",
        "sl": "/sl/iskanje/?q=Runder+Tisch+Integration+2024",
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_field_page_and_search_results_write_the_day_as_everywhere(client, content, language):
    field = time_texts(client.get(PAGES["field"][language]))
    assert ("2024-07-11", RT_2024[language]) in field
    search = time_texts(client.get(PAGES["search"][language]))
    assert ("2024-07-11", RT_2024[language]) in search
    event = client.get(
        {
            "de": "/de/veranstaltungen/runder-tisch-integration-2024/",
            "en": "/en/events/round-table-on-integration-2024/",
            "sl": "/sl/dogodki/okrogla-miza-o-integraciji-2024/",
        }[language]
    )
    assert ("2024-07-11", RT_2024_WEEKDAY[language]) in time_texts(event)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_legal_pages_write_their_last_update_as_a_day(client, content, language):
    with time_machine.travel(datetime.datetime(2025, 7, 3, 9, 15, 42, 654321, tzinfo=BERLIN)):
        for page in LegalPage.objects.all():
            page.save()
    paths = {"de": "/de/impressum/", "en": "/en/imprint/", "sl": "/sl/impresum/"}
    html = client.get(paths[language]).content.decode()
    assert time_texts(client.get(paths[language])) == [("2025-07-03", DAY[language])]
    # No datetime with microseconds (the Nu Html Checker's error on these pages).
    assert re.search(r'datetime="[^"]*\.\d', html) is None


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_officer_page_writes_the_term_as_everywhere(client, content, language):
    paths = {
        "de": "/de/integrationsbeauftragte/",
        "en": "/en/integration-officer/",
        "sl": "/sl/pooblascenka-za-integracijo/",
    }
    days = {"de": "14. Januar 2025", "en": "14 January 2025", "sl": "14. januarja 2025"}
    assert ("2025-01-14", days[language]) in time_texts(client.get(paths[language]))
