"""Every role saves its own language's texts whatever language the admin runs in.

The admin's interface language comes from the browser's Accept-Language (the
admin is outside i18n_patterns). django-modeltranslation maps a translated
field's original name (`title`) to the active language, so any check that reads
it behaves differently in a German, English or Slovenian admin: these tests run
every save in all three.
"""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from concept.models import FieldOfAction
from events.models import Event
from kassel_integration.editorial.roles import localized_languages
from kassel_integration.models import PendingChange, Publishable
from kassel_integration.translations import state as ts
from officers.models import Office, Person
from tests.concept.factories import GoalFactory, MeasureFactory
from tests.kassel_integration.admin_helpers import ENGLISH, SLOVENIAN, errors_of, form_data, member

pytestmark = pytest.mark.django_db

INTERFACE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
# role -> (group, the language whose texts the role writes)
ROLES = {
    "editor": ("Editors", "de"),
    "english translator": (ENGLISH, "en"),
    "slovenian translator": (SLOVENIAN, "sl"),
}
MARK = {"de": "Geändert", "en": "Changed", "sl": "Spremenjeno"}


def office():
    return Office.objects.get(key="integrationsbeauftragte")


def field_of_action():
    field = FieldOfAction.objects.order_by("number").first()
    # The shipped concept has no goals and measures yet; the office adds them.
    GoalFactory(field=field, title_en="More courses", title_sl="Več tečajev")
    MeasureFactory(field=field, title_en="Language cafés", title_sl="Jezikovne kavarne")
    return field


def event():
    return Event.objects.filter(programme_items__isnull=False).order_by("pk").first()


def person():
    return Person.objects.filter(terms__isnull=False).order_by("pk").first()


PAGES = {"office": office, "field of action": field_of_action, "event": event, "person": person}


def localized_text_fields(model):
    """Localized names of the tracked text fields of `model` -> language."""
    tracked = set(ts.tracked_fields(model))
    return {
        name: language
        for name, language in localized_languages(model).items()
        if name.rsplit("_", 1)[0] in tracked
    }


def edit(data, model_admin, language, request):
    """Change, in `data`, every text of `language` in the main form and the first
    form of each inline; returns {(prefix or None, index, field name): new value}."""
    changed = {}
    mine = {n for n, lang in localized_text_fields(model_admin.model).items() if lang == language}
    for name in sorted(mine & set(data)):
        data[name] = f"{MARK[language]}: {name}\r\nZweite Zeile"
        changed[(None, None, name)] = data[name]
    for inline in model_admin.get_inline_instances(request):
        names = {n for n, lang in localized_text_fields(inline.model).items() if lang == language}
        prefixes = [k.removesuffix("-TOTAL_FORMS") for k in data if k.endswith("-TOTAL_FORMS")]
        for prefix in prefixes:
            for name in names:
                key = f"{prefix}-0-{name}"
                if key in data:
                    data[key] = f"{MARK[language]} {name}"
                    changed[(prefix, 0, name)] = data[key]
    return changed


def texts(obj):
    """Every localized text of the object and its inline rows, as stored."""
    obj.refresh_from_db()
    result = {name: getattr(obj, name) for name in localized_text_fields(type(obj))}
    for relation in type(obj)._meta.related_objects:
        related = relation.related_model
        fields = localized_text_fields(related)
        if not fields or not relation.one_to_many:
            continue
        for row in getattr(obj, relation.get_accessor_name()).order_by("pk"):
            for name in fields:
                result[f"{related._meta.model_name}:{row.pk}:{name}"] = getattr(row, name)
    return result


@pytest.mark.parametrize("interface", INTERFACE_LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_each_role_saves_its_language_in_every_interface_language(
    client, django_user_model, content, rf, page, role, interface
):
    group, language = ROLES[role]
    user = member(django_user_model, group, "staff")
    client.force_login(user)
    obj = PAGES[page]()
    model_admin = admin.site._registry[type(obj)]
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    headers = {"HTTP_ACCEPT_LANGUAGE": interface}
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == interface
    data = form_data(response.content.decode())
    request = rf.get(url)
    request.user = user
    changed = edit(data, model_admin, language, request)
    assert any(prefix is None for prefix, _i, _n in changed), changed
    before = texts(obj)

    response = client.post(url, data, **headers)

    assert response.status_code == 302, errors_of(response)
    if isinstance(obj, Publishable):
        # The item is public: the save waits for review until a reviewer publishes it
        # (people are not reviewed, see README "Editorial workflow").
        assert texts(obj) == before
        assert PendingChange.objects.count() == 1
        client.force_login(member(django_user_model, "Editors", "reviewer", "Reviewers"))
        pending = f"{url.removesuffix('change/')}pending/"
        assert client.post(pending, {"pending_action": "publish"}, **headers).status_code == 302
        assert not PendingChange.objects.exists()
    after = texts(obj)
    # A text is a text: '' and NULL (modeltranslation's empty translations) are the same.
    written = {key: value for key, value in after.items() if (value or "") != (before[key] or "")}
    assert written, "nothing was saved"
    for key in written:
        name = key.rsplit(":", 1)[-1]
        assert name.endswith(f"_{language}"), (key, before[key], after[key])
    for (prefix, _index, name), value in changed.items():
        if prefix is None:
            assert after[name] == value.replace("\r\n", "\n")
