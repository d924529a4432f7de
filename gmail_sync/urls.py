"""Mounted at `/api/users/` (jobhax/urls.py), where the contract has these endpoints."""

from jobhax.api.routing import endpoint

from . import apis

urlpatterns = [
    endpoint("update_gmail_token", apis.UpdateGmailTokenApi.as_view()),
    endpoint("sync_user_emails", apis.SyncUserEmailsApi.as_view()),
    endpoint("get_sync_status", apis.SyncStatusApi.as_view()),
    # The seed spells this endpoint both ways; clients use either.
    endpoint("get_user_google_mails", apis.GoogleMailsApi.as_view()),
    endpoint(
        "get_user_google_emails",
        apis.GoogleMailsApi.as_view(),
        url_name="get_user_google_emails",
    ),
]
