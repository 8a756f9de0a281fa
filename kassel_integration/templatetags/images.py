"""{% image obj "field" sizes="12rem" class="..." %}: a responsive image with its text alternative.

The image comes with its smaller copies in srcset, its width and height (so the
page keeps its layout while it loads), and its description in the reader's
language; a German description shown in place of a missing translation is
marked with its lang and counted for the section's "not yet translated" notice,
like every other field. An image marked decorative gets alt="" so screen
readers skip it.
"""

from django import template
from django.template.loader import render_to_string

from kassel_integration.content.fallback import shown
from kassel_integration.content.images import responsive
from kassel_integration.templatetags.translated import _collect

register = template.Library()


@register.simple_tag(takes_context=True)
def image(context, obj, field_name, sizes="100vw", css_class=""):
    fieldfile = getattr(obj, field_name)
    if not fieldfile:
        return ""
    field = obj._meta.get_field(field_name)
    decorative = bool(field.decorative_field and getattr(obj, field.decorative_field))
    alt = None
    if not decorative:
        alt = shown(obj, field.alt_field)
        _collect(context, obj, field.alt_field, alt)
    width = getattr(obj, field.width_field) if field.width_field else None
    height = getattr(obj, field.height_field) if field.height_field else None
    if not (width and height):
        width, height = fieldfile.width, fieldfile.height
    renditions = getattr(obj, field.renditions_field) if field.renditions_field else []
    return render_to_string(
        "includes/image.html",
        {
            "image": responsive(fieldfile, renditions, width, height),
            "alt": alt,
            "decorative": decorative,
            "sizes": sizes,
            "class": css_class,
        },
    )
