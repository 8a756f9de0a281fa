"""Admin form widgets that assistive technology can name.

Django's split date/time widget puts one ``<label>`` beside two inputs and points
it at neither, so a screen reader announces two nameless text boxes (WCAG 1.3.1,
4.1.2; axe rule ``label``). Here each input is named after its field and its part:
"Beginn, Datum" and "Beginn, Zeit".
"""

from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class NamedSplitDateTime(AdminSplitDateTime):
    def __init__(self, field_label, attrs=None):
        self.field_label = field_label
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        date, time = context["widget"]["subwidgets"]
        for subwidget, part in ((date, _("Date")), (time, _("Time"))):
            # Translators: the name a screen reader gives a date or time input: the
            # field, then "Date" or "Time".
            subwidget["attrs"]["aria-label"] = gettext("%(field)s, %(part)s") % {
                "field": capfirst(self.field_label),
                "part": part,
            }
        return context


class NamedDateTimeInputsMixin:
    """For ModelAdmins and inlines: every date/time field gets a `NamedSplitDateTime`."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField) and "widget" not in kwargs:
            kwargs["widget"] = NamedSplitDateTime(db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
