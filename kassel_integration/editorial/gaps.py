"""What the public pages still lack, for the admin's start page ("Still missing").

Public pages leave out what is empty (no "not yet entered", no editor's
placeholder); instead staff see here, per language, what to fill in. Each app
contributes a GapCheck for its content (missing contact data, fields of action
without a description, events without a venue); the core checks its legal
pages for placeholders itself (LEGAL_PAGES below). A check costs one query.

Texts come out in the active language (the admin's), read when collected.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from kassel_integration.content import languages, placeholders
from kassel_integration.contributions import contributed
from kassel_integration.models import LegalPage


@dataclass
class Gap:
    label: str  # the item
    url: str  # its form in the admin
    missing: str  # what is missing, in the reader's language
    languages: list[str] = field(default_factory=list)  # codes of the languages concerned


@dataclass(frozen=True)
class GapCheck:
    """`find()` lists the gaps of the content of `model` ("app.Model"), whose admin
    the user must be allowed to view to see them."""

    model: str
    find: Callable[[], list]


def admin_url(obj):
    """The item's form in the admin."""
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[quote(obj.pk)])


def empty_languages(obj, name) -> list[str]:
    """The languages whose own text of the translated field `name` is empty (rich text too).

    An empty source text leaves every language empty (nothing to fall back to).
    """
    empty = [
        code
        for code in languages.codes()
        if not strip_tags(getattr(obj, build_localized_fieldname(name, code), None) or "").strip()
    ]
    return languages.codes() if languages.source() in empty else empty


def every_language() -> list[str]:
    """For what is the same in every language (an address, a venue)."""
    return languages.codes()


def _legal_pages():
    gaps = []
    for page in LegalPage.objects.order_by("kind"):
        concerned = [
            code
            for code in languages.codes()
            if placeholders.has_placeholder(
                getattr(page, build_localized_fieldname("body", code), "")
            )
        ]
        if concerned:
            gaps.append(
                Gap(
                    page.get_kind_display(),
                    admin_url(page),
                    _("The text still contains an editor's placeholder (not shown to visitors)."),
                    concerned,
                )
            )
    return gaps


LEGAL_PAGES = GapCheck("kassel_integration.LegalPage", _legal_pages)


def checks() -> list[GapCheck]:
    return [LEGAL_PAGES, *contributed(GapCheck)]


def collect(site, request) -> list[Gap] | None:
    """Every gap of the content this user may view; None if they may view none of it."""
    visible = []
    for check in checks():
        model_admin = site._registry.get(apps.get_model(check.model))
        if model_admin is not None and model_admin.has_view_permission(request):
            visible.append(check)
    if not visible:
        return None
    gaps = [gap for check in visible for gap in check.find()]
    for gap in gaps:
        gap.missing = str(gap.missing)
        gap.languages = [languages.name(code) for code in gap.languages]
    return gaps
