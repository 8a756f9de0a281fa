"""Values the apps offer to every public template, such as the office's contact details.

The core's templates (the frame, the home page) show things the apps own
without the core importing an app: an app contributes a TemplateValue, and a
template asks for it by name, e.g. in ``templates/includes/contact_box.html``::

    contribute(TemplateValue("contact_details", contact_details))  # <app>/contributions.py
    {% template_value "contact_details" as contact_details %}        # a template

`load(request)` runs at most once per request, only when a template asks for
it; a view that has loaded the value already puts it into the template's
context under the same name, and the template uses that instead.
"""

from collections.abc import Callable
from dataclasses import dataclass

from kassel_integration.contributions import contributed

_LOADED = "_template_values"


@dataclass(frozen=True)
class TemplateValue:
    name: str
    load: Callable


def value(name, request):
    """The contributed value `name` for this request, or None if no app offers it."""
    cache = getattr(request, _LOADED, None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            setattr(request, _LOADED, cache)
    if name not in cache:
        offered = next((item for item in contributed(TemplateValue) if item.name == name), None)
        cache[name] = offered.load(request) if offered else None
    return cache[name]
