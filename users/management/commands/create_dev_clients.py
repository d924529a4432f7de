"""Creates (or resets) the OAuth applications a development setup needs, and prints them.

Idempotent: running it again leaves one application of each and the same credentials. The web
client's secret is well known (it is in the README), so with DEBUG off the command refuses unless
`--allow-without-debug` says this is a throwaway server (the Postman run, a benchmark);
production clients come from `create_oauth_client`.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from oauth2_provider.models import Application

from jobhax.settings import env

WEB_CLIENT_NAME = "JobHax development client"
EXTENSION_CLIENT_NAME = "JobHax browser extension"


class Command(BaseCommand):
    help = "Create the development OAuth clients (password grant) and print their credentials."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="create them even with DEBUG off (a throwaway test server, never production)",
        )

    def handle(self, *args, allow_without_debug: bool = False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "DEBUG is off: the development clients have a well-known secret and are not "
                "created. Use `manage.py create_oauth_client` for real clients, or pass "
                "--allow-without-debug for a throwaway test server."
            )
        web_id = env("DEV_OAUTH_CLIENT_ID", "jobhax-dev-client")
        web_secret = env("DEV_OAUTH_CLIENT_SECRET", "jobhax-dev-secret")
        extension_id = env("EXTENSION_OAUTH_CLIENT_ID", "jobhax-extension")
        self._ensure(WEB_CLIENT_NAME, web_id, Application.CLIENT_CONFIDENTIAL, web_secret)
        # The extension ships no secret: a public client that only knows its id.
        self._ensure(EXTENSION_CLIENT_NAME, extension_id, Application.CLIENT_PUBLIC, "")
        self.stdout.write(
            "Development OAuth clients (password grant):\n"
            f"  web client / Postman: client_id={web_id} client_secret={web_secret}\n"
            f"  browser extension:    client_id={extension_id} (public, no secret)\n"
        )

    def _ensure(self, name: str, client_id: str, client_type: str, secret: str) -> None:
        app, _ = Application.objects.get_or_create(
            client_id=client_id,
            defaults={
                "name": name,
                "client_type": client_type,
                "authorization_grant_type": Application.GRANT_PASSWORD,
            },
        )
        app.name = name
        app.client_type = client_type
        app.authorization_grant_type = Application.GRANT_PASSWORD
        if secret:
            app.client_secret = secret  # hashed on save
        app.save()
