"""Views the API owns itself: unknown paths, Django's error handlers, the health check."""
import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny

from jobhax.celery import app as celery_app

from .envelope import error_body, error_json_response, ok
from .errors import ErrorCode

logger = logging.getLogger("jobhax.api")


@csrf_exempt  # else a POST without a CSRF cookie gets Django's HTML 403 instead of the envelope
def not_found(request, *args, **kwargs):
    """Every unknown path answers the envelope with code 11, whatever the method or DEBUG."""
    return error_json_response(ErrorCode.NOT_FOUND)


def handler404(request, exception=None):
    return error_json_response(ErrorCode.NOT_FOUND)


def handler500(request):
    return error_json_response(ErrorCode.INTERNAL_ERROR)


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:  # the health check reports any failure instead of raising it
        logger.exception("Health check: database unavailable")
        return "unavailable"


def check_broker() -> str:
    if celery_app.conf.task_always_eager:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:  # the health check reports any failure instead of raising it
        logger.exception("Health check: broker unavailable")
        return "unavailable"


@extend_schema(
    summary="Service health: database and broker status",
    responses=inline_serializer(
        "Health",
        {"database": serializers.CharField(), "broker": serializers.CharField()},
    ),
)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def health(request):
    status = {"database": check_database(), "broker": check_broker()}
    if "unavailable" in status.values():
        # 503 tells a load balancer to route around this instance (legacy mode: always 200).
        http_status = 200 if settings.JOBHAX_ERRORS_AS_HTTP_200 else 503
        return JsonResponse(error_body(ErrorCode.INTERNAL_ERROR, status), status=http_status)
    return ok(status)
