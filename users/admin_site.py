"""The admin site, with its login throttled in the same buckets as the API's login (per
address, per account and address, per account), so the admin page is no way around them."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpResponse

from .throttles import wait_for_login


class ThrottledAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        if request.method == "POST":
            wait = wait_for_login(request)
            if wait is not None:
                return HttpResponse(
                    "Too many login attempts. Try again later.\n",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                    headers={"Retry-After": str(max(1, int(wait + 0.999)))},
                )
        return super().login(request, extra_context)


class ThrottledAdminConfig(AdminConfig):
    """Installed instead of "django.contrib.admin" (settings.INSTALLED_APPS)."""

    default_site = "users.admin_site.ThrottledAdminSite"
