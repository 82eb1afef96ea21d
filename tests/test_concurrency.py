"""Two imports of the same files at once meet on unique constraints, not luck."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from articles.models import Appearance, Article, Episode, Show, Speaker
from tests.factories import article_text

ROOT = Path(__file__).resolve().parent.parent


def _database_url() -> str:
    """The test database, for processes of their own."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_import_processes_at_once_leave_no_duplicates(write):
    folder = None
    for n in range(200):
        text = article_text(title=f"並行 {n}", front={"episode": f"EP{n}"})
        folder = write(f"w{n:03d}.md", text).parent
    env = {**os.environ, "DATABASE_URL": _database_url(), "DEBUG": "1"}
    command = [sys.executable, "manage.py", "import_articles", str(folder), "-v", "2"]
    runs = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], [err.decode() for _, err in outputs]
    lines = [line for out, _ in outputs for line in out.decode().splitlines()]
    per_file = [line for line in lines if line.startswith(("created:", "unchanged:"))]
    assert len(per_file) == 400  # every file, twice: no failure, no conflict
    assert sum(line.startswith("created:") for line in per_file) == 200
    assert Article.objects.count() == 200 and Episode.objects.count() == 200
    assert Show.objects.count() == 1 and Speaker.objects.count() == 2
    assert Appearance.objects.count() == 400
