"""What the admin's start page shows staff first: the work waiting for them.

- items in review, waiting for someone to publish them;
- items that go online or offline within the next PUBLICATION_WINDOW;
- translations whose German text changed since they were made;
- what the apps add (Panel), e.g. upcoming events that take registrations
  online, with their counts (events/attention.py), or new contact messages;
- what the public pages still lack, per language (editorial/gaps.py).

Each list only holds what the user may open: translators see the outdated
translations of what they translate and nothing about publication; the other
lists follow the model admins' permissions. The queries do not grow with the
number of items: one per content model that has a publication state, one for
the translation states plus one per model with any of them, and a constant
number per panel.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from kassel_integration.contributions import contributed
from kassel_integration.editorial import gaps as content_gaps
from kassel_integration.models import Publishable
from kassel_integration.translations import dashboard
from kassel_integration.translations import state as ts
from kassel_integration.translations.translators import is_translator

PUBLICATION_WINDOW = timedelta(days=7)
# Longer lists belong on the change lists and the translation dashboard.
MAX_ROWS = 20

GOES_ONLINE = _("goes online")
GOES_OFFLINE = _("goes offline")


@dataclass
class Entry:
    label: str
    kind: str  # the model's verbose name
    url: str
    status: str = ""
    change: str = ""  # goes online / goes offline
    when: datetime | None = None
    languages: list[str] = field(default_factory=list)


@dataclass
class Section:
    entries: list = field(default_factory=list)
    total: int = 0
    more_url: str = ""

    def add(self, entries, limit=None):
        self.total = len(entries)
        self.entries = entries[: limit or MAX_ROWS]


@dataclass(frozen=True)
class Panel:
    """A section an app adds to the attention panel, after the core's own.

    `entries(site, request, now)` returns the section's rows, or None when the
    user may not see the section at all; `template` renders the section (it
    gets `section`, a Section); `key` names it in collect()'s result.
    """

    key: str
    entries: Callable
    template: str
    limit: int | None = None  # rows shown; MAX_ROWS if not given


@dataclass
class PendingEntry:
    label: str
    kind: str
    url: str
    by: str
    since: datetime
    state: str


def pending_changes(site, request, now):
    """Changes to live items waiting for review: all for reviewers, one's own for others.

    None (no section) when there are none: the section "In review" already
    says when nothing waits.
    """
    from kassel_integration.editorial.reviewers import can_publish
    from kassel_integration.models import PendingChange

    changes = PendingChange.objects.select_related("content_type", "created_by").order_by(
        "created_at", "pk"
    )
    if can_publish(request.user):
        changes = changes.filter(state=PendingChange.State.REVIEW)
    else:
        changes = changes.filter(contributors=request.user)
    entries = []
    for change in changes:
        model = change.content_type.model_class()
        model_admin = site._registry.get(model)
        if model is None or model_admin is None or not model_admin.has_view_permission(request):
            continue
        user = change.created_by
        entries.append(
            PendingEntry(
                change.object_repr,
                str(model._meta.verbose_name),
                change_url(model, change.object_id),
                (user.get_full_name() or user.get_username()) if user else "–",
                change.created_at,
                change.get_state_display(),
            )
        )
    return entries or None


@dataclass
class NoticeEntry:
    recipient: str
    step: str
    item: str
    when: datetime
    error: str


def unsent_notices(site, request, now):
    """E-mails of the review that the mail server refused; None when there are none."""
    from kassel_integration.models import Notice

    notice_admin = site._registry.get(Notice)
    if notice_admin is None or not notice_admin.has_view_permission(request):
        return None
    unsent = list(
        Notice.objects.filter(sent_at__isnull=True, attempts__gt=0)
        .select_related("event", "recipient")
        .order_by("created_at", "pk")
    )
    if not unsent:
        return None
    return [
        NoticeEntry(
            notice.recipient.get_username(),
            notice.event.get_action_display(),
            notice.event.object_repr,
            notice.created_at,
            notice.error,
        )
        for notice in unsent
    ]


# The core's own panels; the apps contribute theirs in <app>/contributions.py.
CORE_PANELS = (
    Panel("pending", pending_changes, "admin/kassel_integration/attention_pending.html"),
    Panel("notices", unsent_notices, "admin/kassel_integration/attention_notices.html"),
)


def panels() -> list[Panel]:
    return [*CORE_PANELS, *contributed(Panel)]


def change_url(model, pk):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[quote(pk)])


def publishable_admins(site, request):
    """The admins of content with a publication state that this user may change."""
    return [
        model_admin
        for model, model_admin in site._registry.items()
        if issubclass(model, Publishable) and model_admin.has_change_permission(request)
    ]


def publication(admins, now):
    """(in review, going online or offline soon), both sorted."""
    soon = now + PUBLICATION_WINDOW
    starts = Q(publish_from__gt=now, publish_from__lte=soon)
    ends = Q(publish_until__gt=now, publish_until__lte=soon)
    review, scheduled = [], []
    for model_admin in admins:
        model = model_admin.model
        kind = str(model._meta.verbose_name)
        rows = model._default_manager.filter(
            Q(status=Publishable.Status.REVIEW)
            | ((starts | ends) & ~Q(status=Publishable.Status.ARCHIVED))
        ).order_by("pk")
        for obj in rows:
            url = change_url(model, obj.pk)
            status = obj.get_status_display()
            if obj.status == Publishable.Status.REVIEW:
                review.append(Entry(str(obj), kind, url, status))
            if obj.publish_from and now < obj.publish_from <= soon:
                scheduled.append(Entry(str(obj), kind, url, status, GOES_ONLINE, obj.publish_from))
            if obj.publish_until and now < obj.publish_until <= soon:
                scheduled.append(
                    Entry(str(obj), kind, url, status, GOES_OFFLINE, obj.publish_until)
                )
    review.sort(key=lambda e: (e.kind, e.label.casefold()))
    scheduled.sort(key=lambda e: (e.when, e.kind, e.label.casefold()))
    return review, scheduled


def outdated_translations(site, request):
    """Items with at least one outdated translation, with the languages concerned.

    None when the user has no access to the translation dashboard.
    """
    state_admin = site._registry.get(ts.TranslationState)
    if state_admin is None or not state_admin.has_view_permission(request):
        return None
    sources = [
        source
        for source in dashboard.sources(site)
        if site._registry[source.parent or source.model].has_view_permission(request)
    ]
    if not sources:
        return []
    content_types = ContentType.objects.get_for_models(
        *[s.model for s in sources], for_concrete_models=False
    )
    by_type = {content_types[s.model].pk: s for s in sources}
    # Only what has a state can be outdated: the rest is never loaded.
    states = {}
    for row in ts.TranslationState.objects.filter(content_type__in=by_type).only(
        "content_type_id", "object_id", "field", "language", "source_hash"
    ):
        states.setdefault(row.content_type_id, {})[(row.object_id, row.field, row.language)] = row
    entries = []
    for ct_id, source_states in states.items():
        source = by_type[ct_id]
        model = source.model
        fields = ts.tracked_fields(model)
        columns = dashboard.value_columns(source)
        ids = {object_id for object_id, _field, _lang in source_states}
        for row in model._default_manager.filter(pk__in=ids).order_by("pk").values("pk", *columns):
            languages = []
            for lang in ts.TARGET_LANGUAGES:
                for name in fields:
                    status = ts.field_status(
                        row[ts.localized(name, ts.SOURCE_LANGUAGE)],
                        row[ts.localized(name, lang)],
                        source_states.get((row["pk"], name, lang)),
                    )
                    if status == ts.OUTDATED:
                        languages.append(dashboard.language_name(lang))
                        break
            if not languages:
                continue
            label = next(
                row[ts.localized(name, ts.SOURCE_LANGUAGE)]
                for name in fields
                if (row[ts.localized(name, ts.SOURCE_LANGUAGE)] or "").strip()
            )
            entries.append(
                Entry(
                    Truncator(strip_tags(label)).chars(80),
                    str(model._meta.verbose_name),
                    source.change_url(row),
                    languages=languages,
                )
            )
    entries.sort(key=lambda e: (e.kind, e.label.casefold()))
    return entries


def collect(request, site=admin.site, now=None):
    """The attention panel's sections; a section the user may not see is None."""
    now = now or timezone.now()
    result = {"review": None, "scheduled": None, "outdated": None}
    if not is_translator(request):
        admins = publishable_admins(site, request)
        if admins:
            review, scheduled = publication(admins, now)
            result["review"] = Section()
            result["review"].add(review)
            result["scheduled"] = Section()
            result["scheduled"].add(scheduled)
    outdated = outdated_translations(site, request)
    if outdated is not None:
        result["outdated"] = Section(
            more_url=f"{reverse('admin:kassel_integration_translationstate_changelist')}"
            f"?{urlencode({'state': ts.OUTDATED})}"
        )
        result["outdated"].add(outdated)
    sections = ["review", "scheduled", "outdated"]
    for panel in panels():
        entries = panel.entries(site, request, now)
        result[panel.key] = None
        if entries is not None:
            result[panel.key] = Section()
            result[panel.key].add(entries, panel.limit)
        sections.append(panel.key)
    gaps = content_gaps.collect(site, request)
    result["gaps"] = None
    if gaps is not None:
        result["gaps"] = Section()
        # Every gap: a long list is the office's to-do list, not noise.
        result["gaps"].add(gaps, limit=len(gaps))
    result["window_days"] = PUBLICATION_WINDOW.days
    # Gaps are a standing to-do list, not work waiting for this user.
    result["anything"] = any(
        result[section] is not None and result[section].total for section in sections
    )
    return result
