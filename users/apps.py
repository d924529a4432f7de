from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "users"

    def ready(self):
        from . import checks, signals  # noqa: F401 (registers the receivers and checks)
