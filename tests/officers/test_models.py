"""Rules of the office's data: terms, constraints, portraits, quotes, office hours."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import override

from officers.models import OfficeHours, Quote, Term
from tests.factories import PersonFactory, QuoteFactory
from tests.officers.factories import OfficeFactory, OfficeHoursFactory, TermFactory

pytestmark = pytest.mark.django_db

JAN_14 = datetime.date(2025, 1, 14)


def integrity_error_names(error, constraint, sqlite_hint):
    # PostgreSQL names the constraint; SQLite names the constraint (CHECK) or the columns (UNIQUE).
    message = str(error)
    return constraint in message or sqlite_hint in message


class TestTermDates:
    def test_term_cannot_end_before_it_starts_in_the_database(self):
        with pytest.raises(IntegrityError) as error, transaction.atomic():
            TermFactory(started_on=JAN_14, ended_on=datetime.date(2025, 1, 13))
        assert integrity_error_names(
            error.value, "term_does_not_end_before_start", "term_does_not_end_before_start"
        )

    def test_term_may_end_on_the_day_it_starts(self):
        term = TermFactory(started_on=JAN_14, ended_on=JAN_14)
        term.full_clean()

    def test_clean_reports_end_before_start_on_the_end_date(self):
        term = TermFactory.build(
            office=OfficeFactory(),
            person=PersonFactory(),
            started_on=JAN_14,
            ended_on=datetime.date(2024, 6, 1),
        )
        with pytest.raises(ValidationError) as error:
            term.full_clean()
        assert error.value.message_dict == {
            "ended_on": [
                "Die Amtszeit kann nicht enden, bevor sie beginnt. Bitte prüfen Sie beide Daten."
            ]
        }

    def test_an_end_date_means_the_term_has_ended(self):
        term = TermFactory(has_ended=False, ended_on=JAN_14)
        term.refresh_from_db()
        assert term.has_ended is True
        assert term.is_current is False

    def test_database_rejects_an_end_date_on_a_current_term(self):
        term = TermFactory(has_ended=False)
        with pytest.raises(IntegrityError) as error, transaction.atomic():
            Term.objects.filter(pk=term.pk).update(ended_on=JAN_14)
        assert integrity_error_names(
            error.value, "term_with_end_date_has_ended", "term_with_end_date_has_ended"
        )

    def test_ended_without_known_end_date_is_not_current(self):
        term = TermFactory(started_on=None, has_ended=True, ended_on=None)
        assert term.is_current is False
        assert term.office.current_term is None


class TestOneCurrentHolder:
    def test_database_allows_only_one_current_term_per_office(self):
        office = OfficeFactory()
        TermFactory(office=office, has_ended=False)
        with pytest.raises(IntegrityError) as error, transaction.atomic():
            TermFactory(office=office, has_ended=False)
        assert integrity_error_names(
            error.value, "term_one_current_holder_per_office", "officers_term.office_id"
        )

    def test_many_ended_terms_and_one_current_are_fine(self):
        office = OfficeFactory()
        TermFactory.create_batch(3, office=office, has_ended=True)
        current = TermFactory(office=office, has_ended=False, started_on=JAN_14)
        assert office.current_term == current

    def test_other_offices_have_their_own_current_holder(self):
        TermFactory(office=OfficeFactory(key="a"), has_ended=False)
        TermFactory(office=OfficeFactory(key="b"), has_ended=False)
        assert Term.objects.filter(has_ended=False).count() == 2

    def test_model_validation_gives_a_friendly_message(self):
        office = OfficeFactory()
        TermFactory(office=office, has_ended=False)
        second = TermFactory.build(office=office, person=PersonFactory(), has_ended=False)
        with pytest.raises(ValidationError) as error:
            second.full_clean()
        assert error.value.messages == [
            "Dieses Amt ist bereits besetzt. Markieren Sie zuerst die bisherige Amtszeit als "
            "beendet und tragen Sie dann die neue Person ein."
        ]


class TestTermPeriod:
    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("de", 'Im Amt seit <time datetime="2025-01-14">14. Januar 2025</time>'),
            ("en", 'In office since <time datetime="2025-01-14">14 January 2025</time>'),
            ("sl", 'Na funkciji od <time datetime="2025-01-14">14. januarja 2025</time>'),
        ],
    )
    def test_current_term_with_known_start(self, language, expected):
        term = TermFactory(started_on=JAN_14, has_ended=False)
        with override(language):
            assert term.period == expected

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("de", "Beginn und genaues Ende der Amtszeit nicht bekannt"),
            ("en", "Start and exact end of term not known"),
            ("sl", "Začetek in natančen konec mandata nista znana"),
        ],
    )
    def test_unknown_start_and_end_give_no_date(self, language, expected):
        term = TermFactory(started_on=None, has_ended=True, ended_on=None)
        with override(language):
            assert term.period == expected

    def test_every_combination_says_what_is_known(self):
        end = datetime.date(2026, 3, 31)
        cases = [
            ({"started_on": None, "has_ended": False}, "In office; start of term not known"),
            (
                {"started_on": None, "ended_on": end},
                'Start of term not known; until <time datetime="2026-03-31">31 March 2026</time>',
            ),
            (
                {"started_on": JAN_14, "ended_on": end},
                'From <time datetime="2025-01-14">14 January 2025</time> to '
                '<time datetime="2026-03-31">31 March 2026</time>',
            ),
            (
                {"started_on": JAN_14, "has_ended": True},
                'From <time datetime="2025-01-14">14 January 2025</time>; exact end date not known',
            ),
        ]
        with override("en"):
            for fields, expected in cases:
                assert TermFactory.build(**fields).period == expected


class TestTimelineOrder:
    def test_unknown_start_first_then_by_date_and_the_current_term_last(self):
        office = OfficeFactory()
        current = TermFactory(office=office, started_on=datetime.date(2019, 1, 1), has_ended=False)
        later = TermFactory(office=office, started_on=datetime.date(2015, 1, 1), has_ended=True)
        unknown = TermFactory(office=office, started_on=None, has_ended=True)
        earlier = TermFactory(office=office, started_on=datetime.date(2010, 1, 1), has_ended=True)
        assert list(office.terms.all()) == [unknown, earlier, later, current]


class TestPortrait:
    def test_portrait_needs_a_description(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        person = PersonFactory.build(
            portrait=SimpleUploadedFile("p.png", PNG, content_type="image/png"), portrait_alt_de=""
        )
        with pytest.raises(ValidationError) as error:
            person.full_clean()
        assert error.value.message_dict == {
            "portrait_alt_de": [
                "Bitte beschreiben Sie das Bild: Menschen, die es nicht sehen können, brauchen "
                "diese Beschreibung. Ist es nur Schmuck, kreuzen Sie stattdessen „dekoratives "
                "Bild“ an."
            ]
        }
        person.portrait_alt_de = "Alena Schütz vor dem Rathaus"
        person.full_clean()
        person.save()
        assert (person.portrait_width, person.portrait_height) == (1, 1)

    def test_no_portrait_needs_no_description(self):
        PersonFactory(portrait="", portrait_alt_de="").full_clean()


class TestQuoteLanguage:
    def test_translation_of_a_german_quote_is_marked(self):
        quote = QuoteFactory(text_de="Hallo", text_en="Hello", original_language="de")
        with override("en"):
            assert quote.text_language == "en"
            assert quote.is_translation is True
            assert quote.translation_note == "Translated from German."
        with override("de"):
            assert quote.text_language == "de"
            assert quote.is_translation is False

    def test_missing_translation_falls_back_to_the_german_original(self):
        quote = QuoteFactory(text_de="Hallo", text_sl="", original_language="de")
        with override("sl"):
            assert quote.text == "Hallo"
            assert quote.text_language == "de"
            assert quote.is_translation is False

    def test_quote_keys_are_unique_when_set_and_may_be_empty(self):
        QuoteFactory(key="")
        QuoteFactory(key="")
        QuoteFactory(key="a")
        with pytest.raises(IntegrityError), transaction.atomic():
            QuoteFactory(key="a")
        assert Quote.objects.count() == 3


class TestOfficeHours:
    def test_hours_must_close_after_opening(self):
        with pytest.raises(IntegrityError) as error, transaction.atomic():
            OfficeHoursFactory(opens=datetime.time(12), closes=datetime.time(9))
        assert integrity_error_names(
            error.value, "officehours_close_after_opening", "officehours_close_after_opening"
        )

    def test_validation_message(self):
        hours = OfficeHoursFactory.build(
            office=OfficeFactory(), opens=datetime.time(12), closes=datetime.time(12)
        )
        with pytest.raises(ValidationError) as error:
            hours.full_clean()
        assert error.value.messages == ["Sprechzeiten müssen nach ihrem Beginn enden."]

    def test_str(self):
        hours = OfficeHoursFactory.build(weekday=OfficeHours.Weekday.TUESDAY)
        with override("de"):
            assert str(hours) == "Dienstag 09:00–12:00"


# A tiny valid PNG: one transparent pixel. (GIFs are not accepted as images.)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc````\x00\x00\x00\x05\x00\x01\xa5\xf6E@\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
