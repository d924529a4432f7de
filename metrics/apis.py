"""One small GET view per metric: parse the query, call the (cached) selector, return data."""
from functools import partial

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view

from jobhax.api.envelope import ok
from jobhax.api.validation import validated_query

from . import schemas, selectors
from .cache import cached_metric


def metric_response(request, name: str, selector, **params):
    user_id = request.user.id
    compute = partial(selector, user_id=user_id, **params)
    return ok(cached_metric(user_id, name, compute, *params.values()))


def metric_schema(summary: str, data_schema: dict, **kwargs):
    return extend_schema(tags=["metrics"], summary=summary, responses={200: data_schema}, **kwargs)


class TopListInput(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1, max_value=100, default=10, help_text="How many entries (1-100)."
    )


def parse_limit(request) -> int:
    return validated_query(request, TopListInput)["limit"]


@metric_schema("Number of live applications", schemas.TOTAL_APPLICATION_COUNT)
@api_view(["GET"])
def get_total_application_count(request):
    return metric_response(request, "total", selectors.total_application_count)


@metric_schema(
    "Applications per source for the last 12 calendar months",
    schemas.APPLICATION_COUNT_BY_MONTH,
)
@api_view(["GET"])
def get_application_count_by_month(request):
    return metric_response(request, "by_month", selectors.application_counts_by_month)


@metric_schema(
    "Applications per source for the last 12 calendar months, with a Total row",
    schemas.APPLICATION_COUNT_BY_MONTH_WITH_TOTAL,
)
@api_view(["GET"])
def get_application_count_by_month_with_total(request):
    return metric_response(
        request, "by_month_with_total", selectors.application_counts_by_month, with_total=True
    )


@metric_schema("Applications per current status", schemas.COUNT_BY_STATUSES)
@api_view(["GET"])
def get_count_by_statuses(request):
    return metric_response(request, "by_status", selectors.count_by_statuses)


@metric_schema("Applications per company (the word cloud)", schemas.WORD_COUNT)
@api_view(["GET"])
def get_word_count(request):
    return metric_response(request, "word_count", selectors.word_count)


@metric_schema(
    "Applications per job title and status", schemas.COUNT_BY_JOBTITLE_AND_STATUSES
)
@api_view(["GET"])
def get_count_by_jobtitle_and_statuses(request):
    return metric_response(request, "by_title_and_status", selectors.count_by_jobtitle_and_statuses)


@metric_schema(
    "How many applications reached each pipeline stage, conversion and rejections per stage",
    schemas.FUNNEL,
)
@api_view(["GET"])
def get_funnel(request):
    return metric_response(request, "funnel", selectors.funnel)


@metric_schema(
    "Median and mean days from applying to the employer's first answer, overall and per source",
    schemas.RESPONSE_TIMES,
)
@api_view(["GET"])
def get_response_times(request):
    return metric_response(request, "response_times", selectors.response_times)


@metric_schema("Applications per ISO week, last 12 weeks", schemas.WEEKLY_COUNTS)
@api_view(["GET"])
def get_weekly_counts(request):
    return metric_response(request, "weekly", selectors.weekly_counts)


@metric_schema(
    "Companies applied to most (grouped ignoring case and spaces)",
    schemas.TOP_ENTRIES,
    parameters=[TopListInput],
)
@api_view(["GET"])
def get_top_companies(request):
    return metric_response(
        request, "top_companies", selectors.top_companies, limit=parse_limit(request)
    )


@metric_schema(
    "Job titles applied to most (grouped ignoring case and spaces)",
    schemas.TOP_ENTRIES,
    parameters=[TopListInput],
)
@api_view(["GET"])
def get_top_titles(request):
    return metric_response(request, "top_titles", selectors.top_titles, limit=parse_limit(request))


@metric_schema(
    "How applications flowed from stage to stage (the links of a Sankey chart)",
    schemas.STATUS_FLOW,
    description="From the status history: each link counts the applications that went from "
    "one stage to a further one (moves back are corrections and are left out; statuses "
    "outside To Apply → Applied → Phone Screen → Onsite Interview → Offer are no stage), and "
    "from the furthest stage each reached to the terminal stages `Rejected` (rejected) and "
    "`No response` (still Applied, recorded ghosted by the daily task). Pipeline order, "
    "terminal links last.",
)
@api_view(["GET"])
def get_status_flow(request):
    return metric_response(request, "status_flow", selectors.status_flow)
