"""File names for exported write-ups: at most 200 bytes, whatever the slug.

A slug may be 200 characters, and a CJK character is 3 bytes in UTF-8, while file
systems allow 255 bytes a name. A long slug is cut at a character boundary and given
a hash of the whole slug, so two slugs that share a beginning never share a file; the
slug itself is in the file's front matter, which is what an import reads back.
"""

import hashlib

MAX_NAME_BYTES = 200
SUFFIX = ".md"
HASH_CHARS = 10


def export_file_name(slug: str) -> str:
    name = slug + SUFFIX
    if len(name.encode()) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha256(slug.encode()).hexdigest()[:HASH_CHARS]
    room = MAX_NAME_BYTES - len(SUFFIX) - HASH_CHARS - 1
    stem = slug.encode()[:room].decode(errors="ignore").rstrip("-_")
    return f"{stem}-{digest}{SUFFIX}"
