from django import template

from officers.models import long_date, time_element

register = template.Library()


@register.filter
def date_element(value):
    """A date as `<time datetime>` written out in the current language."""
    return time_element(value) if value else ""


@register.filter(name="long_date")
def long_date_filter(value):
    return long_date(value) if value else ""
