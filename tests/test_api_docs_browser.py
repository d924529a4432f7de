"""Swagger UI and ReDoc render in a real browser from the server's own pinned assets
(drf-spectacular-sidecar): Chromium, with every host name but the server's unresolvable, shows
the endpoints listed. Skips without Chromium (`apt-get install chromium`; CI installs it)."""

import re
import shutil
import subprocess

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (apt-get install chromium)"),
]

# Endpoints from each app, as both pages list them.
LISTED = [
    "/api/users/login",
    "/api/jobapps/add_jobapp",
    "/api/metrics/get_funnel",
    "/api/users/get_sync_status",
]


def rendered_dom(url: str) -> str:
    """The page's DOM after its scripts ran, in headless Chromium with no network but the
    server: a CDN or any other host does not resolve."""
    assert CHROMIUM is not None  # pytestmark skips this module without it
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def external_assets(html: str) -> list[str]:
    return [
        url
        for url in re.findall(r"""(?:src|href)=["']([^"']+)""", html)
        if re.match(r"(https?:)?//", url)
    ]


@pytest.fixture
def docs_server(live_server, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    return live_server.url.replace("127.0.0.1", "localhost")


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_pages_load_nothing_from_other_hosts(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert external_assets(response.content.decode()) == []


def test_swagger_ui_lists_the_endpoints_offline(docs_server):
    dom = rendered_dom(f"{docs_server}/api/docs/")
    assert 'class="swagger-ui' in dom
    operations = set(re.findall(r'data-path="([^"]+)"', dom))
    assert set(LISTED) <= operations, sorted(operations)[:10]
    assert len(operations) > 40


def test_redoc_lists_the_endpoints_offline(docs_server):
    dom = rendered_dom(f"{docs_server}/api/redoc/")
    assert "JobHax API" in dom
    for path in LISTED:
        assert path in dom
