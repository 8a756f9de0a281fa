from django import template

from kassel_integration.editorial import attention as admin_attention

register = template.Library()


@register.inclusion_tag("admin/kassel_integration/attention.html", takes_context=True)
def attention_panel(context):
    """The work waiting for the signed-in user, at the top of the admin's start page."""
    attention = admin_attention.collect(context["request"])
    # The apps' sections, each with the template that renders it.
    panels = [(panel.template, attention[panel.key]) for panel in admin_attention.panels()]
    return {"attention": attention, "panels": panels}
