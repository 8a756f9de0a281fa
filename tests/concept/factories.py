"""Factories for the concept app (fields of action come from tests/factories.py)."""

import factory

from concept.models import (
    ConceptVersion,
    Goal,
    IntegrationReport,
    Measure,
    Progress,
    ReportEntry,
)
from tests.factories import FieldOfActionFactory


class ConceptVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConceptVersion

    code = factory.Sequence(lambda n: f"version-{n}")
    title_de = factory.Sequence(lambda n: f"Konzeptfassung {n}")
    stage = ConceptVersion.Stage.SUPERSEDED
    status = ConceptVersion.Status.PUBLISHED


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    field = factory.SubFactory(FieldOfActionFactory)
    title_de = factory.Sequence(lambda n: f"Ziel {n}")
    progress = Progress.IN_PROGRESS
    status_source_de = "Integrationsbericht 2023/2024"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    field = factory.SubFactory(FieldOfActionFactory)
    title_de = factory.Sequence(lambda n: f"Maßnahme {n}")
    progress = Progress.ACHIEVED
    status_source_de = "Integrationsbericht 2023/2024"


class IntegrationReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntegrationReport

    title_de = factory.Sequence(lambda n: f"Integrationsbericht {n}")
    first_year = factory.Sequence(lambda n: 2000 + n)
    last_year = factory.SelfAttribute("first_year")
    status = IntegrationReport.Status.PUBLISHED


class ReportEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportEntry

    report = factory.SubFactory(IntegrationReportFactory)
    field = factory.SubFactory(FieldOfActionFactory)
    kind = ReportEntry.Kind.PROGRESS
    text_de = factory.Sequence(lambda n: f"Aussage {n}")
