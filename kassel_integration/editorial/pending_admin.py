"""The admin's side of changes held for review (see pending.py for the mechanism)."""

import json

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kassel_integration.editorial import history, notices, pending
from kassel_integration.editorial.reviewers import REVIEW_COMMENT, can_publish
from kassel_integration.models import PendingChange, Publishable, ReviewEvent
from kassel_integration.translations.translators import is_translator

Action = ReviewEvent.Action


class _Captured(Exception):  # noqa: N818 - control flow, not an error
    def __init__(self, response, data):
        super().__init__()
        self.response = response
        self.data = data


def _local(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _person(user):
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()


def _state(obj):
    return obj.status if isinstance(obj, Publishable) else Publishable.Status.PUBLISHED


def comment_field():
    return forms.CharField(
        label=_("Comment for the review"),
        help_text=_(
            "Required when a reviewer sends an item back or takes it offline. "
            "Every comment is kept in the review steps below, also without a "
            "change of status."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


def record_step(user, obj, action, comment=""):
    """A review step that keeps the item's state, with its e-mails recorded."""
    state = _state(obj)
    return ReviewEvent.objects.create(
        content_type=pending.content_type(type(obj)),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        from_status=state,
        to_status=state,
        comment=comment.strip(),
        user=user,
    )


class PendingChangesMixin:
    """Holds the changes of people who may not publish to live items for review.

    Put in front of HistoryMixin/EditorialAdminMixin in an admin of content
    the public sees (PublishableAdmin, legal pages).
    """

    # ------------------------------------------------------------ helpers
    def _item(self, object_id):
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError):
            return None
        return self.model._default_manager.filter(pk=pk).first()

    def _live(self, obj):
        return pending.is_live(self.model, getattr(obj, "status", None))

    def _change_url(self, obj):
        meta = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{meta.app_label}_{meta.model_name}_change",
            args=[quote(obj.pk)],
        )

    # ------------------------------------------------------------ the form
    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Around reversion's change_view, so that its revision is rolled back
        # with a save kept for review. (A restore calls changeform_view.)
        obj = self._item(object_id)
        if obj is None:
            return super().change_view(request, object_id, form_url, extra_context)
        change = pending.pending_for(obj)
        held = self._live(obj) and not can_publish(request.user)
        if change is None and not (held and request.method == "POST"):
            return super().change_view(request, object_id, form_url, extra_context)
        request._pending_change = change
        request._pending_held = held
        if request.method == "POST" and not held:
            return self._save_and_publish(request, obj, change, object_id, form_url, extra_context)
        live_keys = pending.keys(obj)
        try:
            with pending.looking_at(obj, change):
                response = super().change_view(request, object_id, form_url, extra_context)
                if getattr(request, "_pending_saved", False):
                    saved = self.model._default_manager.get(pk=obj.pk)
                    raise _Captured(response, pending.snapshot(saved, live_keys))
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()  # now, while the pending version is in the database
        except _Captured as captured:
            return self._keep_for_review(request, obj, change, captured)
        return response

    def _save_and_publish(self, request, obj, change, object_id, form_url, extra_context):
        """A reviewer's save of an item with a pending change: the change goes live with it."""
        with transaction.atomic():
            with pending.quiet():
                pending.apply(obj, change.data)
            response = super().change_view(request, object_id, form_url, extra_context)
            if not getattr(request, "_pending_saved", False):
                transaction.set_rollback(True)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                return response
            self._published(request, obj, change, "")
        return response

    def _keep_for_review(self, request, obj, change, captured):
        comment = getattr(request, "_pending_comment", "")
        if change is not None and pending.same_content(captured.data, change.data):
            unchanged = True
        else:
            unchanged = change is None and pending.same_content(
                captured.data, pending.snapshot(obj, pending.keys(obj))
            )
        with transaction.atomic():
            if unchanged:
                if comment.strip():
                    record_step(request.user, obj, Action.COMMENTED, comment)
                messages.success(request, gettext("Nothing was changed."))
                return captured.response
            stored = pending.store(obj, captured.data, request.user, change)
            event = record_step(request.user, obj, Action.CHANGE_SUBMITTED, comment)
            notices.announce(event)
        messages.success(
            request,
            gettext(
                "Your change to “%(item)s” is kept for review. The public page shows the "
                "published version until a reviewer publishes the change."
            )
            % {"item": stored.object_repr},
        )
        return captured.response

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # The admin's "was changed successfully" is not true of a change kept for review.
        if getattr(request, "_pending_held", False) and level == messages.SUCCESS:
            return
        return super().message_user(request, message, level, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        request._pending_comment = form.cleaned_data.get(REVIEW_COMMENT) or ""
        request._pending_saved = True
        super().save_model(request, obj, form, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if not issubclass(self.model, Publishable) and not is_translator(request):
            # Content without a publication state of its own (legal pages): the
            # comment that goes with a change or with sending it back.
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(base.__name__, (base,), {REVIEW_COMMENT: comment_field()})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {
            name
            for _title, options in fieldsets
            for entry in options.get("fields", ())
            for name in (entry if isinstance(entry, (list, tuple)) else [entry])
        }
        if REVIEW_COMMENT not in named and not is_translator(request):
            fieldsets.append((_("Review"), {"fields": [REVIEW_COMMENT]}))
        change = getattr(request, "_pending_change", None)
        if change is None or obj is None:
            return fieldsets
        return [
            (
                _("Change waiting for review"),
                {
                    "fields": [],
                    "classes": ["pending-change"],
                    "description": self._pending_notice(request, obj, change),
                },
            ),
            *fieldsets,
        ]

    def _pending_notice(self, request, obj, change):
        authors = ", ".join(sorted(_person(user) for user in change.contributors.all()))
        text = format_html(
            "<p>{}</p>",
            gettext(
                "This form shows a change that is not public yet: the public page shows "
                "the published version until a reviewer publishes the change. Started by "
                "%(person)s on %(date)s; written by %(authors)s; last changed on %(changed)s."
            )
            % {
                "person": _person(change.created_by),
                "date": _local(change.created_at),
                "authors": authors or "–",
                "changed": _local(change.updated_at),
            },
        )
        if change.state == PendingChange.State.RETURNED:
            text += format_html(
                "<p>{}</p>",
                gettext(
                    "A reviewer sent the change back (see the review steps): saving it "
                    "submits it again."
                ),
            )
        if can_publish(request.user):
            meta = self.model._meta
            url = reverse(
                f"{self.admin_site.name}:{meta.app_label}_{meta.model_name}_pending",
                args=[quote(obj.pk)],
            )
            text += format_html(
                '<p>{}</p><p class="pending-actions">{}</p>',
                gettext(
                    "Saving the form publishes the change with your corrections. Or decide "
                    "on the change as it was submitted:"
                ),
                format_html_join(
                    " ",
                    '<button type="submit" class="button" formaction="{}" '
                    'name="pending_action" value="{}">{}</button>',
                    (
                        (url, "publish", gettext("Publish the change")),
                        (url, "return", gettext("Send it back with the comment for the review")),
                        (url, "discard", gettext("Discard the change")),
                    ),
                ),
            )
        return text

    # ------------------------------------------------------------ reviewers' decisions
    def get_urls(self):
        meta = self.model._meta
        return [
            path(
                "<path:object_id>/pending/",
                self.admin_site.admin_view(self.pending_view),
                name=f"{meta.app_label}_{meta.model_name}_pending",
            ),
            *super().get_urls(),
        ]

    def pending_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._item(object_id)
        if obj is None:
            raise Http404
        if not (can_publish(request.user) and self.has_change_permission(request, obj)):
            raise PermissionDenied
        back = self._change_url(obj)
        change = pending.pending_for(obj)
        if change is None:
            messages.error(request, gettext("There is no change waiting for review."))
            return redirect(back)
        action = request.POST.get("pending_action")
        comment = request.POST.get(REVIEW_COMMENT, "")[:2000]
        if action == "publish":
            with transaction.atomic():
                with pending.quiet():
                    pending.apply(obj, change.data)
                obj = self.model._default_manager.get(pk=obj.pk)
                with reversion.create_revision():
                    obj.save()  # page cache, search index and history see the new version
                    reversion.set_user(request.user)
                    self._published(request, obj, change, comment)
            messages.success(
                request, gettext("The change to “%(item)s” is published.") % {"item": obj}
            )
            return redirect(back)
        if action == "return":
            if not comment.strip():
                messages.error(
                    request,
                    gettext(
                        "Please say in the comment what needs to change before the change "
                        "can be published."
                    ),
                )
                return redirect(back)
            with transaction.atomic():
                change.state = PendingChange.State.RETURNED
                change.save(update_fields=["state"])
                event = record_step(request.user, obj, Action.CHANGE_RETURNED, comment)
                notices.announce(event, change.contributors.all())
            messages.success(
                request, gettext("The change to “%(item)s” is sent back.") % {"item": obj}
            )
            return redirect(back)
        if action == "discard":
            with transaction.atomic():
                authors = list(change.contributors.all())
                change.delete()
                event = record_step(request.user, obj, Action.CHANGE_DISCARDED, comment)
                notices.announce(event, authors)
            messages.success(
                request, gettext("The change to “%(item)s” is discarded.") % {"item": obj}
            )
            return redirect(back)
        raise PermissionDenied("unknown action")

    def _published(self, request, obj, change, comment):
        """Inside the publishing transaction: the step, the e-mails, the change gone."""
        authors = list(change.contributors.all())
        change.delete()
        event = record_step(request.user, obj, Action.CHANGE_PUBLISHED, comment)
        if reversion.is_active():
            reversion.set_comment(json.dumps([history.review_entry(event)]))
        notices.announce(event, authors)

    # ------------------------------------------------------------ restore and delete
    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self._item(object_id)
        refusal = self._restore_refusal(request, obj)
        if refusal:
            messages.error(request, refusal)
            return redirect(self._change_url(obj))
        return super().revision_view(request, object_id, version_id, extra_context)

    def _restore_refusal(self, request, obj):
        if obj is None or is_translator(request):
            return None  # translators never restore: the history's own refusal says so
        if pending.pending_for(obj) is not None:
            return gettext(
                "A change to this item is waiting for review: a reviewer publishes or "
                "discards it before an earlier version can be restored."
            )
        if self._live(obj) and not can_publish(request.user):
            return gettext(
                "Only reviewers can restore an earlier version of a public item. Please ask "
                "a reviewer."
            )
        return None

    def delete_model(self, request, obj):
        change = pending.pending_for(obj)
        super().delete_model(request, obj)
        if change is not None:
            change.delete()

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        PendingChange.objects.filter(
            content_type=pending.content_type(self.model), object_id__in=pks
        ).delete()
