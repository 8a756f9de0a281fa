import json

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kassel_integration.content import languages, richtext
from kassel_integration.content.i18n import alternate_urls
from kassel_integration.search.text import plain_text
from kassel_integration.site import template_values

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The page in every language, for hreflang links and the language switcher."""
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
def safe_url(value):
    """A stored URL for href/cite: only http, https, mailto and tel, else ""."""
    return richtext.safe_url(value)


@register.filter
def startswith(value, prefix):
    return str(value).startswith(str(prefix))


# ---------------------------------------------------------------- page metadata
DESCRIPTION_LENGTH = 200
SITE_DESCRIPTION = _(
    "The Integration Officer of the City of Kassel: her tasks, the integration concept "
    "“Alle gehören dazu!” and events such as the Runder Tisch Integration."
)
# As django.utils.html.json_script does: the data can never close the <script> element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _absolute(url):
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def _description_of(obj):
    """The page object's own short text, if it has one."""
    for attr in ("summary", "lead", "description"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and (text := plain_text(value)):
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, URL and locales for the description and Open Graph tags.

    Derived from what every page already gives its template: the breadcrumbs
    (the last one names the page) and the page's object.
    """
    breadcrumbs = context.get("breadcrumbs") or []
    title = str(breadcrumbs[-1][0]) if breadcrumbs else str(settings.SITE_NAME)
    obj = context.get("alternate_object", context.get("object"))
    language = languages.current()
    request = context.get("request")
    return {
        "title": title,
        "description": (obj is not None and _description_of(obj)) or str(SITE_DESCRIPTION),
        "url": _absolute(request.path) if request is not None else settings.SITE_URL,
        # Open Graph wants a territory (settings.LANGUAGE_DETAILS).
        "locale": languages.og_locale(language),
        "alternate_locales": [
            languages.og_locale(code) for code in languages.codes() if code != language
        ],
    }


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context):
    """schema.org BreadcrumbList for the breadcrumbs shown on the page."""
    breadcrumbs = context.get("breadcrumbs") or []
    request = context.get("request")
    if not breadcrumbs or request is None:
        return ""
    trail = [(gettext("Home"), reverse("home")), *breadcrumbs]
    items = []
    for position, (name, url) in enumerate(trail, start=1):
        item = {"@type": "ListItem", "position": position, "name": str(name)}
        if position == len(trail):
            item["item"] = _absolute(request.path)  # the canonical URL of this page
        elif url:
            item["item"] = _absolute(str(url))
        items.append(item)
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped, as json_script does


@register.simple_tag(takes_context=True)
def template_value(context, name):
    """A value an app contributes (site.template_values), unless the view gave it already."""
    if context.get(name) is not None:
        return context[name]
    return template_values.value(name, context.get("request"))
