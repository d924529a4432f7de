from jobhax.api.routing import endpoint

from . import apis

urlpatterns = [
    endpoint("get_jobapps", apis.JobappListApi.as_view()),
    endpoint("get_statuses", apis.StatusListApi.as_view()),
    endpoint("get_status_history", apis.StatusHistoryApi.as_view()),
    endpoint("add_jobapp", apis.JobappCreateApi.as_view()),
    endpoint("update_jobapp", apis.JobappUpdateApi.as_view()),
    endpoint("edit_jobapp", apis.JobappEditApi.as_view()),
    endpoint("delete_jobapp", apis.JobappDeleteApi.as_view()),
    endpoint("get_jobapp_detail", apis.JobappDetailApi.as_view()),
    endpoint("add_jobapp_note", apis.NoteCreateApi.as_view()),
    endpoint("get_jobapp_notes", apis.NoteListApi.as_view()),
    endpoint("update_jobapp_note", apis.NoteUpdateApi.as_view()),
    endpoint("delete_jobapp_note", apis.NoteDeleteApi.as_view()),
    endpoint("add_jobapp_contact", apis.ContactCreateApi.as_view()),
    endpoint("get_jobapp_contacts", apis.ContactListApi.as_view()),
    endpoint("update_jobapp_contact", apis.ContactUpdateApi.as_view()),
    endpoint("delete_jobapp_contact", apis.ContactDeleteApi.as_view()),
    endpoint("add_jobapp_event", apis.EventCreateApi.as_view()),
    endpoint("get_jobapp_events", apis.EventListApi.as_view()),
    endpoint("update_jobapp_event", apis.EventUpdateApi.as_view()),
    endpoint("delete_jobapp_event", apis.EventDeleteApi.as_view()),
    endpoint("get_follow_ups", apis.FollowUpListApi.as_view()),
    endpoint("capture", apis.CaptureApi.as_view()),
    endpoint(r"export_jobapps\.csv", apis.JobappExportApi.as_view(), url_name="export_jobapps"),
    endpoint("import_jobapps_csv", apis.JobappImportApi.as_view()),
]
