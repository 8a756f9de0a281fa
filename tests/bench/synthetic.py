"""Synthetic content for `make bench --scale N`: N times what the portal ships.

Copies of the shipped Runder Tisch events (one per past and future year, with
their programme, partners, languages and fields of action) and goals and
measures in every field of action, with ordinary German, English and
Slovenian texts. Only the benchmark uses it; it never runs in
`load_kassel_content`.
"""

import datetime
import uuid

from django.db import transaction

from concept.models import FieldOfAction, Goal, Measure, Progress
from events.models import Event

GOAL_TEXTS = (
    "Mehr Menschen nutzen die Angebote im Stadtteil",
    "More people use the services in their neighbourhood",
    "Več ljudi uporablja storitve v svoji soseski",
)
MEASURE_TEXTS = (
    "Beratung in mehreren Sprachen ausbauen",
    "Expand advice in several languages",
    "Razširiti svetovanje v več jezikih",
)


def texts(field, values, suffix):
    return {
        f"{field}_{code}": f"{text} {suffix}"
        for code, text in zip(("de", "en", "sl"), values, strict=True)
    }


@transaction.atomic
def generate(scale):
    shipped_events = list(Event.objects.all())
    fields = list(FieldOfAction.objects.all())
    copies = 0
    for round_ in range(1, scale):
        for original in shipped_events:
            # One year later, one earlier, two later, ...: at --scale 100 the copies
            # span a century (multiplying by the round ran past the year 1).
            copy_event(original, offset_years=(1 if round_ % 2 else -1) * ((round_ + 1) // 2))
            copies += 1
    for field in fields:
        for index in range(scale * 2):
            Goal.objects.create(
                field=field,
                order=index,
                progress=Progress.IN_PROGRESS,
                status_source="Integrationsbericht",
                **texts("title", GOAL_TEXTS, index),
            )
            Measure.objects.create(
                field=field,
                order=index,
                progress=Progress.PLANNED,
                status_source="Integrationsbericht",
                **texts("title", MEASURE_TEXTS, index),
            )
    print(
        f"synthetic content: {copies} events, {len(fields) * scale * 2} goals and as many measures"
    )


def copy_event(original, offset_years):
    programme = list(original.programme_items.all())
    languages = list(original.languages.all())
    partners = list(original.co_organisers.all())
    fields = list(original.fields_of_action.all())

    event = Event.objects.get(pk=original.pk)
    event.pk = event.id = None
    event.uid = uuid.uuid4()
    delta = datetime.timedelta(days=364 * offset_years)
    event.start += delta
    if event.end:
        event.end += delta
    year = event.start.year
    for code in ("de", "en", "sl"):
        slug = getattr(original, f"slug_{code}")
        if slug:
            setattr(event, f"slug_{code}", f"{slug}-{year}-{abs(offset_years)}")
    event.save()
    event.languages.set(languages)
    event.co_organisers.set(partners)
    event.fields_of_action.set(fields)
    for item in programme:
        speakers = list(item.speakers.all())
        item.pk = item.id = None
        item.event = event
        item.save()
        item.speakers.set(speakers)
    return event
