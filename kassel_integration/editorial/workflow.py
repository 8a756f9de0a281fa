"""The editorial workflow: review, preview and version history.

States (kassel_integration.models.Publishable): draft → in review → published
→ archived. Editors write and submit for review; only people with the
permission "publish_content" (superusers and the group "Reviewers") publish,
archive, take an item offline, change the publication window of a public item
or send an item back with a comment. Every change of state is recorded as a
ReviewEvent. The rules are checked in the form and again before saving, so a
crafted POST cannot get around them.

Preview: staff open `/<lang>/preview/<app.model>/<pk>/`. The page is rendered
by the same view as the public page, with the one previewed item let through
`published()` (see models.previewed_item), so it looks exactly as it will.
Anyone without the right to view the item gets a 404, as if it did not exist.

History: django-reversion keeps a version of every save made in the admin.
Staff compare two versions field by field and restore one through
reversion's own revert form, which goes through the same checks as any edit.
"""

import difflib
import json
import re
from contextlib import contextmanager, nullcontext
from urllib.parse import urlsplit

import reversion
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, resolve, reverse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.utils import mute_signals

from kassel_integration.content import languages
from kassel_integration.editorial import history, notices, pending
from kassel_integration.editorial.history import register_history
from kassel_integration.editorial.pending_admin import PendingChangesMixin, comment_field
from kassel_integration.editorial.reviewers import (  # noqa: F401 - named here by other modules
    PUBLISH_PERMISSION,
    REVIEW_COMMENT,
    REVIEWERS,
    can_publish,
)
from kassel_integration.editorial.roles import TranslationRolesMixin
from kassel_integration.editorial.widgets import NamedDateTimeInputsMixin
from kassel_integration.models import Publishable, ReviewEvent, previewed_item
from kassel_integration.translations.translators import is_translator

STATE_FIELDS = ("status", "publish_from", "publish_until")
Status = Publishable.Status
PUBLIC_STATES = {Status.PUBLISHED, Status.ARCHIVED}


# ---------------------------------------------------------------- state changes
def review_action(before: str, after: str, publisher: bool):
    """The ReviewEvent action for a change of state, or None if the state stays."""
    if before == after:
        return None
    if after == Status.REVIEW:
        return ReviewEvent.Action.SUBMITTED
    if after == Status.PUBLISHED:
        return ReviewEvent.Action.PUBLISHED
    if after == Status.ARCHIVED:
        return ReviewEvent.Action.ARCHIVED
    if before == Status.REVIEW and publisher:
        return ReviewEvent.Action.RETURNED
    return ReviewEvent.Action.WITHDRAWN


def transition_errors(before: dict, after: dict, publisher: bool, comment: str) -> dict:
    """Form errors for a change of state the user may not make (empty if allowed)."""
    errors = {}
    old, new = before["status"], after["status"]
    if not publisher:
        if new in PUBLIC_STATES and new != old:
            errors["status"] = _(
                "Only reviewers can publish or archive. Choose “In review” to hand the item "
                "to a reviewer."
            )
        elif old in PUBLIC_STATES and new != old:
            errors["status"] = _("Only reviewers can take a published or archived item offline.")
        elif old in PUBLIC_STATES or new in PUBLIC_STATES:
            changed = [
                name for name in ("publish_from", "publish_until") if before[name] != after[name]
            ]
            for name in changed:
                errors[name] = _("Only reviewers can change when a published item is shown.")
    if review_action(old, new, publisher) == ReviewEvent.Action.RETURNED and not comment.strip():
        errors[REVIEW_COMMENT] = _(
            "Please say in the comment what needs to change before the item can be published."
        )
    elif old in PUBLIC_STATES and new not in PUBLIC_STATES and not comment.strip():
        errors.setdefault(
            REVIEW_COMMENT,
            _("Please say in the comment why the item is taken offline."),
        )
    return errors


def status_choices(current: str | None, publisher: bool) -> set:
    """The states a user may choose in the form, the current one always included."""
    if publisher:
        return set(Status.values)
    if current in PUBLIC_STATES:
        return {current}
    return {Status.DRAFT, Status.REVIEW} | ({current} if current else set())


def record_review(request, obj, before_status: str, comment: str):
    action = review_action(before_status, obj.status, can_publish(request.user))
    if action is None:
        if not comment.strip():
            return None
        action = ReviewEvent.Action.COMMENTED  # a comment is never dropped
    event = ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        from_status=before_status,
        to_status=obj.status,
        comment=comment.strip(),
        user=request.user,
    )
    notices.announce(event)
    return event


def review_history(obj):
    if obj is None or obj.pk is None:
        return ReviewEvent.objects.none()
    return ReviewEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
    ).select_related("user")


# ---------------------------------------------------------------- preview
def preview_url(obj, language: str) -> str:
    with override(language):
        return reverse("preview", kwargs={"label": obj._meta.label_lower, "pk": obj.pk})


def _previewable_model(label: str):
    """A model with a publication state, or whose changes are held for review (legal pages)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not (
        issubclass(model, Publishable)
        or isinstance(admin.site._registry.get(model), PendingChangesMixin)
    ):
        raise Http404
    return model


def preview(request, label, pk):
    """A staff member's view of an item as the public will see it once it is published."""
    model = _previewable_model(label)
    user = request.user
    opts = model._meta
    if not (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    ):
        raise Http404  # to the public a draft does not exist, not even as a 403
    obj = get_object_or_404(model._default_manager, pk=pk)
    target = obj.get_preview_url() if isinstance(obj, Publishable) else obj.get_absolute_url()
    match = resolve(urlsplit(target).path)
    request.editorial_preview = obj
    # A change waiting for review is shown as it will be once published.
    request.editorial_pending = pending.pending_for(obj)
    with pending.looking_at(obj, request.editorial_pending), previewing(obj):
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    # Never kept by a browser, proxy or the page cache, never indexed.
    patch_cache_control(response, no_store=True, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# ---------------------------------------------------------------- history
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str):
    """The old and the new text as HTML, with removed and added words marked."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            left.append(format_html("{}", removed))
            right.append(format_html("{}", added))
            continue
        if removed:
            left.append(format_html("<del>{}</del>", removed))
        if added:
            right.append(format_html("<ins>{}</ins>", added))
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - parts escaped above


# ---------------------------------------------------------------- admin
class HistoryMixin:
    """Version history with compare and restore (reversion's VersionAdmin must follow)."""

    object_history_template = "admin/kassel_integration/object_history.html"

    def __init__(self, *args, **kwargs):
        # Before VersionAdmin's own registration, which would follow every
        # inline, registrations included.
        register_history()
        super().__init__(*args, **kwargs)

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            ),
            *super().get_urls(),
        ]

    # ------------------------------------------------------------ comments
    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        return history.enrich_change_message(message, form, formsets, add)

    def _history_comment(self, request, message):
        """The revision's comment as JSON, rendered in each reader's language later."""
        entries = list(message) if isinstance(message, list) else []
        event = getattr(request, "_history_review_event", None)
        if event is not None:
            entries.append(history.review_entry(event))
        restored = getattr(request, "_history_restored_version", None)
        if restored is not None:
            entries.append(history.restored_entry(restored))
        if reversion.is_active():
            reversion.set_comment(json.dumps(entries or [{"added": {}}], ensure_ascii=False))

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._history_comment(request, message or [{"added": {}}])
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._history_comment(request, message)
        return entry

    # ------------------------------------------------------------ history page
    def may_restore(self, request) -> bool:
        """A restore is a save of every field: translators never restore."""
        return not is_translator(request)

    def history_view(self, request, object_id, extra_context=None):
        opts = self.model._meta
        versions = (
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision__user")
            .order_by("-revision__date_created", "-pk")
        )
        site = self.admin_site.name
        may_restore = self.may_restore(request)
        extra = {
            "compare_url": reverse(
                f"{site}:{opts.app_label}_{opts.model_name}_compare", args=[object_id]
            ),
            "may_restore": may_restore,
            # Replaces reversion's list, which does not carry the version ids.
            "action_list": [
                {
                    "revision": version.revision,
                    "version_id": version.pk,
                    "comment": history.render_comment(version.revision.comment, self.model),
                    "url": reverse(
                        f"{site}:{opts.app_label}_{opts.model_name}_revision",
                        args=[object_id, version.pk],
                    )
                    if may_restore
                    else None,
                }
                for version in versions
            ],
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra)

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        opts = self.model._meta
        history_url = self._history_url(object_id)
        chosen = []
        for key in ("older", "newer"):
            value = request.GET.get(key, "")
            chosen.append(versions.filter(pk=value).first() if value.isdigit() else None)
        if None in chosen or chosen[0].pk == chosen[1].pk:
            messages.error(request, gettext("Choose two different versions to compare."))
            return redirect(history_url)
        older, newer = sorted(chosen, key=lambda v: (v.revision.date_created, v.pk))
        try:
            rows = history.changed_fields(self.model, older, newer, word_diff)
            inlines = history.changed_inlines(self.model, older, newer, word_diff)
        except (ValidationError, ValueError, LookupError, RevertError):
            messages.error(
                request,
                gettext(
                    "These versions were saved before a change of the data structure and "
                    "cannot be compared."
                ),
            )
            return redirect(history_url)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare versions of “%(item)s”") % {"item": obj},
            "opts": opts,
            "object": obj,
            "older": older,
            "newer": newer,
            "rows": rows,
            "inlines": inlines,
            "history_url": history_url,
            "older_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=[object_id, older.pk],
            )
            if self.may_restore(request)
            else None,
        }
        return TemplateResponse(request, "admin/kassel_integration/compare.html", context)

    # ------------------------------------------------------------ restore
    def _history_url(self, object_id):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
            args=[object_id],
        )

    def _changelist_url(self):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")

    def _refuse_restore(self, request, url):
        messages.error(
            request,
            gettext(
                "Translators cannot restore versions: a restore changes every language and "
                "the publication state. Please ask an editor."
            ),
        )
        return redirect(url)

    def fields_kept_on_restore(self, request):
        """Fields that keep their current value when a version is restored."""
        return ()

    def _template_list(self, name):
        opts = self.model._meta
        return [
            f"reversion/{opts.app_label}/{opts.model_name}/{name}",
            f"reversion/{opts.app_label}/{name}",
            f"reversion/{name}",
        ]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore one version of this item: the item and its inlines, nothing else.

        Replaces reversion's view, which reverts the whole revision (every item
        stored with it). As there, the old version is written inside a
        transaction, the normal change form runs on it (same checks as a save)
        and everything is rolled back unless the form was saved.
        """
        if not self.may_restore(request):
            return self._refuse_restore(request, self._history_url(object_id))
        version = get_object_or_404(
            Version.objects.get_for_model(self.model),
            pk=version_id,
            object_id=unquote(object_id),
        )
        context = {
            "title": gettext("Restore “%(item)s”") % {"item": version.object_repr},
            "revert": True,
            **(extra_context or {}),
        }
        template = self.revision_form_template or self._template_list("revision_form.html")
        return self._restore_view(request, version, template, context)

    def recover_view(self, request, version_id, extra_context=None):
        """Bring back a deleted item (with its inlines) from its last version."""
        if not self.may_restore(request):
            return self._refuse_restore(request, self._changelist_url())
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.get_for_model(self.model), pk=version_id)
        if self.model._default_manager.filter(pk=history._data(version)["pk"]).exists():
            return redirect(self._history_url(version.object_id))  # not deleted: restore instead
        context = {
            "title": gettext("Recover “%(item)s”") % {"item": version.object_repr},
            "recover": True,
            **(extra_context or {}),
        }
        template = self.recover_form_template or self._template_list("recover_form.html")
        return self._restore_view(request, version, template, context)

    def _restore_view(self, request, version, template, context):
        # Looking at a version must have no effect outside the rolled-back
        # transaction (page cache, image clean-up): signals are muted then.
        looking = request.method != "POST"
        signals = mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed)
        request._history_restored_version = version
        try:
            with transaction.atomic(using=version.db), signals if looking else nullcontext():
                restored = history.restore_version(version, self.fields_kept_on_restore(request))
                if looking:
                    self._explain_restore(request, restored)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(str(restored.obj.pk)), request.path, context
                    )
                if request.method == "POST" and response.status_code == 302:
                    return response
                if response.status_code != 200:
                    raise RevertError(
                        gettext("This version of “%(item)s” could not be loaded.")
                        % {"item": version.object_repr}
                    )
                response.template_name = template
                response.render()  # now, while the old version is in the database
                raise _RolledBack(response)
        except (RevertError, ProtectedError) as error:
            messages.error(request, str(error))
            if self.model._default_manager.filter(pk=version.object_id).exists():
                return redirect(self._history_url(version.object_id))
            return redirect(self._changelist_url())
        except _RolledBack as rolled_back:
            return rolled_back.response

    def _explain_restore(self, request, restored):
        for label, item in restored.kept_files:
            messages.warning(
                request,
                gettext(
                    "%(field)s of “%(item)s”: the current file is kept, because files are not "
                    "kept in the history. Remove it in the form if it should go."
                )
                % {"field": label, "item": item},
            )
        for label, item in restored.missing_files:
            messages.warning(
                request,
                gettext(
                    "%(field)s of “%(item)s”: the file of this version no longer exists; the "
                    "field stays as it is now."
                )
                % {"field": label, "item": item},
            )
        for row in restored.kept_rows:
            messages.warning(
                request,
                gettext(
                    "“%(item)s” was added since and holds a file: it is kept. Tick “Delete” "
                    "in the form if it should go."
                )
                % {"item": row},
            )
        if restored.kept_fields:
            messages.info(
                request,
                gettext(
                    "%(fields)s stay as they are now: only reviewers can bring back an earlier "
                    "publication state."
                )
                % {"fields": get_text_list([str(f) for f in restored.kept_fields], gettext("and"))},
            )


class _RolledBack(Exception):  # noqa: N818 - control flow, not an error
    def __init__(self, response):
        super().__init__()
        self.response = response


class EditorialAdminMixin(HistoryMixin):
    """Review, preview and history for the admin of a Publishable model."""

    # ------------------------------------------------------------ form
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if is_translator(request):
            return fieldsets
        review = [REVIEW_COMMENT]
        if obj is not None and obj.pk is not None:
            review += ["review_steps", "preview_links"]
        return [
            *fieldsets,
            (
                _("Review"),
                {
                    "fields": review,
                    "classes": ["editorial-review"],
                    "description": _(
                        "Drafts are not public. Submit an item for review by choosing "
                        "“In review”; a reviewer publishes it or sends it back with a comment."
                    ),
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not is_translator(request):
            readonly += ["review_steps", "preview_links"]
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        if is_translator(request):
            return super().get_form(request, obj, change=change, **kwargs)
        base = kwargs.get("form", self.form)
        admin_self = self

        def clean(form):
            cleaned = base.clean(form)
            admin_self.check_transition(request, form, cleaned)
            return cleaned

        stored = self.state_before(request, obj)
        offered = status_choices(stored and stored["status"], can_publish(request.user))

        def init(form, *args, **kwargs):
            base.__init__(form, *args, **kwargs)
            field = form.fields.get("status")
            if field is not None:
                # Only the widget: a crafted POST still meets transition_errors' message.
                # The value the form shows (a restored version's) is always there.
                shown = offered | {form.initial.get("status", form.instance.status)}
                field.widget.choices = [
                    (value, label) for value, label in field.choices if value in shown
                ]

        kwargs["form"] = type(
            base.__name__,
            (base,),
            {
                REVIEW_COMMENT: comment_field(),
                "clean": clean,
                "__init__": init,
            },
        )
        return super().get_form(request, obj, change=change, **kwargs)

    def state_before(self, request, obj):
        """Status and window as stored before this request (and before a revert started)."""
        stored = getattr(request, "_editorial_state_before", None)
        if stored is not None:
            return stored
        if obj is None or obj.pk is None:
            return {"status": Status.DRAFT, "publish_from": None, "publish_until": None}
        return self.model._default_manager.filter(pk=obj.pk).values(*STATE_FIELDS).first()

    def stored_state(self, object_id):
        """The item's state in the database; None for an ID that is no item (the admin 404s)."""
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError):
            return None
        return self.model._default_manager.filter(pk=pk).values(*STATE_FIELDS).first()

    def check_transition(self, request, form, cleaned):
        instance = form.instance
        before = self.state_before(request, instance if instance.pk else None)
        if before is None:
            return
        after = {name: cleaned.get(name, getattr(instance, name)) for name in STATE_FIELDS}
        errors = transition_errors(
            before, after, can_publish(request.user), cleaned.get(REVIEW_COMMENT) or ""
        )
        for name, message in errors.items():
            form.add_error(name if name in form.fields else None, message)

    # ------------------------------------------------------------ saving
    def save_model(self, request, obj, form, change):
        before = self.state_before(request, obj if change else None)
        after = {name: getattr(obj, name) for name in STATE_FIELDS}
        comment = form.cleaned_data.get(REVIEW_COMMENT) or ""
        if not is_translator(request) and transition_errors(
            before, after, can_publish(request.user), comment
        ):
            raise PermissionDenied("state change not allowed")  # the form said so already
        if not (change and set(form.changed_data) == {REVIEW_COMMENT}):
            # A comment alone changes nothing of the item: no new version, no new timestamp.
            super().save_model(request, obj, form, change)
        if not is_translator(request):
            event = record_review(request, obj, before["status"], comment)
            if event is not None:
                request._history_review_event = event  # named in the history comment

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None and not hasattr(request, "_editorial_state_before"):
            request._editorial_state_before = self.stored_state(object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def fields_kept_on_restore(self, request):
        # Whoever may not publish keeps the current state and window: restoring
        # must not publish, take offline or move the window for them.
        return () if can_publish(request.user) else STATE_FIELDS

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # The old version is written to the database before the form runs:
        # remember the real current state first, or restoring an old published
        # version would let anyone publish.
        request._editorial_state_before = self.stored_state(object_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request._editorial_state_before = {
            "status": Status.DRAFT,
            "publish_from": None,
            "publish_until": None,
        }
        return super().recover_view(request, version_id, extra_context)

    # ------------------------------------------------------------ read-only panels
    @admin.display(description=_("Review steps"))
    def review_steps(self, obj):
        steps = list(review_history(obj)[:20])
        if not steps:
            return gettext("No review steps yet.")
        return format_html(
            '<ol class="review-steps">{}</ol>',
            format_html_join(
                "",
                '<li><time datetime="{}">{}</time>: {} ({}){}</li>',
                (
                    (
                        step.created_at.isoformat(),
                        _local(step.created_at),
                        step.get_action_display(),
                        step.user.get_username() if step.user else "–",
                        format_html(" – <q>{}</q>", step.comment) if step.comment else "",
                    )
                    for step in steps
                ),
            ),
        )

    @admin.display(description=_("Preview"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Available after the first save.")
        return format_html_join(
            " · ",
            '<a href="{}"{} hreflang="{}">{}</a>',
            (
                (preview_url(obj, code), languages.lang_attributes(code), code, name)
                for code, name in settings.LANGUAGES
            ),
        )


class ContentAdmin(
    NamedDateTimeInputsMixin,
    HistoryMixin,
    TranslationRolesMixin,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """Translated content without a publication state of its own (people, venues, quotes…)."""

    # Django 6 assumes https for scheme-less input; say so now (and silence the warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PublishableAdmin(
    PendingChangesMixin,
    NamedDateTimeInputsMixin,
    EditorialAdminMixin,
    TranslationRolesMixin,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """Translated content with a publication state: review, preview, history."""

    # Django 6 assumes https for scheme-less input; say so now (and silence the warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


def _local(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@contextmanager
def previewing(obj):
    """Let one unpublished item through published() (tests and management commands)."""
    token = previewed_item.set((obj._meta.label_lower, obj.pk))
    try:
        yield
    finally:
        previewed_item.reset(token)
