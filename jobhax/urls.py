from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from jobhax.api import views as api_views
from jobhax.api.routing import endpoint

urlpatterns = [
    path("admin/", admin.site.urls),
    endpoint("api/health", api_views.health),
    endpoint("api/schema", SpectacularAPIView.as_view(), url_name="schema"),
    endpoint("api/docs", SpectacularSwaggerView.as_view(url_name="schema"), url_name="swagger-ui"),
    endpoint("api/redoc", SpectacularRedocView.as_view(url_name="schema"), url_name="redoc"),
    path("api/users/", include("users.urls")),
    # The Gmail endpoints: under /api/users/ as the contract has them, owned by gmail_sync.
    path("api/users/", include("gmail_sync.urls")),
    path("api/jobapps/", include("jobapps.urls")),
    path("api/metrics/", include("metrics.urls")),
    # Last: any other path is the envelope's "not found", never Django's HTML page.
    re_path(r"^(?!admin|static/).*$", api_views.not_found),
]

handler400 = "jobhax.api.views.handler400"
handler404 = "jobhax.api.views.handler404"
handler500 = "jobhax.api.views.handler500"
