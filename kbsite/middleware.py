from django.conf import settings
from django.http import HttpResponseBadRequest

from articles.params import rejected


class RejectBadInputMiddleware:
    """400 for what no page can answer: a NUL, or a value longer than any link (see
    articles.params). Without it PostgreSQL raises on the NUL and the reader gets a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if reason := rejected(request.path, request.GET.lists()):
            return HttpResponseBadRequest(f"Bad request: {reason}.", content_type="text/plain")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send the site's Content-Security-Policy: no inline script, nothing from elsewhere.

    Write-ups are sanitised at import; this is the second wall if anything ever slips."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class SiteNotFoundMiddleware:
    """With DEBUG on (`make run`), a missing page still shows the site's own 404 page:
    Django's debug page cannot be read here anyway, since the policy above blocks its
    inline styles. With DEBUG on every HTML 404 is that debug page, so each is replaced;
    other debug pages (errors) are untouched, and JSON 404s stay JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
        ):
            from django.views.defaults import page_not_found

            response = page_not_found(request, None)
        return response
