from django.apps import AppConfig


class JobappsConfig(AppConfig):
    name = "jobapps"
