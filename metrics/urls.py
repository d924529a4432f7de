from jobhax.api.routing import endpoint

from . import apis

urlpatterns = [
    endpoint("get_total_application_count", apis.TotalApplicationCountApi.as_view()),
    endpoint("get_application_count_by_month", apis.ApplicationCountByMonthApi.as_view()),
    endpoint(
        "get_application_count_by_month_with_total",
        apis.ApplicationCountByMonthWithTotalApi.as_view(),
    ),
    endpoint("get_count_by_statuses", apis.CountByStatusesApi.as_view()),
    endpoint("get_word_count", apis.WordCountApi.as_view()),
    endpoint("get_count_by_jobtitle_and_statuses", apis.CountByJobtitleAndStatusesApi.as_view()),
    endpoint("get_funnel", apis.FunnelApi.as_view()),
    endpoint("get_response_times", apis.ResponseTimesApi.as_view()),
    endpoint("get_weekly_counts", apis.WeeklyCountsApi.as_view()),
    endpoint("get_top_companies", apis.TopCompaniesApi.as_view()),
    endpoint("get_top_titles", apis.TopTitlesApi.as_view()),
    endpoint("get_status_flow", apis.StatusFlowApi.as_view()),
]
