from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "metrics"

    def ready(self):
        from jobapps.events import applications_changed

        from .cache import on_applications_changed

        # Any write to a user's applications makes their cached metrics stale.
        applications_changed.connect(on_applications_changed, dispatch_uid="metrics-cache")
