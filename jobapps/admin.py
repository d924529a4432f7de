from django.contrib import admin

from .models import ApplicationStatus, JobApplication, JobEmail, Note, StatusHistory


@admin.register(ApplicationStatus)
class ApplicationStatusAdmin(admin.ModelAdmin):
    list_display = ["id", "value"]


class StatusHistoryInline(admin.TabularInline):
    model = StatusHistory
    extra = 0
    fields = ["application_status", "changed_at", "changed_by", "msg_id", "evidence"]


class NoteInline(admin.TabularInline):
    model = Note
    extra = 0
    fields = ["description", "created_date", "update_date"]
    readonly_fields = ["created_date"]


@admin.register(JobApplication)
class JobApplicationAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "user",
        "job_title",
        "company",
        "application_status",
        "apply_date",
        "source",
        "is_rejected",
        "is_deleted",
    ]
    list_filter = ["application_status", "is_rejected", "is_deleted", "source"]
    search_fields = ["job_title", "company", "user__username", "msg_id", "job_url"]
    list_select_related = ["user", "application_status"]
    raw_id_fields = ["user"]
    date_hierarchy = "apply_date"
    inlines = [StatusHistoryInline, NoteInline]


@admin.register(JobEmail)
class JobEmailAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "subject", "kind", "outcome", "date", "job_application"]
    list_filter = ["kind", "outcome"]
    search_fields = ["subject", "sender", "msg_id", "user__username"]
    list_select_related = ["user", "job_application"]
    raw_id_fields = ["user", "job_application"]
