from django.urls import re_path


def endpoint(name: str, view, **kwargs):
    """A URL pattern for `name` that matches with and without a trailing slash (clients differ,
    and a slash redirect would turn their POSTs into GETs)."""
    return re_path(rf"^{name}/?$", view, name=kwargs.pop("url_name", name), **kwargs)
