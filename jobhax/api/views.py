"""Views the API owns itself: unknown paths, Django's error handlers, the health check."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny

from jobhax.celery import app as celery_app

from .envelope import error_body, error_json_response, error_status, ok
from .errors import ErrorCode
from .exceptions import expected_failure_code, first_line, retry_after_headers

logger = logging.getLogger("jobhax.api")


@csrf_exempt  # else a POST without a CSRF cookie gets Django's HTML 403 instead of the envelope
def not_found(request, *args, **kwargs):
    """Every unknown path answers the envelope with code 11, whatever the method or DEBUG."""
    return error_json_response(ErrorCode.NOT_FOUND)


def handler404(request, exception=None):
    return error_json_response(ErrorCode.NOT_FOUND)


def handler400(request, exception=None):
    """Django's answer to a SuspiciousOperation outside a view (e.g. a body over its limits
    read by a middleware): 18 for the size limits, else 10."""
    code = expected_failure_code(request, exception) if exception is not None else None
    if code is None:
        code = ErrorCode.INVALID_PARAMETERS
    return error_json_response(code)


def handler500(request):
    return error_json_response(ErrorCode.INTERNAL_ERROR)


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # the health check reports any failure instead of raising it
        logger.warning("Health check: database unavailable: %s", first_line(error))
        return "unavailable"


def check_broker() -> str:
    if celery_app.conf.task_always_eager:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as error:  # the health check reports any failure instead of raising it
        logger.warning("Health check: broker unavailable: %s", first_line(error))
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
        code = ErrorCode.SERVICE_UNAVAILABLE
        return JsonResponse(
            error_body(code, status), status=error_status(code), headers=retry_after_headers(code)
        )
    return ok(status)
