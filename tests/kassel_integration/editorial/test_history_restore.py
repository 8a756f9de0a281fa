"""Restoring a version changes that item and its own inlines, nothing else.

The class of defect: a revision holds more than one item (the content loader
once stored all shipped content in one), and restoring "the revision" put back
every item in it. These tests restore the oldest version of an item of EVERY
history-registered model with shipped content, after other items changed, on a
database loaded per item and on one loaded the old way (one revision for all).
"""

import pytest
import reversion
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import models, transaction
from reversion.models import Revision, Version

from concept.models import FieldOfAction
from events.models import Event, ProgrammeItem
from kassel_integration.editorial.history import history_follow, history_models, restore_version
from officers.models import Office
from tests.db_snapshot import assert_only_changed, snapshot
from tests.kassel_integration.admin_helpers import ADMIN, errors_of, form_data, member
from tests.officers.factories import OfficeHoursExceptionFactory

pytestmark = pytest.mark.django_db

# The core's and the apps' declarations (contributions.py), read once.
HISTORY_MODELS = history_models()
HISTORY_FOLLOW = history_follow()

# Loaded, but the shipped content has none of these yet.
NO_SHIPPED_CONTENT = {"officers.OfficeHours", "concept.Goal", "concept.Document"}
WITH_CONTENT = [label for label in HISTORY_MODELS if label not in NO_SHIPPED_CONTENT]
# Tracked models the shipped content leaves empty on purpose (the office's exceptions to its
# hours are entered by the staff): the test makes one, in a revision of its own as the loader
# stores every item, before the database is (re)loaded the old way.
MADE_HERE = {
    "officers.OfficeHoursException": lambda: OfficeHoursExceptionFactory(
        office=Office.objects.get(), note_de="Weihnachtsferien"
    ),
}


def make_what_is_not_shipped():
    for label, make in MADE_HERE.items():
        if not apps.get_model(label)._default_manager.exists():
            with reversion.create_revision():
                make()


def load_as_one_revision():
    """The database as the old loader left it: every shipped item in ONE revision."""
    Revision.objects.all().delete()
    with reversion.create_revision():
        reversion.set_comment("Loaded from the source texts (load_kassel_content)")
        for label in HISTORY_MODELS:
            for obj in apps.get_model(label)._default_manager.all():
                reversion.add_to_revision(obj)


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """The shipped content, loaded once for this module and rolled back after it.

    Each test runs in a savepoint inside this transaction (like setUpTestData).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        # A transactional test that ran before (on this xdist worker) may have flushed
        # and re-created the content types: versions must not point at cached old IDs.
        ContentType.objects.clear_cache()
        call_command("load_kassel_content", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(params=["per_item", "one_revision"])
def loaded(request, shipped, db):
    make_what_is_not_shipped()
    if request.param == "one_revision":
        load_as_one_revision()
    return request.param


def field_to_change(model):
    """A plain text field of the model (the German one where translated), else a number."""
    texts = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and f.editable
        and not f.unique
        and not f.choices
        and not isinstance(f, models.SlugField)
        and not f.name.endswith(("_en", "_sl"))
        and f"{f.name}_de" not in {g.name for g in model._meta.concrete_fields}
    ]
    if texts:
        return sorted(texts, key=lambda f: not f.name.endswith("_de"))[0]
    numbers = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.IntegerField) and f.editable and not f.primary_key
    ]
    assert numbers, model
    return numbers[0]


def change_text(obj, suffix=" (geändert)"):
    field = field_to_change(type(obj))
    value = getattr(obj, field.attname)
    if isinstance(field, models.IntegerField):
        setattr(obj, field.attname, (value or 0) + len(suffix))
    else:
        limit = field.max_length or 10_000
        setattr(obj, field.attname, ((value or "") + suffix)[-limit:])
    with reversion.create_revision():
        obj.save()
    return field.attname


def own_rows(obj):
    """{table: {pk}} of the item, its followed inlines and its many-to-many rows."""
    rows = {obj._meta.db_table: {obj.pk}}
    for field in obj._meta.many_to_many:
        through = field.remote_field.through
        if through._meta.auto_created:
            link = field.m2m_field_name()
            ids = set(through.objects.filter(**{link: obj.pk}).values_list("pk", flat=True))
            rows.setdefault(through._meta.db_table, set()).update(ids)
    for name in HISTORY_FOLLOW.get(obj._meta.label, ()):
        for related in getattr(obj, name).all():
            for table, ids in own_rows(related).items():
                rows.setdefault(table, set()).update(ids)
    return rows


def merge(*row_sets):
    merged = {}
    for rows in row_sets:
        for table, ids in rows.items():
            if ids is None:  # any row of the table
                merged[table] = None
            elif merged.get(table, set()) is not None:
                merged.setdefault(table, set()).update(ids)
    return merged


def others_change_since(target):
    """What colleagues did since: office lead, a new programme item, another item of the model."""
    office = Office.objects.get()
    if office != target:
        office.lead_de = "Die Leitung wurde seither überarbeitet."
        with reversion.create_revision():
            office.save()
    event = Event.objects.exclude(pk=target.pk if isinstance(target, Event) else None).first()
    with reversion.create_revision():
        added = ProgrammeItem.objects.create(
            event=event, title_de="Neuer Programmpunkt", order=99, kind=ProgrammeItem.Kind.TALK
        )
        reversion.add_to_revision(event)
    other = type(target)._default_manager.exclude(pk=target.pk).first()
    if other is not None:
        change_text(other, " (von jemand anderem)")
    return added


def oldest(obj):
    return Version.objects.get_for_object(obj).order_by("revision__date_created", "pk").first()


@pytest.mark.parametrize("label", WITH_CONTENT)
def test_restoring_the_oldest_version_changes_only_that_item(loaded, label):
    model = apps.get_model(label)
    target = model._default_manager.order_by("pk").first()
    assert target is not None, f"{label} has no shipped content any more (add it to MADE_HERE)"
    version = oldest(target)
    attname = change_text(target)
    added = others_change_since(target)
    before = snapshot()
    expected_rows = own_rows(target)

    restore_version(version)

    target.refresh_from_db()
    assert getattr(target, attname) == version.field_dict[attname]
    assert ProgrammeItem.objects.filter(pk=added.pk).exists()
    assert_only_changed(before, snapshot(), merge(expected_rows, own_rows(target)))


ADMIN_MODELS = [label for label in WITH_CONTENT if apps.get_model(label) in admin.site._registry]


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_restoring_in_the_admin_changes_only_that_item(client, django_user_model, loaded, label):
    model = apps.get_model(label)
    # The loaded items are public: only reviewers restore them (editors' changes to
    # public items wait for review, see test_pending_changes.py).
    client.force_login(member(django_user_model, "Editors", "editor", "Reviewers"))
    target = model._default_manager.order_by("pk").first()
    version = oldest(target)
    attname = change_text(target)
    added = others_change_since(target)
    before = snapshot()
    expected_rows = own_rows(target)

    opts = model._meta
    url = f"{ADMIN}{opts.app_label}/{opts.model_name}/{target.pk}/history/{version.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert_only_changed(before, snapshot(), set())  # looking changes nothing
    response = client.post(url, form_data(form.content.decode()))
    assert response.status_code == 302, errors_of(response)

    target.refresh_from_db()
    # The form stores an empty text as "" where the version may have None.
    assert (getattr(target, attname) or "") == (version.field_dict[attname] or "")
    assert ProgrammeItem.objects.filter(pk=added.pk).exists()
    assert_only_changed(
        before,
        snapshot(),
        merge(
            expected_rows,
            own_rows(target),
            {"reversion_revision": None, "reversion_version": None},
        ),
    )


def test_a_field_of_action_restore_keeps_everything_else(client, django_user_model, loaded):
    """The reported case: office lead, another event's programme, a field of action."""
    client.force_login(member(django_user_model, "Editors", "editor", "Reviewers"))
    field = FieldOfAction.objects.get(number=1)
    version = oldest(field)
    field.title_de = "Bildung, Sprache und Ausbildung"
    with reversion.create_revision():
        field.save()
    added = others_change_since(field)
    url = f"{ADMIN}concept/fieldofaction/{field.pk}/history/{version.pk}/"
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.select_one("#id_title_de")["value"] == version.field_dict["title_de"]
    response = client.post(url, form_data(str(soup)))
    assert response.status_code == 302, errors_of(response)
    field.refresh_from_db()
    assert field.title_de == version.field_dict["title_de"]
    assert Office.objects.get().lead_de == "Die Leitung wurde seither überarbeitet."
    assert ProgrammeItem.objects.filter(pk=added.pk).exists()
