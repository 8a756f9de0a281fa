"""Dates in templates, in the one style per language of `content/dates.py`."""

from django import template

from kassel_integration.content import dates

register = template.Library()


@register.filter
def day(value):
    """{{ value|day }}: 3. Juli 2025 / 3 July 2025 / 3. julija 2025 (a date or a datetime)."""
    return dates.format_day(value) if value else ""


@register.filter
def day_element(value):
    """{{ value|day_element }}: the same day inside `<time datetime="2025-07-03">`."""
    return dates.day_element(value) if value else ""
