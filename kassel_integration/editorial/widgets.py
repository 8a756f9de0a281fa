"""Admin form widgets that assistive technology can name, and the rich text editor.

Django's split date/time widget puts one ``<label>`` beside two inputs and points
it at neither, so a screen reader announces two nameless text boxes (WCAG 1.3.1,
4.1.2; axe rule ``label``). Here each input is named after its field and its part:
"Beginn, Datum" and "Beginn, Zeit".
"""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminFileWidget, AdminSplitDateTime
from django.db import models
from django.forms.widgets import Script
from django.templatetags.static import static
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kassel_integration.content.images import ProcessedImageField
from kassel_integration.content.richtext import RichTextField


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


class RichTextEditor(forms.Textarea):
    """The visual editor of rich text (static/admin_extra/rich_text_editor.js).

    A textarea that the script turns into a django-prose-editor (ProseMirror)
    editor with only the elements the sanitiser keeps; without JavaScript it
    stays a textarea of HTML. The editor's code is loaded from the portal's own
    static files by its hashed URL, so no import map (an inline script) is
    needed under the Content-Security-Policy.
    """

    EDITOR_MODULE = "django_prose_editor/editor.js"

    def __init__(self, attrs=None):
        super().__init__({"cols": "40", "rows": "10", "class": "vLargeTextField", **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "admin_extra/rich_text_editor.css",
                ]
            },
            js=[Script("admin_extra/rich_text_editor.js", type="module")],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-rich-text-editor"] = static(self.EDITOR_MODULE)
        return context


class RichTextEditorMixin:
    """For ModelAdmins and inlines: every rich text field is edited in `RichTextEditor`.

    The form field keeps its language (modeltranslation's `title_en`…) on the
    editor, so spelling checks and screen readers use the right one.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, RichTextField) and "widget" not in kwargs:
            kwargs["widget"] = RichTextEditor
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language:
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, RichTextEditor):
                widget.attrs["lang"] = language
        return field


class ImageThumbnailWidget(AdminFileWidget):
    """The admin's file input with a small copy of the stored image above it."""

    template_name = "widgets/image_thumbnail.html"

    @property
    def media(self):
        return forms.Media(css={"all": ["admin_extra/image_thumbnail.css"]})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["thumbnail"] = thumbnail(value) if self.is_initial(value) else None
        return context


def thumbnail(fieldfile):
    """src, width, height and alt of the smallest stored copy of an uploaded image."""
    field = getattr(fieldfile, "field", None)
    instance = getattr(fieldfile, "instance", None)
    if not isinstance(field, ProcessedImageField) or instance is None:
        return None
    renditions = getattr(instance, field.renditions_field) if field.renditions_field else []
    copies = [(r["width"], r["height"], r["name"]) for r in renditions or []]
    width = getattr(instance, field.width_field, None) if field.width_field else None
    height = getattr(instance, field.height_field, None) if field.height_field else None
    if width and height:
        copies.append((width, height, fieldfile.name))
    if not copies:
        return None
    width, height, name = min(copies)
    decorative = field.decorative_field and getattr(instance, field.decorative_field)
    alt = ""
    if field.alt_field and not decorative:
        # The German description: the one every image must have (check_alt_text).
        source = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        alt = getattr(instance, f"{field.alt_field}_{source}", "") or ""
    return {"src": fieldfile.storage.url(name), "width": width, "height": height, "alt": alt}


class ImageThumbnailMixin:
    """For ModelAdmins: uploaded images (ProcessedImageField) show a thumbnail in the form."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, ProcessedImageField) and "widget" not in kwargs:
            kwargs["widget"] = ImageThumbnailWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)
