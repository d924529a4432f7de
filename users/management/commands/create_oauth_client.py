"""Creates an OAuth client (password grant) for a production deployment and prints its id and
secret once: the secret is stored hashed, so this is the only time it can be read.

    manage.py create_oauth_client "JobHax web"                 # confidential: id + secret
    manage.py create_oauth_client "JobHax extension" --public  # public: id only (no secret)
"""

from django.core.management.base import BaseCommand, CommandError
from oauth2_provider.generators import generate_client_id, generate_client_secret
from oauth2_provider.models import Application


class Command(BaseCommand):
    help = "Create an OAuth client (password grant) and print its credentials once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="a name people will recognise in the admin")
        kind = parser.add_mutually_exclusive_group()
        kind.add_argument(
            "--confidential",
            dest="public",
            action="store_false",
            help="a server-side or trusted client with a secret (the default)",
        )
        kind.add_argument(
            "--public",
            dest="public",
            action="store_true",
            help="a client that cannot keep a secret (browser extension)",
        )
        # Both flags share `public`; argparse would take the first one's default (True).
        parser.set_defaults(public=False)
        parser.add_argument(
            "--client-id", default="", help="use this id instead of a random one (must be new)"
        )

    def handle(self, *args, name: str, public: bool, client_id: str, **options):
        name = name.strip()
        if not name:
            raise CommandError("The client needs a non-empty name.")
        client_id = client_id.strip() or generate_client_id()
        if Application.objects.filter(client_id=client_id).exists():
            raise CommandError(f"An OAuth client with id {client_id!r} already exists.")
        secret = "" if public else generate_client_secret()
        Application.objects.create(
            name=name,
            client_id=client_id,
            client_secret=secret,  # hashed on save
            client_type=Application.CLIENT_PUBLIC if public else Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_PASSWORD,
        )
        self.stdout.write(f"client_id={client_id}")
        if secret:
            self.stdout.write(f"client_secret={secret}")
            self.stderr.write("Store the secret now: it is kept hashed and cannot be shown again.")
