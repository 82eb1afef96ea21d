"""Editors' history (django-simple-history): who changed what and when, with the changed
fields' old and new values, and a way to restore an earlier version, in the admin.

Only editors' changes are recorded: an import writes thousands of rows in bulk and keeps
the verbatim file itself. So that an editor's first change can be undone, it records the
row as it was (as imported) just before."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from simple_history.models import HistoricalRecords

_local = threading.local()


class EditorsHistory(HistoricalRecords):
    def post_save(self, instance, created, using=None, **kwargs):
        if getattr(_local, "recording", False):
            super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs):
        if getattr(_local, "recording", False):
            super().post_delete(instance, using=using, **kwargs)


@contextmanager
def recording():
    """Inside, saves and deletes of tracked rows are recorded (the admin's views)."""
    previous = getattr(_local, "recording", False)
    _local.recording = True
    try:
        yield
    finally:
        _local.recording = previous


def record_baseline(obj) -> None:
    """Before an editor's first change to a row, record it as it stands."""
    manager = getattr(type(obj), "history", None)
    if manager is None or obj.pk is None or manager.filter(id=obj.pk).exists():
        return
    current = type(obj)._default_manager.filter(pk=obj.pk).first()
    if current is not None:
        manager.bulk_history_create([current], default_change_reason="as imported")
