import pytest


@pytest.fixture(params=[0, 300], ids=["cache-off", "cache-on"])
def metrics_cache(request, settings):
    """Runs a test with the metrics cache disabled and enabled: the answers must not differ."""
    settings.METRICS_CACHE_SECONDS = request.param
    return request.param
