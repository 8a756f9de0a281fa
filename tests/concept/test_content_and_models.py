"""Shipped concept content, partial dates, and model rules staff meet in the admin."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

from concept.dates import PartialDate, Season
from concept.models import (
    ConceptVersion,
    FieldOfAction,
    Goal,
    IntegrationReport,
    Measure,
    Progress,
    ReportEntry,
)
from tests.concept.factories import ConceptVersionFactory, GoalFactory
from tests.factories import FieldOfActionFactory
from tests.languages import LANGUAGES


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (ConceptVersion, FieldOfAction, Goal, Measure, IntegrationReport, ReportEntry)
    }


def test_loading_twice_changes_nothing(content):
    before = snapshot()
    call_command("load_kassel_content", overwrite=True, verbosity=0)
    assert snapshot() == before
    assert {name: len(pks) for name, pks in before.items()} == {
        "ConceptVersion": 3,
        "FieldOfAction": 6,
        "Goal": 0,
        "Measure": 2,
        "IntegrationReport": 1,
        "ReportEntry": 6,
    }


def test_shipped_versions_keep_the_precision_of_the_sources(content):
    first, current, revision = ConceptVersion.objects.all()
    assert (first.code, first.stage) == ("2012", ConceptVersion.Stage.SUPERSEDED)
    assert first.as_of == PartialDate(2012, 6)
    assert first.adopted == PartialDate(2012, None, None, Season.SUMMER)
    assert first.adopted_unanimously is True
    assert first.official_title == (
        "Alle gehören dazu! Kassel ist bunt und lebt Vielfalt in allen Generationen"
    )
    assert (current.code, current.stage) == ("2019", ConceptVersion.Stage.IN_FORCE)
    assert current.adopted == PartialDate(2019, 6)
    # No source says whether the 2019 vote was unanimous.
    assert current.adopted_unanimously is None
    assert (revision.stage, revision.adopted) == (ConceptVersion.Stage.IN_PREPARATION, None)
    assert revision.work_started_on == datetime.date(2025, 7, 3)
    assert "Ulm" in revision.description_de
    assert "Vielfalts- und Chancengleichheitskonzept" in revision.description_de


def test_shipped_report_facts(content):
    report = IntegrationReport.objects.get()
    assert (report.first_year, report.last_year) == (2023, 2024)
    assert report.author_de == "Ämterübergreifende Arbeitsgruppe Integration der Stadt Kassel"
    assert report.discussed_on == datetime.date(2025, 7, 3)
    assert report.concept_version.code == "2019"
    assert report.status == IntegrationReport.Status.PUBLISHED


def test_no_partner_is_invented_for_any_field(content):
    assert [list(f.partners.all()) for f in FieldOfAction.objects.all()] == [[]] * 6


@pytest.mark.parametrize(
    ("value", "iso", "labels"),
    [
        (PartialDate(2012), "2012", ("2012", "2012", "2012")),
        (PartialDate(2012, season=Season.SUMMER), "2012", ("Sommer 2012", "summer 2012", "poletje 2012")),
        (PartialDate(2019, 6), "2019-06", ("Juni 2019", "June 2019", "junij 2019")),
        (PartialDate(2025, 7, 3), "2025-07-03", ("3. Juli 2025", "3 July 2025", "3. julija 2025")),
    ],
)  # fmt: skip
def test_partial_dates_render_only_what_is_known(value, iso, labels):
    assert value.iso == iso
    for language, label in zip(LANGUAGES, labels, strict=True):
        with override(language):
            assert value.label == label


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"adopted_year": 2012, "adopted_day": 3}, {"adopted_day": ["A day needs its month."]}),
        (
            {"adopted_year": 2012, "adopted_month": 6, "adopted_season": Season.SUMMER},
            {"adopted_season": ["Give either a month or a season, not both."]},
        ),
        ({"adopted_month": 6}, {"adopted_year": ["A month or season needs its year."]}),
        ({"as_of_month": 6}, {"as_of_year": ["A month needs its year."]}),
        (
            {"adopted_year": 2019, "adopted_month": 2, "adopted_day": 30},
            {"adopted_day": ["This day does not exist in that month."]},
        ),
        (
            {"stage": ConceptVersion.Stage.IN_PREPARATION, "adopted_year": 2019},
            {"stage": ["A version that has been adopted is no longer in preparation."]},
        ),
        ({"adopted_month": 13, "adopted_year": 2019}, None),
    ],
)
def test_version_dates_are_validated(db, fields, errors):
    version = ConceptVersionFactory.build(**fields)
    with override("en"):
        with pytest.raises(ValidationError) as error:
            version.full_clean()
        if errors is not None:
            assert error.value.message_dict == errors
        else:
            assert list(error.value.message_dict) == ["adopted_month"]


def test_goal_with_a_status_needs_a_source(db):
    goal = GoalFactory.build(
        field=FieldOfActionFactory(), progress=Progress.ACHIEVED, status_source_de=""
    )
    with override("en"):
        with pytest.raises(ValidationError) as error:
            goal.full_clean()
        assert error.value.message_dict == {
            "status_source_de": ["Say where this status comes from."]
        }


def test_field_slug_must_be_unique_across_languages(content):
    field = FieldOfActionFactory.build(
        number=7, title_de="Neu", slug_de="neu", slug_en="sport-und-gesundheit"
    )
    with override("en"):
        with pytest.raises(ValidationError) as error:
            field.full_clean()
        assert error.value.message_dict == {
            "slug_en": ["This address is already used by “3. Sport and health”."]
        }


def test_version_link_points_to_its_anchor_on_the_overview(content):
    version = ConceptVersion.objects.get(code="2019")
    with override("en"):
        assert version.get_absolute_url() == reverse("concept:index") + "#concept-2019"


def test_sitemap_lists_overview_and_published_fields_with_each_languages_slug(client, content):
    FieldOfAction.objects.filter(number=6).update(status=FieldOfAction.Status.DRAFT)
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>http://testserver(.*?)</loc>", body)
    for path in (
        "/de/integrationskonzept/",
        "/en/integration-concept/",
        "/sl/koncept-integracije/",
    ):
        assert path in locations
    fields = [
        p
        for p in locations
        if re.match(
            r"^/(de/integrationskonzept|en/integration-concept|sl/koncept-integracije)/.+/$", p
        )
    ]
    assert len(fields) == 15
    assert "/en/integration-concept/sport-and-health/" in fields
    assert "/sl/koncept-integracije/sport-in-zdravje/" in fields
    assert not any("verwaltung" in p or "uprava" in p for p in fields)
