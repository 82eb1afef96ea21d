"""The site's URLs plus a bare "hello" view: the baseline the page benchmark compares to."""

from django.http import HttpResponse
from django.urls import include, path


def hello(request):
    return HttpResponse("hello")


urlpatterns = [path("bench/hello/", hello), path("", include("kbsite.urls"))]
