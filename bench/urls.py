"""The project's URLs plus the benchmark's two reference endpoints (bench/views.py)."""

from django.urls import path

from jobhax import urls as project_urls

from . import views

urlpatterns = [
    path("bench/floor", views.floor),
    path("bench/word_count_2019", views.word_count_2019),
    # The project's own, its catch-all "not found" last.
    *project_urls.urlpatterns,
]

handler400 = project_urls.handler400
handler404 = project_urls.handler404
handler500 = project_urls.handler500
