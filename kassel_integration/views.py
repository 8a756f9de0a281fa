import logging

from django.conf import settings
from django.core.mail import mail_managers, send_mail
from django.db import connection, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_from_request
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django.views.generic import FormView, TemplateView

from kassel_integration.forms import BarrierReportForm
from kassel_integration.models import LegalPage

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
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL_PATH}",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


class HomeView(TemplateView):
    template_name = "home.html"


def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    context = {"page": page, "breadcrumbs": [(page.title, None)]}
    if kind == LegalPage.Kind.ACCESSIBILITY:
        context["report_url"] = reverse("barrier-report")
    return render(request, "legal_page.html", context)


class BarrierReportView(FormView):
    template_name = "barrier_report.html"
    form_class = BarrierReportForm

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


# ---------------------------------------------------------------- errors
# Django's defaults render a bare template without the request, which would
# lose the layout, the language and the translated chrome.
def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
