"""A URLconf for the foundation tests: the real routes plus views that fail on purpose."""

from django.urls import path
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle

from jobhax.api.envelope import ok
from jobhax.api.routing import endpoint
from jobhax.urls import urlpatterns as real_patterns


class OncePerMinute(AnonRateThrottle):
    rate = "1/min"


@api_view(["POST"])
@permission_classes([AllowAny])
def echo(request):
    return ok(request.data)


@api_view(["GET"])
def private(request):
    return ok({"user": request.user.username})


@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([OncePerMinute])
def limited(request):
    return ok(None)


@api_view(["GET"])
@permission_classes([AllowAny])
def drf_boom(request):
    raise RuntimeError("secret internal detail")


def django_boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [
    endpoint("api/test/echo", echo),
    endpoint("api/test/private", private),
    endpoint("api/test/limited", limited),
    endpoint("api/test/drf_boom", drf_boom),
    path("api/test/django_boom", django_boom),
    *real_patterns,
]
