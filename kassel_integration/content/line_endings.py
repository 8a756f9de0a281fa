"""One kind of line break in stored text: LF.

Browsers send the text of a textarea with CRLF line breaks (the HTML standard
says so), while the shipped content and every import have LF. Without
normalising, an untouched text counts as changed: translations lose their
"outdated" flag, history lists changes nobody made. Text is normalised where
it enters: in the admin's forms, before they compare it with what is stored
(TranslationRolesMixin), and in every save of a model of the content apps
(connect_signals, content_apps.py), so imports and restores store LF too.
"""

from django.db import models
from django.db.models.signals import pre_save
from django.http import QueryDict

from kassel_integration.content.content_apps import content_app_labels


def normalise(value):
    """`value` with CRLF and lone CR turned into LF; anything but text as it is."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def normalise_data(data):
    """A copy of submitted form data (QueryDict or dict) with every text normalised."""
    if data is None:
        return None
    if isinstance(data, QueryDict):
        copy = QueryDict(mutable=True)
        for key, values in data.lists():
            copy.setlist(key, [normalise(value) for value in values])
        return copy
    if hasattr(data, "lists"):  # another MultiValueDict
        copy = type(data)()
        for key, values in data.lists():
            copy.setlist(key, [normalise(value) for value in values])
        return copy
    return {key: normalise(value) for key, value in data.items()}


class NormalisedInputFormMixin:
    """A form that sees submitted text with LF line breaks only."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(normalise_data(data), *args, **kwargs)


def normalise_instance(sender, instance, **kwargs):
    """pre_save: every loaded text value of a content model with LF line breaks."""
    if sender._meta.app_label not in content_app_labels():
        return
    values = instance.__dict__
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = values.get(field.attname)
            if isinstance(value, str) and "\r" in value:
                values[field.attname] = normalise(value)


def connect_signals():
    pre_save.connect(normalise_instance, dispatch_uid="kassel_line_endings")
