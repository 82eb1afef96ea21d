"""Finding write-up files and reading them into text safely."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import WriteupError

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


def discover(paths: Iterable[str | Path]) -> Iterator[Path | MissingPath]:
    """Files named and the write-ups below directories named, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            yield from sorted(found)
        elif path.is_file():
            yield path
        else:
            yield MissingPath(str(raw))


def read_source(path: Path, max_bytes: int) -> Source:
    try:
        check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except OSError as exc:
        raise WriteupError(f"cannot read: {exc.strerror or exc}") from None
    return Source(str(path), data, modified)


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise WriteupError(
            f"larger than the {_mb(max_bytes)} limit ({_mb(size)}); "
            "raise WRITEUP_MAX_BYTES to import it"
        )


def verbatim_text(source: Source, encoding: str | None = None) -> str:
    """The file's text exactly as written (line endings kept), or a one-line error."""
    data = source.data
    if not data.strip():
        raise WriteupError("empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WriteupError("binary file, not a Markdown write-up")
    codec = encoding or "utf-8-sig"
    try:
        text = data.decode(codec)
    except LookupError:
        raise WriteupError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        hint = _guess_encoding(data)
        advice = f"; try --encoding {hint}" if hint else "; pass --encoding with its encoding"
        raise WriteupError(
            f"not valid {codec.removesuffix('-sig').upper()} (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start}){advice}"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise WriteupError("empty file")
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
