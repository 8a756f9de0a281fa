"""Rich text for editorial content, limited to what a municipal page needs.

Text is sanitised with nh3 when it is saved and again when it is shown, so a
bypass of one layer (a raw SQL import, an old row) still cannot inject markup.
"""

import inspect

import nh3
from django.db import models
from django.utils.safestring import mark_safe
from modeltranslation.fields import TranslationFieldDescriptor

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em",
    "span", "blockquote", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang", "lang"},
    "span": {"lang"},
    "abbr": {"title", "lang"},
    "blockquote": {"lang"},
    "p": {"lang"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html: str) -> str:
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def render(html: str) -> str:
    return mark_safe(sanitize(html))  # noqa: S308 - sanitised by nh3 just above


class RichTextField(models.TextField):
    """A TextField whose value is sanitised before it reaches the database."""

    def pre_save(self, model_instance, add):
        value = sanitize(getattr(model_instance, self.attname) or "")
        # For a modeltranslation base field (`body` beside `body_de`...), reading
        # gives the active language *with German fallback*; writing that back
        # would copy German into an empty translation. The `_de/_en/_sl` fields
        # are sanitised by their own pre_save.
        descriptor = inspect.getattr_static(type(model_instance), self.attname, None)
        if not isinstance(descriptor, TranslationFieldDescriptor):
            setattr(model_instance, self.attname, value)
        return value
