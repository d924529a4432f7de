from django.apps import AppConfig


class JobappsConfig(AppConfig):
    name = "jobapps"

    def ready(self):
        from .events import applications_changed
        from .selectors import forget_list_counts

        # The paged list's cached totals are dropped on any write to the user's applications.
        applications_changed.connect(forget_list_counts, dispatch_uid="jobapps-list-counts")
