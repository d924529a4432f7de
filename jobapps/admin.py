from django.contrib import admin

from .answers import refresh_first_answers
from .live_counts import refresh_live_counts
from .models import ApplicationStatus, JobApplication, JobEmail, Note, StatusHistory


@admin.register(ApplicationStatus)
class ApplicationStatusAdmin(admin.ModelAdmin):
    list_display = ["id", "value"]

    # A deleted status leaves its history rows without one, which are then no answer
    # (jobapps.answers).
    def delete_queryset(self, request, queryset):
        changed = list(
            StatusHistory.objects.filter(application_status__in=queryset).values_list(
                "job_application_id", flat=True
            )
        )
        super().delete_queryset(request, queryset)
        refresh_first_answers(changed)

    def delete_model(self, request, obj):
        self.delete_queryset(request, ApplicationStatus.objects.filter(pk=obj.pk))


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

    # The owners' counts of live applications (jobapps.live_counts): an application can be
    # added, deleted, restored (is_deleted unticked) or given to another user here.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_live_counts([form.initial.get("user"), obj.user_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_live_counts([obj.user_id])

    def delete_queryset(self, request, queryset):
        owners = list(queryset.values_list("user_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        refresh_live_counts(owners)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_first_answers([form.instance.pk])  # its history may have been edited


@admin.register(JobEmail)
class JobEmailAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "subject", "kind", "outcome", "date", "job_application"]
    list_filter = ["kind", "outcome"]
    search_fields = ["subject", "sender", "msg_id", "user__username"]
    list_select_related = ["user", "job_application"]
    raw_id_fields = ["user", "job_application"]

    # The application an email is linked to keeps its first answer (jobapps.answers).
    def save_model(self, request, obj, form, change):
        unlinked = form.initial.get("job_application")
        super().save_model(request, obj, form, change)
        refresh_first_answers([unlinked, obj.job_application_id])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        refresh_first_answers([obj.job_application_id])

    def delete_queryset(self, request, queryset):
        linked = list(queryset.values_list("job_application_id", flat=True))
        super().delete_queryset(request, queryset)
        refresh_first_answers(linked)
