"""Parsing each write-up in a child process with a time and a memory limit.

Python-Markdown and the quote finder can be driven into minutes of work or gigabytes of
memory by a small file (limits.py refuses the shapes we know of, cheaply). What else a
file can do is bounded here: the child is killed when a parse runs past its time limit,
and its address space is capped so that a runaway parse fails with MemoryError instead
of taking the machine. A file over a limit is reported as too complex; the run goes on
with a fresh child.

The child is forked once per run and parses one file while the parent stores the one
before it, so the isolation costs little (see bench/import.py).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import resource
import time
from collections.abc import Iterable, Iterator

from django.conf import settings

from . import limits
from .errors import ArticleError
from .parse import ParsedArticle, parse_article
from .render import Renderer
from .source import Source

logger = logging.getLogger(__name__)


@functools.cache
def _warm_renderer() -> Renderer:
    """A renderer, after one small parse in this process: the dictionaries and modules
    that loads (0.4 s) are then inherited by every child instead of loaded in each."""
    renderer = Renderer()
    parse_article(Source("warm-up.md", "## 一\n\n甲說：「預熱。」\n".encode()), renderer=renderer)
    return renderer


def _child(connection, other_end, renderer, encoding: str | None, memory_bytes: int) -> None:
    other_end.close()  # so a parent killed with -9 leaves this child an EOF, not a wait
    if memory_bytes:
        used = _address_space()
        resource.setrlimit(resource.RLIMIT_AS, (used + memory_bytes, resource.RLIM_INFINITY))
    while True:
        try:
            source = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if source is None:  # the run is over
            return
        try:
            parsed = parse_article(source, encoding=encoding, renderer=renderer)
            parsed.source = None  # the parent has the bytes already
            connection.send(("ok", parsed))
        except ArticleError as exc:
            connection.send(("error", str(exc)))
        except MemoryError:
            connection.send(("error", _memory_message(memory_bytes)))
            return  # a fresh child is cheaper than trusting this one's heap
        except RecursionError:
            connection.send(("error", "too complex to parse: nested too deeply for the parser"))
        except Exception as exc:  # a parser bug: this file fails, the others go on
            connection.send(("error", f"could not parse it: {type(exc).__name__}: {exc}"))


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _memory_message(memory_bytes: int) -> str:
    return f"too complex to parse: needed more than the {memory_bytes // 2**20} MB memory limit"


class ParseWorker:
    """One child process at a time, replaced whenever a file kills or stalls it."""

    def __init__(self, encoding: str | None = None, seconds: float | None = None, memory_mb=None):
        self.encoding = encoding
        self.seconds = settings.ARTICLE_PARSE_SECONDS if seconds is None else seconds
        memory_mb = settings.ARTICLE_PARSE_MEMORY_MB if memory_mb is None else memory_mb
        self.memory_bytes = int(memory_mb) * 2**20
        self._process = None
        self._connection = None
        self._sent_at = 0.0
        self._deadline = None

    # The child -------------------------------------------------------------------------
    def _start(self) -> None:
        renderer = _warm_renderer()
        parent, child = multiprocessing.Pipe()
        context = multiprocessing.get_context("fork")  # inherits Django, set up already
        arguments = (child, parent, renderer, self.encoding, self.memory_bytes)
        self._process = context.Process(target=_child, args=arguments, daemon=True)
        self._process.start()
        child.close()
        self._connection = parent

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._connection.close()
        self._process = self._connection = None

    def close(self) -> None:
        if self._process is not None:
            with contextlib.suppress(OSError):
                self._connection.send(None)  # the child returns
            self._connection.close()
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._process = self._connection = None

    # One file --------------------------------------------------------------------------
    def send(self, source: Source, deadline: float | None = None) -> None:
        if self._process is None:
            self._start()
        self._connection.send(source)
        self._sent_at, self._deadline = time.monotonic(), deadline

    def receive(self, source: Source) -> ParsedArticle:
        """The parse of the file sent last, or ArticleError saying why there is none."""
        limit_at = self._sent_at + self.seconds if self.seconds else None
        wait_until = min(t for t in (limit_at, self._deadline, float("inf")) if t is not None)
        remaining = wait_until - time.monotonic() if wait_until != float("inf") else None
        try:
            ready = self._connection.poll(max(remaining, 0) if remaining is not None else None)
            reply = self._connection.recv() if ready else None
        except (EOFError, OSError):
            code = self._process.exitcode if self._process else None
            self._stop()
            raise ArticleError(f"the parser died on it (exit code {code})") from None
        if reply is None:
            self._stop()
            if self._deadline is not None and wait_until == self._deadline:
                raise ArticleError("not finished within the time left for this upload")
            raise limits.TooComplex(
                "parsing took too long", f"{self.seconds:g} s; ARTICLE_PARSE_SECONDS"
            )
        kind, value = reply
        if kind == "error":
            if not self._process.is_alive() or value.startswith("too complex to parse: needed"):
                self._stop()
            raise ArticleError(value)
        value.source = source
        return value


def parse_all(
    sources: Iterable, encoding: str | None = None, deadline: float | None = None
) -> Iterator[tuple[object, ParsedArticle | ArticleError | None]]:
    """(item, its parse) for each item; items that are not Sources pass through with None.

    The next file is handed to the child as soon as the last one's parse arrives, so the
    child parses while the caller stores; one file in flight keeps its time limit exact.
    """
    worker = ParseWorker(encoding)
    items = iter(sources)
    try:
        pending = _next_source(items, worker, deadline)
        while pending:
            passed, source = pending
            yield from ((item, None) for item in passed)
            if source is None:
                return
            try:
                outcome = worker.receive(source)
            except ArticleError as exc:
                outcome = exc
            pending = _next_source(items, worker, deadline)
            yield source, outcome
    finally:
        worker.close()


def _next_source(items: Iterator, worker: ParseWorker, deadline):
    """Items up to the next Source (sent to the child); None once there are none left."""
    passed = []
    for item in items:
        if isinstance(item, Source):
            worker.send(item, deadline)
            return passed, item
        passed.append(item)
    return (passed, None) if passed else None
