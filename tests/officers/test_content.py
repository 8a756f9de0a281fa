"""The shipped office content: complete in three languages, true to the sources, reloadable."""

import datetime

import pytest
from django.core.management import call_command

from officers.models import Office, OfficeQuote, Person, Quote, Task, Term
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Office, Task, Term, Quote, OfficeQuote, Person)
    }


def test_loading_twice_changes_nothing(content):
    before = counts()
    office = Office.objects.get(key="integrationsbeauftragte")
    call_command("load_kassel_content", overwrite=True, verbosity=0)
    assert counts() == before
    assert before == {
        "Office": 1,
        "Task": 5,
        "Term": 2,
        "Quote": Quote.objects.count(),
        "OfficeQuote": 3,
        "Person": Person.objects.count(),
    }
    assert Office.objects.get(key="integrationsbeauftragte").pk == office.pk


def test_reload_keeps_what_staff_changed_about_a_term(content):
    current = Term.objects.get(has_ended=False)
    current.ended_on = datetime.date(2030, 1, 31)
    current.save()
    call_command("load_kassel_content", overwrite=True, verbosity=0)
    current.refresh_from_db()
    assert (current.has_ended, current.ended_on) == (True, datetime.date(2030, 1, 31))


def test_terms_as_the_sources_give_them(content):
    ayalp, schuetz = Term.objects.filter(office__key="integrationsbeauftragte")
    assert ayalp.person.slug == "teslihan-ayalp"
    assert (ayalp.started_on, ayalp.has_ended, ayalp.ended_on) == (None, True, None)
    assert schuetz.person.slug == "alena-schuetz"
    assert (schuetz.started_on, schuetz.has_ended, schuetz.ended_on) == (
        datetime.date(2025, 1, 14),
        False,
        None,
    )
    assert schuetz.previous_position_de == "Referentin für Zuwanderung und Integration in Wiesbaden"


def test_office_sits_with_the_amt_fuer_chancengleichheit(content):
    office = Office.objects.get(key="integrationsbeauftragte")
    assert office.organisation.slug == "amt-fuer-chancengleichheit"
    assert office.organisation.parent.slug == "stadt-kassel"
    assert office.status == Office.Status.PUBLISHED


def test_no_contact_data_is_invented(content):
    office = Office.objects.get(key="integrationsbeauftragte")
    assert [
        office.street_address,
        office.postal_code,
        office.locality,
        office.phone,
        office.email,
    ] == [
        "",
        "",
        "",
        "",
        "",
    ]
    assert not office.hours.exists()
    assert not office.has_contact


def test_everything_is_translated(content):
    office = Office.objects.get(key="integrationsbeauftragte")
    for language in LANGUAGES:
        for field in ("title", "lead", "description"):
            assert getattr(office, f"{field}_{language}"), (field, language)
        for task in office.tasks.all():
            assert getattr(task, f"title_{language}")
            assert getattr(task, f"explanation_{language}")
        for link in office.quote_links.all():
            assert getattr(link.quote, f"text_{language}")
            assert getattr(link.quote, f"source_{language}")
    assert len({task.title_en for task in office.tasks.all()}) == 5


def test_statement_on_origin_is_reported_speech(content):
    quote = Quote.objects.get(key="schuetz-herkunft-teilhabe")
    assert quote.kind == Quote.Kind.REPORTED
    assert quote.speaker.slug == "alena-schuetz"
    assert quote.said_on == datetime.date(2025, 1, 14)
    assert quote.original_language == "de"
    # The press text's own sentence (text 000), not words put into her mouth.
    assert quote.text_de == (
        "Schütz betont die Wichtigkeit, dass Herkunft bei der Teilhabe keine Rolle spielen darf."
    )


def test_slovenian_uses_feminine_forms_and_the_right_title(content):
    office = Office.objects.get(key="integrationsbeauftragte")
    texts = [office.title_sl, office.lead_sl, office.description_sl]
    texts += [t.explanation_sl for t in office.tasks.all()]
    texts += [
        t.previous_position_sl + t.next_position_sl + t.dates_note_sl for t in office.terms.all()
    ]
    texts += [link.quote.text_sl for link in office.quote_links.all()]
    joined = " ".join(texts)
    assert "pooblaščenka za integracijo" in joined.lower()
    for wrong in ("častnik", "uradnik", "Naslednik", "svetovalec", "je vodil"):
        assert wrong not in joined
    assert "Referentka za priseljevanje in integracijo v Wiesbadnu" in joined
