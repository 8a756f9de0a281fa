"""The admin's top error box names every field with an error, with its tab and inline row.

Django's box only says "Please correct the errors below."; on a long form with
language tabs and inlines a person cannot find the field. Each entry links to
the field's input.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.translator import NotRegistered, translator

register = template.Library()


@dataclass
class ErrorEntry:
    where: str
    message: str
    anchor: str = ""


def _translated_field(model, name):
    """(base field, language code) for a per-language field such as title_<language>, else None."""
    try:
        fields = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return None
    for base, localized in fields.items():
        for field in localized:
            if field.name == name:
                return base, field.language
    return None


def _label(form, name):
    model = form._meta.model
    translated = _translated_field(model, name)
    if translated is not None:
        base, language = translated
        try:
            label = capfirst(model._meta.get_field(base).verbose_name)
        except FieldDoesNotExist:
            label = base
        return gettext("%(field)s, tab “%(language)s”") % {
            "field": label,
            "language": dict(settings.LANGUAGES).get(language, language),
        }
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else capfirst(name)


def _entries(form, prefix=""):
    entries = []
    for name, errors in form.errors.items():
        message = " ".join(str(error) for error in errors)
        if name == "__all__" or name not in form.fields:
            entries.append(ErrorEntry(prefix.rstrip(": ") or "", message))
            continue
        bound = form[name]
        anchor = bound.field.widget.id_for_label(bound.auto_id) or bound.auto_id
        entries.append(ErrorEntry(f"{prefix}{_label(form, name)}", message, anchor or ""))
    return entries


@register.simple_tag
def error_summary(adminform, inline_admin_formsets):
    """Every error of the form and its inlines, in the order of the page."""
    entries = _entries(adminform.form) if adminform else []
    for inline in inline_admin_formsets or []:
        formset = inline.formset
        title = capfirst(inline.opts.verbose_name_plural)
        for error in formset.non_form_errors():
            entries.append(ErrorEntry(str(title), str(error)))
        for number, form in enumerate(formset.forms, start=1):
            if form.errors:
                row = gettext("%(inline)s, row %(number)s") % {"inline": title, "number": number}
                entries += _entries(form, prefix=f"{row}: ")
    return entries
