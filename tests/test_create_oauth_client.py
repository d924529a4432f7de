"""`manage.py create_oauth_client`, as the README's production section runs it."""

from io import StringIO

import pytest
from django.core.management import call_command
from oauth2_provider.models import Application

pytestmark = pytest.mark.django_db


def create(*args: str) -> dict[str, str]:
    out = StringIO()
    call_command("create_oauth_client", *args, stdout=out, stderr=StringIO())
    return dict(line.split("=", 1) for line in out.getvalue().split())


def test_a_client_is_confidential_by_default_and_its_secret_logs_in(api_client, user):
    client = create("JobHax web")
    assert set(client) == {"client_id", "client_secret"}
    app = Application.objects.get(client_id=client["client_id"])
    assert app.client_type == Application.CLIENT_CONFIDENTIAL
    response = api_client.post(
        "/api/users/login",
        {**client, "username": user.username, "password": "correct-horse-battery-staple"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    wrong = api_client.post(
        "/api/users/login",
        {
            **client,
            "client_secret": "guess",
            "username": user.username,
            "password": "correct-horse-battery-staple",
        },
        format="json",
    )
    assert wrong.status_code == 401


def test_a_public_client_has_no_secret():
    client = create("JobHax extension", "--public")
    assert set(client) == {"client_id"}
    app = Application.objects.get(client_id=client["client_id"])
    assert app.client_type == Application.CLIENT_PUBLIC
