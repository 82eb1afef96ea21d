"""Which file a write-up belongs to: a slug already taken by another file is a conflict.

Two files can claim one slug (the same `slug:` in both, or the same file name in two
folders). Within one run the runner refuses the second; across runs the second would
silently replace the first's write-up, so it is refused here unless --force. A file is
known by its name (and, for Hugo's `index.md`, its folder's), not its whole path: the
same folder imported from elsewhere, or uploaded in the admin, is still the same file.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from .errors import EditConflict


def source_key(name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.stem in ("index", "_index") and path.parent.name:
        return f"{path.parent.name}/{path.name}"
    return path.name


def check_owner(article, parsed, force: bool) -> None:
    owner = article.source_path
    if force or not owner or source_key(owner) == source_key(parsed.source.name):
        return
    raise EditConflict(
        f"slug '{article.slug}' already belongs to {owner}; "
        "give this file another slug, or re-run with --force to replace that write-up"
    )
