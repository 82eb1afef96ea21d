"""What the benchmarks share: settings for a throw-away database, and generated write-ups."""

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Measure what production runs: with DEBUG on, Django keeps every query's SQL in memory.
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")


def throwaway_database_url(suffix: str, keep: bool = False) -> str:
    """A SQLite file in a temporary folder, or `<name>_<suffix>` beside DATABASE_URL's.
    With `keep`, the SQLite file has a fixed name so a later run can reuse it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        folder = Path(tempfile.gettempdir()) if keep else Path(tempfile.mkdtemp())
        return f"sqlite:///{folder}/kb-bench-{suffix}.sqlite3"
    base, _, name = url.rpartition("/")
    return f"{base}/{name.split('?')[0]}_{suffix}"


def setup_django(database_url: str, fresh: bool = True):
    """Point Django at the database (emptied first unless `fresh` is off) and migrate it."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbsite.settings")
    if database_url.startswith("postgres"):
        _postgres_database(database_url, empty=fresh)
    elif fresh:
        Path(database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _postgres_database(url: str, empty: bool) -> None:
    """Create the database, first dropping it if it must start empty."""
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if empty:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def corpus_texts() -> list[str]:
    shared = ROOT.parent / "shared"
    files = sorted((shared / "corpus").glob("*.md")) + sorted((shared / "samples").glob("*.md"))
    files = files or sorted((ROOT / "articles" / "demo").glob("*.md"))
    texts = []
    for path in files:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if len(text) < 120_000:  # keep the mix typical; the 600 KB transcript would dominate
            texts.append(text)
    return texts


def make_articles(count: int, seed: int = 7):
    """Yield (name, bytes): each a corpus write-up under a new slug with another's section."""
    rng = random.Random(seed)
    texts = corpus_texts()
    for index in range(count):
        base = rng.choice(texts)
        extra = rng.choice(texts).split("\n## ", 2)
        tail = f"\n\n## 附錄 {index}\n\n{extra[1][:3000]}" if len(extra) > 1 else ""
        yield f"bench/w{index:05d}.md", (base + tail).encode()


@contextmanager
def gunicorn(port: int, workers: int, **env):
    """The site under gunicorn on 127.0.0.1 (static files collected), stopped on exit."""
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=ROOT, check=True)  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "kbsite.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "CACHE_DIR": tempfile.mkdtemp(), **env},
    )  # fmt: skip
    try:
        time.sleep(3)  # the workers boot
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process and its children (gunicorn's workers), from
    /proc: unlike a rate, it does not fall when other jobs share the machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in [pid, *map(int, children.read_text().split())]:
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total
