"""Importing many files: one transaction each, a report of what happened to every one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection

from .directory import Directory
from .errors import EditConflict, WriteupError
from .parse import parse_writeup
from .render import Renderer
from .source import MissingPath, Source, check_size, discover, read_source
from .store import plan, store


@dataclass
class FileResult:
    name: str
    status: str  # created, updated, unchanged, conflict or failed
    slug: str = ""
    detail: str = ""
    changes: list[str] = field(default_factory=list)

    def line(self) -> str:
        text = f"{self.status}: {self.name}"
        if self.changes:
            text += f" (changed: {', '.join(self.changes)})"
        return f"{text}: {self.detail}" if self.detail else text


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(r.status for r in self.results)

    @property
    def ok(self) -> bool:
        return not any(r.status in {"failed", "conflict"} for r in self.results)

    def summary(self) -> str:
        c = self.counts
        return (
            f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['conflict']} conflicts, {c['failed']} failed"
        )


class Importer:
    """Feeds sources through parse and store, never letting one bad file stop the rest."""

    def __init__(self, *, dry_run=False, force=False, encoding=None, on_result=None):
        self.dry_run, self.force, self.encoding = dry_run, force, encoding
        self.on_result: Callable[[FileResult], None] = on_result or (lambda result: None)
        self.report = ImportReport()
        self.claimed: dict[str, str] = {}  # slug -> file that claimed it in this run
        self.renderer = Renderer()
        self.directory = Directory()

    def run_source(self, source: Source) -> FileResult:
        try:
            result = self._import(source)
        except WriteupError as exc:
            status = "conflict" if isinstance(exc, EditConflict) else "failed"
            result = FileResult(source.name, status, detail=str(exc))
        except DatabaseError as exc:
            first_line = (
                str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            )
            result = FileResult(source.name, "failed", detail=f"database refused it: {first_line}")
        self.report.results.append(result)
        self.on_result(result)
        return result

    def finish(self) -> ImportReport:
        wrote = any(r.status in ("created", "updated") for r in self.report.results)
        if wrote and not self.dry_run:
            refresh_statistics()
        return self.report

    def fail(self, name: str, reason: str) -> None:
        result = FileResult(name, "failed", detail=reason)
        self.report.results.append(result)
        self.on_result(result)

    def _import(self, source: Source) -> FileResult:
        check_size(len(source.data), settings.WRITEUP_MAX_BYTES)
        parsed = parse_writeup(source, encoding=self.encoding, renderer=self.renderer)
        if (other := self.claimed.get(parsed.slug)) is not None:
            raise WriteupError(f"slug '{parsed.slug}' is also claimed by {other} in this run")
        self.claimed[parsed.slug] = source.name
        if self.dry_run:
            status, changes = plan(parsed, force=self.force)
        else:
            status, changes = store(parsed, force=self.force, directory=self.directory)
        return FileResult(source.name, status, parsed.slug, changes=changes)


def refresh_statistics() -> None:
    """Let SQLite's planner know the tables' shape now (it picks the search's covering
    index only with statistics); a bounded sample keeps this to milliseconds. PostgreSQL's
    autovacuum does the same by itself."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("PRAGMA optimize")


def import_paths(paths: Iterable[str | Path], **options) -> ImportReport:
    """Import files and directories (recursively, *.md and *.markdown)."""
    importer = Importer(**options)
    for found in discover(paths):
        if isinstance(found, MissingPath):
            importer.fail(found.name, "no such file or directory")
            continue
        try:
            source = read_source(found, settings.WRITEUP_MAX_BYTES)
        except WriteupError as exc:
            importer.fail(str(found), str(exc))
            continue
        importer.run_source(source)
    return importer.finish()


def import_sources(sources: Iterable[Source], **options) -> ImportReport:
    """Import write-ups that arrived as bytes (the admin's upload form)."""
    importer = Importer(**options)
    for source in sources:
        importer.run_source(source)
    return importer.finish()
