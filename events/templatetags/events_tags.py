"""Dates, times and counts of events as whole translated sentences, in Europe/Berlin."""

from functools import lru_cache

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from kassel_integration.content import languages

register = template.Library()


# Formatting a date looks up and translates each of its parts: lists show the
# same few dates on every view, so the texts are remembered per language.
@lru_cache(maxsize=1024)
def _date_text_in(value, language):
    # As each language writes it in running text (settings.LANGUAGE_DETAILS).
    return date_format(value, languages.detail(language, "weekday_date_format", "l j F Y"))


def _date_text(value):
    return _date_text_in(value, get_language())


def _time_text(value):
    # Equal instants in other time zones are equal datetimes: the offset is part of the key.
    return _time_text_at(value, value.utcoffset())


@lru_cache(maxsize=1024)
def _time_text_at(value, offset):
    return date_format(value, "G:i")


def _date(value):
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), _date_text(value))


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
