from django import template

from concept.dates import format_day

register = template.Library()


@register.filter
def long_date(value):
    """A day as a municipal page writes it: 3. Juli 2025 / 3 July 2025 / 3. julija 2025."""
    return format_day(value) if value else ""
