from django import template

from kassel_integration import richtext
from kassel_integration.i18n import alternate_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The page in de/en/sl, for hreflang links and the language switcher."""
    request = context.get("request")
    if request is None:
        return []
    obj = context.get("alternate_object", context.get("object"))
    return alternate_urls(request, obj)


@register.filter
def rich(value):
    """Render editorial rich text, sanitised again on the way out."""
    return richtext.render(value or "")


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))
