import logging
from datetime import UTC

from django.conf import settings
from django.core.mail import mail_managers, send_mail
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import get_language, get_language_from_request
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.decorators.vary import vary_on_headers
from django.views.generic import FormView, TemplateView
from modeltranslation.utils import build_localized_fieldname

from kassel_integration.content import languages, placeholders
from kassel_integration.models import LegalPage, SiteSettings
from kassel_integration.search import engine as site_search
from kassel_integration.site import abuse, home
from kassel_integration.site.forms import BarrierReportForm, SearchForm
from kassel_integration.site.suggestions import search_suggestions

logger = logging.getLogger(__name__)


@require_GET
@vary_on_headers("Accept-Language")
def root_redirect(request):
    """`/` sends visitors to their browser's language, German by default."""
    language = get_language_from_request(request, check_path=False)
    return HttpResponseRedirect(f"/{language}/")


@never_cache
def healthz(request):
    """For load balancers and the Docker HEALTHCHECK: is the database reachable?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure to talk to the database means "not healthy"
        logger.exception("Health check failed")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    # The admin's path is not named: robots.txt is public, and a path nobody
    # guesses is one of its protections (its pages carry "noindex" themselves).
    lines = [
        "User-agent: *",
        "Disallow:",
        # SITE_URL, never the request's Host: this answer is cached and shared.
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """`/favicon.ico`, which browsers and tools ask for whatever the page links: the portal's icon."""
    response = HttpResponseRedirect(static("img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


class HomeView(TemplateView):
    """The home page: what the apps contribute (kassel_integration.site.home)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**home.load(timezone.now()), **kwargs)


def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    # Editors' placeholders are notes to staff (listed on the admin's start page), not
    # information: the public sees only what the page really says. Changed in memory only.
    for code in languages.codes():
        column = build_localized_fieldname("body", code)
        setattr(page, column, placeholders.without_placeholders(getattr(page, column)))
    context = {"page": page, "breadcrumbs": [(page.title, None)]}
    if kind == LegalPage.Kind.ACCESSIBILITY:
        context["report_url"] = reverse("barrier-report")
    return render(request, "legal_page.html", context)


class BarrierReportView(abuse.RateLimitedFormMixin, FormView):
    rate_limit_scope = "barrier-report"
    template_name = "barrier_report.html"
    form_class = BarrierReportForm
    extra_context = {"breadcrumbs": [(_("Report a barrier"), None)]}

    def form_valid(self, form):
        report = form.save(commit=False)
        report.language = get_language()
        report.save()
        transaction.on_commit(lambda: notify_staff(report))
        return HttpResponseRedirect(reverse("barrier-report-thanks"))


def notify_staff(report):
    subject = f"Barriere gemeldet: {report.page_url or '-'}"
    body = f"{report.description}\n\n{report.name} <{report.email}>"
    try:
        if settings.ACCESSIBILITY_FEEDBACK_EMAIL:
            send_mail(subject, body, None, [settings.ACCESSIBILITY_FEEDBACK_EMAIL])
        else:
            mail_managers(subject, body)
    except OSError:
        # The report is stored and listed in the admin; a mail outage loses nothing.
        logger.exception("Could not send barrier report %s by e-mail", report.pk)


class BarrierReportThanksView(TemplateView):
    template_name = "barrier_report_thanks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[
                (_("Report a barrier"), reverse("barrier-report")),
                (_("Thank you"), None),
            ],
            **kwargs,
        )


# ---------------------------------------------------------------- search
SEARCH_PAGE_SIZE = 20


@require_safe
def search(request):
    """Results of the site search, grouped by section; GET only, no cookie, no JavaScript."""
    form = SearchForm(request.GET, auto_id="search-%s")
    valid = form.is_valid()
    query = form.cleaned_data["q"] if valid else ""
    results = site_search.search(query) if query else None
    page = None
    if results:
        page = Paginator(results.hits, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        site_search.decorate(page.object_list, results)
    context = {
        "form": form,
        "query": query,
        "results": results,
        "page_obj": page,
        "groups": site_search.group_hits(page.object_list) if page else [],
        "query_string": urlencode({"q": query}),
        "breadcrumbs": [(_("Site search"), None)],
        "max_hits_per_source": site_search.MAX_HITS_PER_SOURCE,
    }
    if results and results.suggestion:
        context["suggestion_link"] = format_html(
            '<a href="?{}">{}</a>', urlencode({"q": results.suggestion}), results.suggestion
        )
    if not results:
        context.update(search_suggestions())
    response = render(request, "search.html", context, status=200 if valid else 400)
    if query:
        # Every query is its own URL: keep them out of the shared page cache,
        # which would otherwise fill with one-off searches and push out real pages.
        patch_cache_control(response, private=True)
    return response


# ---------------------------------------------------------------- security.txt
@require_safe
def security_txt(request):
    """RFC 9116 contact for security researchers, once staff have entered one."""
    site = SiteSettings.current()
    if site is None or not site.security_contacts:
        # Never invent a contact: no file is better than a wrong address.
        raise Http404
    expires = site.security_txt_expires.astimezone(UTC)
    lines = [
        *(f"Contact: {contact}" for contact in site.security_contacts),
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: de, en, sl",
        f"Canonical: {settings.SITE_URL}{reverse('security-txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# ---------------------------------------------------------------- errors
# Django's defaults render a bare template without the request, which would
# lose the layout, the language and the translated chrome.
def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", {"breadcrumbs": [(_("Page not found"), None)]}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
