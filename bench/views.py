"""The benchmark's reference endpoints, mounted only by bench/settings.py.

* `floor`: the least an authenticated endpoint can cost, the yardstick of every ratio in
  bench/RESULTS.md. The same bearer-token check as every API view (django-oauth-toolkit through
  jobhax.api.authentication: one query for the token, its user and client), one query, a small
  envelope; a plain Django view (no DRF request, negotiation, throttling or renderer), through
  the same middleware and gunicorn workers as everything else.
* `word_count_2019`: the 2019 backend's word cloud, a plain GROUP BY on the stored company
  through a DRF view as that backend had it (it grouped "Acme" and "ACME " apart). The
  company/title groupings are held to at least its speed.
"""

from django.db.models import Count
from django.http import JsonResponse
from rest_framework.decorators import api_view

from jobapps.models import ApplicationStatus, JobApplication
from jobhax.api.authentication import BearerTokenAuthentication
from jobhax.api.envelope import error_json_response, ok, success_body
from jobhax.api.errors import ErrorCode


def floor(request):
    authenticated = BearerTokenAuthentication().authenticate(request)
    if authenticated is None:
        return error_json_response(ErrorCode.NOT_AUTHENTICATED)
    return JsonResponse(success_body(list(ApplicationStatus.objects.values_list("id", "value"))))


@api_view(["GET"])
def word_count_2019(request):
    rows = (
        JobApplication.objects.filter(user=request.user, is_deleted=False)
        .values("company")
        .annotate(count=Count("company"))
        .order_by("-count")
    )
    return ok([{"word": row["company"], "value": row["count"]} for row in rows])
