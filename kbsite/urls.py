from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

urlpatterns = [
    path("admin/", admin.site.urls),
    # Choosing a language only sets a cookie: no CSRF token, so cached pages hold none.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("", include("articles.urls")),
]
