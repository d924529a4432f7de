"""The Gmail endpoints. The contract puts them under `/api/users/` (CONTRACT.md §3, §6);
jobhax/urls.py mounts gmail_sync/urls.py at that prefix."""

from drf_spectacular.utils import extend_schema
from rest_framework.views import APIView

from jobhax.api.envelope import ok
from jobhax.api.validation import validated

from . import selectors, serializers, services


class UpdateGmailTokenApi(APIView):
    @extend_schema(request=serializers.GmailTokenInput, responses=serializers.SyncStatusOutput)
    def post(self, request):
        data = validated(serializers.GmailTokenInput, request.data)
        state = services.gmail_token_update(
            user=request.user, access_token=data["token"], refresh_token=data["refresh_token"]
        )
        return ok(state.as_status())


class SyncUserEmailsApi(APIView):
    @extend_schema(responses=serializers.SyncStatusOutput)
    def get(self, request):
        return ok(services.sync_request(user=request.user))


class SyncStatusApi(APIView):
    @extend_schema(responses=serializers.SyncStatusOutput)
    def get(self, request):
        return ok(selectors.sync_status(user=request.user))


class GoogleMailsApi(APIView):
    @extend_schema(responses=serializers.GoogleMailOutput(many=True))
    def get(self, request):
        return ok(selectors.job_email_list(user=request.user))
