from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kassel_integration.editorial import workflow as editorial
from kassel_integration.site import media, views
from kassel_integration.site.sitemaps import sitemaps

handler400 = "kassel_integration.site.views.bad_request"
handler403 = "kassel_integration.site.views.permission_denied"
handler404 = "kassel_integration.site.views.page_not_found"
handler500 = "kassel_integration.site.views.server_error"

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    # Uploaded images; answers 404 throughout with DJANGO_SERVE_MEDIA=false (a proxy serves them).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path(_("imprint/"), views.legal_page, {"kind": "imprint"}, name="imprint"),
    path(_("privacy/"), views.legal_page, {"kind": "privacy"}, name="privacy"),
    path(_("accessibility/"), views.legal_page, {"kind": "accessibility"}, name="accessibility"),
    path(
        _("accessibility/report-a-barrier/"),
        views.BarrierReportView.as_view(),
        name="barrier-report",
    ),
    path(
        _("accessibility/report-a-barrier/thank-you/"),
        views.BarrierReportThanksView.as_view(),
        name="barrier-report-thanks",
    ),
    path(_("search/"), views.search, name="search"),
    path(format_lazy("{}<str:label>/<int:pk>/", _("preview/")), editorial.preview, name="preview"),
    path(_("integration-officer/"), include("officers.urls")),
    path(_("integration-concept/"), include("concept.urls")),
    path(_("events/"), include("events.urls")),
    prefix_default_language=True,
)
