"""`kill -9` in the middle of an import loses nothing: every write-up is whole or absent,
and running the import again completes it."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = 150
ARTICLE = """---
title: "第 {n} 篇"
podcast: 殺不死的節目
episode: "EP{n}"
guests: [來賓{n}]
---

## 一

來賓{n}說：「第 {n} 篇的第一句話，要完整地存下來。」

## 二

來賓{n}說：「第 {n} 篇的第二句話。」
"""


def _manage(env, *args, **kwargs):
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True, **kwargs
    )


def test_kill_9_mid_import_loses_nothing(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(FILES):
        (folder / f"w{n:03d}.md").write_text(ARTICLE.format(n=n), encoding="utf-8")
    database = tmp_path / "kill.sqlite3"
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    env["PYTHONUNBUFFERED"] = "1"  # each line as it is written
    assert _manage(env, "migrate", "-v", "0").wait(timeout=120) == 0

    run = _manage(env, "import_articles", str(folder), "-v", "2", stdout=subprocess.PIPE)
    for _ in range(20):  # kill it after some files, well before the end
        line = run.stdout.readline()
        assert line.startswith("created:"), line
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    assert not _orphans(str(folder))  # its parse worker saw the pipe close and left

    with sqlite3.connect(database) as db:
        articles = db.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        half_done = db.execute(
            "SELECT count(*) FROM articles_article a WHERE "
            "(SELECT count(*) FROM articles_section s WHERE s.article_id = a.id) != 2 "
            "OR (SELECT count(*) FROM articles_quote q WHERE q.article_id = a.id) != 2"
        ).fetchone()[0]
    assert 20 <= articles < FILES and half_done == 0

    again = _manage(env, "import_articles", str(folder), stdout=subprocess.PIPE)
    out, _ = again.communicate(timeout=300)
    assert again.returncode == 0, out
    assert f"{FILES - articles} created" in out and f"{articles} unchanged" in out


def _orphans(folder: str, wait: float = 5.0) -> list[str]:
    """Orphaned processes importing `folder` (a forked child keeps its parent's command
    line)."""
    import time

    deadline = time.monotonic() + wait
    while True:
        left = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    status = (entry / "status").read_text()
                except OSError:
                    continue
                if "PPid:\t1\n" in status and folder.encode() in _cmdline(entry):
                    left.append(entry.name)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def _cmdline(entry: Path) -> bytes:
    try:
        return (entry / "cmdline").read_bytes()
    except OSError:
        return b""
