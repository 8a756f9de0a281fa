"""Translated fields on public pages, with the German fallback made visible.

    {% load translated %}
    {% fallback_section %}
      <h1>{% translated object "title" %}</h1>
      {% fallback_notice %}
      <div class="prose">{% translated object "description" "rich" %}</div>
      {% translation object "focus" as focus %}<ul{{ focus.lang_attribute }}>…</ul>
    {% endfallback_section %}

``{% translated %}`` shows the field in the reader's language; a missing
translation shows the German text inside a ``<span>`` marked with its ``lang``
(``<div>`` for the block formats "rich" and "linebreaks"). ``{% translation %}`` gives the
value and its language for markup of one's own (attributes, lists).
``{% fallback_notice %}`` marks where the section's one notice goes if any
field inside it fell back: the section is rendered first, so the notice can
stand above the texts it is about. Without the marker it opens the section.
"""

from django import template
from django.utils.safestring import mark_safe

from kassel_integration.content.fallback import Collector, notice_html, render, shown

register = template.Library()

COLLECTOR = "_fallback_collector"


def _collect(context, obj, field, value):
    collector = context.get(COLLECTOR)
    if collector is not None:
        collector.add(obj, field, value)


@register.simple_tag(takes_context=True)
def translated(context, obj, field, format="text"):
    value = shown(obj, field)
    _collect(context, obj, field, value)
    return render(value, format)


@register.simple_tag(takes_context=True)
def translation(context, obj, field):
    value = shown(obj, field)
    _collect(context, obj, field, value)
    return value


class FallbackSectionNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        collector = Collector()
        with context.push({COLLECTOR: collector}):
            html = self.nodelist.render(context)
        notice = notice_html() if collector else ""
        if collector.marker in html:
            head, tail = html.split(collector.marker, 1)
            html = head + notice + tail.replace(collector.marker, "")
        else:
            html = notice + html
        return mark_safe(html)  # noqa: S308 - rendered templates plus our own notice


@register.tag
def fallback_section(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("fallback_section takes no arguments.")
    nodelist = parser.parse(("endfallback_section",))
    parser.delete_first_token()
    return FallbackSectionNode(nodelist)


@register.simple_tag(takes_context=True)
def fallback_notice(context):
    collector = context.get(COLLECTOR)
    return mark_safe(getattr(collector, "marker", ""))  # noqa: S308 - our own marker
