"""Dates, times and counts of events as whole translated sentences, in Europe/Berlin."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from kassel_integration.content import dates

register = template.Library()


def _time_text(value):
    # Equal instants in other time zones are equal datetimes: the offset is part of the key.
    return _time_text_at(value, value.utcoffset())


@lru_cache(maxsize=1024)
def _time_text_at(value, offset):
    return date_format(value, "G:i")


def _date(value):
    # With its weekday, in the portal's one style per language (content/dates.py).
    return dates.day_element(value, weekday=True)


def _time(value):
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(timespec="minutes"), _time_text(value)
    )


def _sentence(msg, **parts):
    return mark_safe(conditional_escape(msg) % parts)  # noqa: S308 - parts are escaped HTML


@register.simple_tag
def event_when(event):
    """The date and time of an event; a date-only event never shows a time."""
    if event.all_day:
        if event.is_multi_day:
            return _sentence(
                gettext("%(start)s to %(end)s"),
                start=_date(event.start_date),
                end=_date(event.end_date),
            )
        return _date(event.start_date)
    start = event.local_start
    end = event.local_end
    if end is None:
        return _sentence(
            gettext("%(date)s, from %(start)s"), date=_date(start.date()), start=_time(start)
        )
    if event.is_multi_day:
        return _sentence(
            gettext("from %(start_date)s, %(start)s, to %(end_date)s, %(end)s"),
            start_date=_date(start.date()),
            start=_time(start),
            end_date=_date(end.date()),
            end=_time(end),
        )
    if event.end_is_approximate:
        msg = gettext("%(date)s, from %(start)s until about %(end)s")
    else:
        msg = gettext("%(date)s, %(start)s to %(end)s")
    return _sentence(msg, date=_date(start.date()), start=_time(start), end=_time(end))


@register.simple_tag
def event_when_text(event):
    """`event_when` without markup, for titles and attributes."""
    return strip_tags(event_when(event))


@register.simple_tag
def participants(event):
    count = event.participants
    if count is None:
        return ""
    if event.participants_approximate:
        msg = ngettext("about %(count)s participant", "about %(count)s participants", count)
    else:
        msg = ngettext("%(count)s participant", "%(count)s participants", count)
    return msg % {"count": count}


@register.simple_tag
def calendar_addresses():
    """The calendar of upcoming events: its address (https) and the same as `webcal:`.

    `webcal:` opens the reader's calendar app and subscribes it, so new events
    arrive by themselves; the plain address is for copying into an app's
    "subscribe to calendar" field. From SITE_URL, never the request's Host.
    """
    address = settings.SITE_URL + reverse("events:calendar")
    _scheme, _sep, rest = address.partition("://")
    return {"https": address, "webcal": f"webcal://{rest}"}
