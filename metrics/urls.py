from jobhax.api.routing import endpoint

from . import apis

urlpatterns = [
    endpoint("get_total_application_count", apis.get_total_application_count),
    endpoint("get_application_count_by_month", apis.get_application_count_by_month),
    endpoint(
        "get_application_count_by_month_with_total",
        apis.get_application_count_by_month_with_total,
    ),
    endpoint("get_count_by_statuses", apis.get_count_by_statuses),
    endpoint("get_word_count", apis.get_word_count),
    endpoint("get_count_by_jobtitle_and_statuses", apis.get_count_by_jobtitle_and_statuses),
    endpoint("get_funnel", apis.get_funnel),
    endpoint("get_response_times", apis.get_response_times),
    endpoint("get_weekly_counts", apis.get_weekly_counts),
    endpoint("get_top_companies", apis.get_top_companies),
    endpoint("get_top_titles", apis.get_top_titles),
    endpoint("get_status_flow", apis.get_status_flow),
]
