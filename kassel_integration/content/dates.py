"""Days as people read them, in one style per language, for every page and e-mail.

Django's own formats give "July 3, 2025" (US) for English and "03. julij 2025"
(nominative month) for Slovenian; a municipal page wants "3 July 2025" and
"3. julija 2025". settings.LANGUAGE_DETAILS sets each language's style
(`date_format`, `weekday_date_format`, `months_in_dates`); a language without
its own gets Django's DATE_FORMAT. Every date the portal shows goes through
here (the `day` filter and `day_element` tag in `templatetags/dates.py`).
"""

import datetime
from functools import lru_cache

from django.utils import formats, timezone
from django.utils.html import format_html

from kassel_integration.content import languages


def _local_day(value):
    """The calendar day of `value` in the portal's time zone (a date stays itself)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def _format(language, key, default):
    date_format = languages.detail(language, key, default)
    months = languages.detail(language, "months_in_dates")
    if months and "F" in date_format:
        return date_format, months
    return date_format, None


# Formatting looks up and translates each part: the same days come back on every view.
@lru_cache(maxsize=1024)
def _text(value, language, key, default):
    date_format, months = _format(language, key, default)
    if months:
        # The month as a literal: Django's date syntax escapes each character.
        month = "".join(f"\\{char}" for char in months[value.month - 1])
        date_format = date_format.replace("F", month)
    return formats.date_format(value, date_format)


def forget_formatted():
    """Drop the remembered texts: an accepted interface text may name a month or weekday."""
    _text.cache_clear()


def format_day(value) -> str:
    """A day in running text: 3. Juli 2025 / 3 July 2025 / 3. julija 2025."""
    return _text(_local_day(value), languages.current(), "date_format", "DATE_FORMAT")


def format_weekday(value) -> str:
    """A day with its weekday, for events: Donnerstag, 3. Juli 2025 / Thursday 3 July 2025."""
    return _text(_local_day(value), languages.current(), "weekday_date_format", "l j F Y")


def day_element(value, weekday=False):
    """`<time datetime="2025-07-03">` around the day as `format_day` writes it."""
    day = _local_day(value)
    text = format_weekday(day) if weekday else format_day(day)
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)
