"""E-mails about the review: recorded with the step, sent after commit, never twice.

- submitted for review (an item, or a change to a live item): every reviewer;
- published, sent back (and a pending change discarded): whoever submitted it.

Each step is a ReviewEvent; each e-mail a Notice (unique per step and
recipient) written in the same transaction as the step, and sent once the
transaction has committed, in the recipient's language (StaffPreferences,
German unless they chose another). Nobody is told of their own step, and
whoever turned the e-mails off, or has no address, gets none. A Notice is
claimed before it is sent, so two workers never send the same one; if the
mail server fails, it stays unsent with the error: the admin's start page
lists it and `manage.py send_notices` (or the action on the notifications'
list) sends it again.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from kassel_integration.editorial.reviewers import PUBLISH_PERMISSION
from kassel_integration.models import Notice, ReviewEvent, StaffPreferences

log = logging.getLogger(__name__)
Action = ReviewEvent.Action

TO_REVIEWERS = {Action.SUBMITTED, Action.CHANGE_SUBMITTED}
TO_AUTHORS = {
    Action.PUBLISHED,
    Action.RETURNED,
    Action.CHANGE_PUBLISHED,
    Action.CHANGE_RETURNED,
    Action.CHANGE_DISCARDED,
}


def reviewers():
    # Permissions come from groups and users (ModelBackend); superusers included.
    return get_user_model().objects.with_perm(
        PUBLISH_PERMISSION, is_active=True, backend="django.contrib.auth.backends.ModelBackend"
    )


def submitter(event):
    """Who submitted the item for review before this step (None if nobody did)."""
    step = (
        ReviewEvent.objects.filter(
            content_type=event.content_type_id,
            object_id=event.object_id,
            action=Action.SUBMITTED,
            created_at__lte=event.created_at,
        )
        .exclude(pk=event.pk)
        .select_related("user")
        .first()
    )
    return step.user if step else None


def recipients(event, authors=()):
    if event.action in TO_REVIEWERS:
        return list(reviewers())
    if event.action in TO_AUTHORS:
        if event.action in (Action.PUBLISHED, Action.RETURNED):
            author = submitter(event)
            return [author] if author else []
        return list(authors)
    return []


def item_url(event) -> str:
    meta = event.content_type.model_class()._meta
    path = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[event.object_id])
    return settings.SITE_URL + path


def announce(event, authors=()):
    """Record the e-mails of a step and send them once the transaction commits."""
    people = {}
    for user in recipients(event, authors):
        if user is not None and user.is_active and user.email and user.pk != event.user_id:
            people[user.pk] = user
    if not people:
        return []
    silent = set(
        StaffPreferences.objects.filter(user__in=people, notify_by_email=False).values_list(
            "user_id", flat=True
        )
    )
    url = item_url(event)
    notices = [
        Notice.objects.get_or_create(event=event, recipient=user, defaults={"url": url})[0]
        for pk, user in sorted(people.items())
        if pk not in silent
    ]
    ids = [notice.pk for notice in notices]
    if ids:
        transaction.on_commit(lambda: send(ids))
    return notices


def language_of(user) -> str:
    preferences = StaffPreferences.objects.filter(user=user).first()
    return preferences.language if preferences else settings.LANGUAGE_CODE


def _name(user) -> str:
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()


def subject_and_body(notice):
    """The e-mail in the active language."""
    event = notice.event
    model = event.content_type.model_class()
    values = {
        "item": event.object_repr,
        "kind": model._meta.verbose_name,
        "person": _name(event.user),
    }
    texts = {
        Action.SUBMITTED: (
            gettext("For review: “%(item)s”"),
            gettext("%(person)s submitted “%(item)s” (%(kind)s) for review."),
        ),
        Action.CHANGE_SUBMITTED: (
            gettext("Change for review: “%(item)s”"),
            gettext(
                "%(person)s changed “%(item)s” (%(kind)s), which is public. The public page "
                "shows the published version until a reviewer publishes the change."
            ),
        ),
        Action.PUBLISHED: (
            gettext("Published: “%(item)s”"),
            gettext("%(person)s published “%(item)s” (%(kind)s)."),
        ),
        Action.CHANGE_PUBLISHED: (
            gettext("Change published: “%(item)s”"),
            gettext("%(person)s published your change to “%(item)s” (%(kind)s)."),
        ),
        Action.RETURNED: (
            gettext("Sent back: “%(item)s”"),
            gettext("%(person)s sent “%(item)s” (%(kind)s) back to you."),
        ),
        Action.CHANGE_RETURNED: (
            gettext("Change sent back: “%(item)s”"),
            gettext(
                "%(person)s sent your change to “%(item)s” (%(kind)s) back to you. It is "
                "kept: the item's form shows it, for you to rework and save again."
            ),
        ),
        Action.CHANGE_DISCARDED: (
            gettext("Change discarded: “%(item)s”"),
            gettext(
                "%(person)s discarded your change to “%(item)s” (%(kind)s). The published "
                "version stays as it is."
            ),
        ),
    }
    subject, sentence = texts[event.action]
    lines = [
        gettext("Hello %(name)s,") % {"name": _name(notice.recipient)},
        "",
        sentence % values,
        "",
    ]
    if event.comment:
        lines += [gettext("Comment:"), event.comment, ""]
    lines += [gettext("Open the item in the editorial office:"), notice.url, ""]
    lines += [
        "-- ",
        gettext(
            "You get these e-mails because you take part in the review. Turn them off or "
            "choose their language under “My notification settings” in the editorial office:"
        ),
        settings.SITE_URL + reverse("admin:kassel_integration_staffpreferences_changelist"),
    ]
    return (subject % values).replace("\n", " "), "\n".join(lines)


def send(ids=None) -> tuple[int, int]:
    """Send the unsent notices (those of `ids`, or all): (sent, failed)."""
    pending = Notice.objects.filter(sent_at__isnull=True).order_by("pk")
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    sent = failed = 0
    for notice in pending.select_related("event__content_type", "event__user", "recipient"):
        # Claimed first: another worker or a retry never sends it a second time.
        claimed = Notice.objects.filter(pk=notice.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
        if not claimed:
            continue
        try:
            with override(language_of(notice.recipient)):
                subject, body = subject_and_body(notice)
            send_mail(subject, body, None, [notice.recipient.email])
        except Exception as error:
            log.warning("notification %s not sent: %s", notice.pk, error)
            Notice.objects.filter(pk=notice.pk).update(sent_at=None, error=str(error)[:2000])
            failed += 1
        else:
            Notice.objects.filter(pk=notice.pk).update(error="")
            sent += 1
    return sent, failed
