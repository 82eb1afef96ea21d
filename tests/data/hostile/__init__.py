"""Every hostile or unlucky write-up that once stopped an import run or took minutes and
gigabytes to parse, made on demand (the biggest is 1.2 MB): name -> (bytes, what the
report must say about it)."""

BODY = "\n\n## 一\n\n正文。\n"


def _front(text: str) -> bytes:
    return (text + BODY).encode()


def hostile_files() -> dict[str, tuple[bytes, str]]:
    deep = 3000
    return {
        # Python-Markdown raised RecursionError: every file after it was never imported.
        "list-nested-10000.md": (("- " * 10_000 + "x\n").encode(), "list items nested 10,000"),
        "yaml-nested.md": (
            _front("---\ntitle: y\nx: " + "[" * deep + "]" * deep + "\n---"),
            "YAML front matter is nested too deeply",
        ),
        "json-nested.md": (
            _front('{"title": "j", "x": ' + "[" * deep + "]" * deep + "}"),
            "JSON front matter is nested too deeply",
        ),
        "toml-nested.md": (
            _front("+++\ntitle = 't'\nx = " + "[" * deep + "]" * deep + "\n+++"),
            "TOML front matter is nested too deeply",
        ),
        # Valid, but year 10000 in UTC: it overflowed when compared.
        "date-overflow.md": (
            _front("---\ntitle: d\ndate: 9999-12-31T23:59:59-12:00\n---"),
            "date: '9999-12-31T23:59:59-12:00' is out of range",
        ),
        "json-surrogate.md": (_front('{"title": "\\ud800"}'), "\\ud800, half of a character"),
        # Each took 94 s to more than 120 s, and up to 2.4 GB.
        "brackets-10000.md": (("[" * 10_000 + "\n").encode(), "brackets nested 10,000 deep"),
        "indented-list-1400.md": (
            "".join("    " * level + "- item\n" for level in range(1400)).encode(),
            "indented 260 columns",
        ),
        "blockquotes-3000.md": (
            "".join(">" * level + " x\n" for level in range(1, 3001)).encode(),
            "blockquotes nested 65 deep",
        ),
        "quotes-100000.md": (
            ("## 引文\n\n" + "甲說：「一句話。」" * 100_000 + "\n").encode(),
            "100,000 quotes in one paragraph",
        ),
    }


GOOD = {
    "good-one.md": "---\ntitle: 好的一篇\ndate: 2025-01-02\n---\n\n## 一\n\n甲說：「好的。」\n",
    "good-two.md": "---\ntitle: Good two\ndate: 2025-01-03\n---\n\n## One\n\nFine and short.\n",
}
