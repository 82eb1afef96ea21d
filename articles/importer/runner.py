"""Importing many files: one transaction each, a report of what happened to every one."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection

from .errors import ArticleError, EditConflict
from .lookups import Lookups
from .parse import ParsedArticle, parse_article
from .render import Renderer
from .source import MissingPath, Skipped, Source, check_size, discover, read_source
from .store import plan, store
from .worker import parse_all

logger = logging.getLogger(__name__)


WOULD = {"created": "would create", "updated": "would update"}


@dataclass
class FileResult:
    name: str
    status: str  # created, updated, unchanged, conflict or failed
    slug: str = ""
    detail: str = ""
    changes: list[str] = field(default_factory=list)
    dry_run: bool = False  # then "would create", "would update": nothing was written

    def line(self) -> str:
        status = WOULD.get(self.status, self.status) if self.dry_run else self.status
        text = f"{status}: {self.name}"
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
        text = (
            f"{c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged, "
            f"{c['conflict']} conflicts, {c['failed']} failed"
        )
        return f"{text}, {c['skipped']} skipped" if c["skipped"] else text


class Importer:
    """Feeds sources through parse and store, never letting one bad file stop the rest.

    Only KeyboardInterrupt and a lost database connection end a run early."""

    def __init__(self, *, dry_run=False, force=False, encoding=None, on_result=None):
        self.dry_run, self.force, self.encoding = dry_run, force, encoding
        self.on_result: Callable[[FileResult], None] = on_result or (lambda result: None)
        self.report = ImportReport()
        self.claimed: dict[str, str] = {}  # slug -> file that claimed it in this run
        self.renderer = Renderer()
        self.lookups = Lookups()

    def run_source(self, source: Source, parsed: ParsedArticle | Exception | None = None):
        """Store one file (parsing it here, under limits.py's caps only, unless given its parse)."""
        try:
            result = self._import(source, parsed)
        except ArticleError as exc:
            status = "conflict" if isinstance(exc, EditConflict) else "failed"
            result = FileResult(source.name, status, detail=str(exc))
        except DatabaseError as exc:
            _raise_if_disconnected(exc)
            result = FileResult(source.name, "failed", detail=f"database refused it: {_first(exc)}")
        except Exception as exc:  # a bug shown by one file must not cost the others
            logger.debug("importing %s", source.name, exc_info=True)
            detail = f"could not import it: {type(exc).__name__}: {_first(exc)}"
            result = FileResult(source.name, "failed", detail=detail)
        self._record(result)
        return result

    def run(self, items: Iterable, deadline: float | None = None) -> ImportReport:
        """Sources, parsed in the bounded worker, and failures found before parsing."""
        for item, parsed in parse_all(items, self.encoding, deadline):
            if isinstance(item, FileResult):
                self._record(item)
            else:
                self.run_source(item, parsed)
        return self.finish()

    def finish(self) -> ImportReport:
        wrote = any(r.status in ("created", "updated") for r in self.report.results)
        if wrote and not self.dry_run:
            try:
                refresh_statistics()
            except DatabaseError:  # a full disk: the files are in; the summary must be too
                logger.warning("could not refresh the database's statistics", exc_info=True)
        return self.report

    def fail(self, name: str, reason: str) -> None:
        self._record(FileResult(name, "failed", detail=reason))

    def _record(self, result: FileResult) -> None:
        self.report.results.append(result)
        self.on_result(result)

    def _import(self, source: Source, parsed) -> FileResult:
        check_size(len(source.data), settings.ARTICLE_MAX_BYTES)
        if isinstance(parsed, Exception):
            raise parsed
        if parsed is None:
            parsed = parse_article(source, encoding=self.encoding, renderer=self.renderer)
        if (other := self.claimed.get(parsed.slug)) is not None:
            raise ArticleError(f"slug '{parsed.slug}' is also claimed by {other} in this run")
        self.claimed[parsed.slug] = source.name
        if self.dry_run:
            status, changes = plan(parsed, force=self.force)
        else:
            status, changes = store(parsed, force=self.force, lookups=self.lookups)
        return FileResult(source.name, status, parsed.slug, changes=changes, dry_run=self.dry_run)


def _first(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _raise_if_disconnected(exc: DatabaseError) -> None:
    """A lost connection ends the run (every file after would fail the same way)."""
    if connection.connection is None or not connection.is_usable():
        raise exc


def refresh_statistics() -> None:
    """Let SQLite's planner know the tables' shape now (it picks the search's covering
    index only with statistics); a bounded sample keeps this to milliseconds. PostgreSQL's
    autovacuum does the same by itself."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA analysis_limit = 1000")
            cursor.execute("PRAGMA optimize")


def _found(paths: Iterable[str | Path]):
    """Sources to parse, and a failed result for each path that cannot be read."""
    for found in discover(paths):
        if isinstance(found, MissingPath):
            yield FileResult(found.name, "failed", detail="no such file or directory")
        elif isinstance(found, Skipped):
            yield FileResult(found.name, "skipped", detail=found.reason)
        else:
            try:
                yield read_source(found, settings.ARTICLE_MAX_BYTES)
            except ArticleError as exc:
                yield FileResult(str(found), "failed", detail=str(exc))


def import_paths(paths: Iterable[str | Path], **options) -> ImportReport:
    """Import files and directories (recursively, *.md and *.markdown)."""
    return Importer(**options).run(_found(paths))


def import_sources(sources: Iterable[Source], *, seconds: float | None = None, **options):
    """Import write-ups that arrived as bytes (the admin's upload form), within `seconds`
    in all when given (files not reached by then are reported, not imported)."""
    deadline = time.monotonic() + seconds if seconds else None
    return Importer(**options).run(sources, deadline)
