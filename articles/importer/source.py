"""Finding write-up files and reading them into text safely."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import ArticleError

SUFFIXES = (".md", ".markdown")
# Tried in this order to suggest an --encoding when a file is not UTF-8.
LIKELY_ENCODINGS = ("big5", "gb18030", "shift_jis", "utf-16")


@dataclass(frozen=True)
class Source:
    """One write-up as it arrived: where from, its bytes and when it was last changed."""

    name: str
    data: bytes
    modified: datetime | None = None

    @property
    def stem(self) -> str:
        path = Path(self.name)
        stem = path.name
        for suffix in (*SUFFIXES, ".mdx", ".txt"):
            if stem.lower().endswith(suffix):
                stem = stem[: -len(suffix)]
        # Hugo page bundles: content/episode/<slug>/index.md
        if stem == "index" and path.parent.name:
            return path.parent.name
        return stem

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class MissingPath:
    name: str


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def discover(paths: Iterable[str | Path]) -> Iterator[Path | MissingPath | Skipped]:
    """Files named and the write-ups below directories named, in a stable order.

    Below a directory, a symlink is followed only when it stays inside a directory named:
    a link to /etc/passwd in an import folder is no write-up."""
    paths = [Path(raw) for raw in paths]
    roots = [path.resolve() for path in paths if path.is_dir()]
    for path in paths:
        if path.is_dir():
            yield from _below(path, roots)
        elif path.is_file():
            yield path
        else:
            yield MissingPath(str(path))


def _below(folder: Path, roots: list[Path]) -> Iterator[Path | Skipped]:
    found = []
    for directory, subdirectories, files in os.walk(folder, followlinks=False):
        here = Path(directory)
        for name in subdirectories:  # never walked into (no loops); inside, they repeat
            if not _inside((here / name).resolve(), roots):
                found.append(here / name)
        found += [here / name for name in files if Path(name).suffix.lower() in SUFFIXES]
    for item in sorted(found):
        if item.is_symlink() and not _inside(item.resolve(), roots):
            yield Skipped(str(item), f"symlink to {item.resolve()}, outside the folders given")
        elif item.is_file():  # not a folder, a FIFO or a dangling link
            yield item


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def read_source(path: Path, max_bytes: int) -> Source:
    try:
        check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror or exc}") from None
    return Source(str(path), data, modified)


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ArticleError(
            f"larger than the {_mb(max_bytes)} limit ({_mb(size)}); "
            "raise ARTICLE_MAX_BYTES to import it"
        )


def verbatim_text(source: Source, encoding: str | None = None) -> str:
    """The file's text exactly as written (line endings kept), or a one-line error."""
    data = source.data
    if not data.strip():
        raise ArticleError("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError("binary file, not a Markdown write-up")
    codec = encoding or "utf-8-sig"
    try:
        text = data.decode(codec)
    except LookupError:
        raise ArticleError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        hint = _guess_encoding(data)
        advice = f"; try --encoding {hint}" if hint else "; pass --encoding with its encoding"
        raise ArticleError(
            f"not valid {codec.removesuffix('-sig').upper()} (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start}){advice}"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError("empty file")
    return text


def _guess_encoding(data: bytes) -> str | None:
    for candidate in LIKELY_ENCODINGS:
        try:
            data.decode(candidate)
        except UnicodeDecodeError:
            continue
        return candidate
    return None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
