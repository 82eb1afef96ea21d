"""The admin's upload page: files streamed to disk under a size limit, then imported in
the same bounded way as the command (a parse worker with time and memory limits), within
a time budget for the whole request, so a big, slow or hostile file gets a message,
never a 500.

The upload handler must be in place before anything reads the request body, and the
CSRF check reads it: so the view is CSRF-exempt on the outside and protected inside.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from .forms import UploadArticlesForm
from .importer import Source, import_sources

# What one request may spend parsing, in all: under gunicorn's 30 s worker timeout.
UPLOAD_SECONDS = 20


class BoundedUploadHandler(TemporaryFileUploadHandler):
    """Each file goes to a temporary file, never whole into memory; a file past
    ARTICLE_MAX_BYTES is dropped as soon as it gets there, and remembered."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_big: list[str] = []

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.ARTICLE_MAX_BYTES:
            self.too_big.append(self.file_name)
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)


def upload_view(model_admin, request):
    """The admin calls this CSRF-exempt (see ArticleAdmin.upload_view); _upload checks."""
    handler = BoundedUploadHandler(request)
    request.upload_handlers = [handler]
    return _upload(request, model_admin, handler)


@csrf_protect
def _upload(request, model_admin, handler: BoundedUploadHandler):
    if not model_admin.has_add_permission(request):
        return redirect("admin:index")
    form = UploadArticlesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and (form.is_valid() or handler.too_big):
        limit = settings.ARTICLE_MAX_BYTES
        for name in handler.too_big:
            reason = f"larger than the {limit / 2**20:.1f} MB limit; raise ARTICLE_MAX_BYTES"
            model_admin.message_user(request, f"failed: {name}: {reason}", messages.ERROR)
        files = form.cleaned_data.get("files", []) if form.is_valid() else []
        report = import_sources(
            (Source(f.name, _read(f, limit)) for f in files),
            seconds=UPLOAD_SECONDS,
            dry_run=form.cleaned_data.get("dry_run", False),
            force=form.cleaned_data.get("force", False),
        )
        for result in report.results:
            bad = result.status in {"failed", "conflict"}
            model_admin.message_user(
                request, result.line(), messages.ERROR if bad else messages.SUCCESS
            )
        prefix = _("Dry run, nothing written: ") if form.cleaned_data.get("dry_run") else ""
        model_admin.message_user(request, prefix + report.summary(), messages.INFO)
        return redirect("admin:articles_article_changelist")
    context = {
        **model_admin.admin_site.each_context(request),
        "form": form,
        "opts": model_admin.model._meta,
        "title": _("Import write-ups"),
        "max_mb": settings.ARTICLE_MAX_BYTES / 2**20,
    }
    return TemplateResponse(request, "admin/articles/article/upload.html", context)


def _read(upload, limit: int) -> bytes:
    data = upload.read(limit + 1)  # at most the limit: the handler stopped the rest
    upload.close()
    return data
