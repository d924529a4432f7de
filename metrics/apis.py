"""One small GET view per metric: parse the query, call the (cached) selector, return data."""

from functools import partial

from drf_spectacular.utils import extend_schema
from rest_framework.utils.formatting import camelcase_to_spaces
from rest_framework.views import APIView

from jobhax.api.envelope import ok
from jobhax.api.validation import validated_query

from . import selectors
from .cache import cached_metric
from .serializers import (
    ApplicationCountByMonthOutput,
    ApplicationCountByMonthWithTotalOutput,
    CountByJobtitleAndStatusesOutput,
    FunnelOutput,
    ResponseTimesOutput,
    StatusCountsOutput,
    StatusFlowOutput,
    TopEntriesOutput,
    TopListInput,
    TotalApplicationCountOutput,
    WeeklyCountsOutput,
    WordCountsOutput,
)

TAGS = ["metrics"]


def metric_response(request, name: str, selector, **params):
    user = request.user
    compute = partial(selector, user=user, **params)
    return ok(cached_metric(user.id, name, compute, *params.values()))


def parse_limit(request) -> int:
    return validated_query(request, TopListInput)["limit"]


class MetricApi(APIView):
    # GET only (and the CORS preflight's OPTIONS): no HEAD.
    http_method_names = ["get", "options"]

    def get_view_name(self) -> str:
        """The name an OPTIONS answer gives: the endpoint's ("Get Word Count"), as when each
        metric was a function named after its endpoint."""
        name = getattr(self.request.resolver_match, "url_name", None) or type(self).__name__
        return camelcase_to_spaces(name)


class TotalApplicationCountApi(MetricApi):
    @extend_schema(
        tags=TAGS, summary="Number of live applications", responses=TotalApplicationCountOutput
    )
    def get(self, request):
        return metric_response(request, "total", selectors.total_application_count)


class ApplicationCountByMonthApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="Applications per source for the last 12 calendar months",
        responses=ApplicationCountByMonthOutput,
    )
    def get(self, request):
        return metric_response(request, "by_month", selectors.application_counts_by_month)


class ApplicationCountByMonthWithTotalApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="Applications per source for the last 12 calendar months, with a Total row",
        responses=ApplicationCountByMonthWithTotalOutput,
    )
    def get(self, request):
        return metric_response(
            request, "by_month_with_total", selectors.application_counts_by_month, with_total=True
        )


class CountByStatusesApi(MetricApi):
    @extend_schema(
        tags=TAGS, summary="Applications per current status", responses=StatusCountsOutput
    )
    def get(self, request):
        return metric_response(request, "by_status", selectors.count_by_statuses)


class WordCountApi(MetricApi):
    @extend_schema(
        tags=TAGS, summary="Applications per company (the word cloud)", responses=WordCountsOutput
    )
    def get(self, request):
        return metric_response(request, "word_count", selectors.word_count)


class CountByJobtitleAndStatusesApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="Applications per job title and status",
        responses=CountByJobtitleAndStatusesOutput,
    )
    def get(self, request):
        return metric_response(
            request, "by_title_and_status", selectors.count_by_jobtitle_and_statuses
        )


class FunnelApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="How many applications reached each pipeline stage, conversion and rejections "
        "per stage",
        responses=FunnelOutput,
    )
    def get(self, request):
        return metric_response(request, "funnel", selectors.funnel)


class ResponseTimesApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="Median and mean days from applying to the employer's first answer, overall "
        "and per source",
        responses=ResponseTimesOutput,
    )
    def get(self, request):
        return metric_response(request, "response_times", selectors.response_times)


class WeeklyCountsApi(MetricApi):
    @extend_schema(
        tags=TAGS, summary="Applications per ISO week, last 12 weeks", responses=WeeklyCountsOutput
    )
    def get(self, request):
        return metric_response(request, "weekly", selectors.weekly_counts)


class TopCompaniesApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="Companies applied to most (grouped ignoring case and spaces)",
        parameters=[TopListInput],
        responses=TopEntriesOutput,
    )
    def get(self, request):
        return metric_response(
            request, "top_companies", selectors.top_companies, limit=parse_limit(request)
        )


class TopTitlesApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="Job titles applied to most (grouped ignoring case and spaces)",
        parameters=[TopListInput],
        responses=TopEntriesOutput,
    )
    def get(self, request):
        return metric_response(
            request, "top_titles", selectors.top_titles, limit=parse_limit(request)
        )


class StatusFlowApi(MetricApi):
    @extend_schema(
        tags=TAGS,
        summary="How applications flowed from stage to stage (the links of a Sankey chart)",
        description="From the status history: each link counts the applications that went from "
        "one stage to a further one (moves back are corrections and are left out; statuses "
        "outside To Apply → Applied → Phone Screen → Onsite Interview → Offer are no stage), and "
        "from the furthest stage each reached to the terminal stages `Rejected` (rejected) and "
        "`No response` (still Applied, recorded ghosted by the daily task). Pipeline order, "
        "terminal links last.",
        responses=StatusFlowOutput,
    )
    def get(self, request):
        return metric_response(request, "status_flow", selectors.status_flow)
