from pathlib import Path

import pytest
from django.db import connection

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLE = SHARED / "samples" / "sam-altman-openai-strategy.md"
CORPUS = SHARED / "corpus"

needs_shared = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/ is not here")


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine} ({settings.DATABASES['default'].get('NAME')})"


def pytest_terminal_summary(terminalreporter):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    terminalreporter.write_line(f"suite ran on database: {engine}")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Pages render without a collectstatic manifest, and every request really renders
    (tests of the page cache turn it on themselves)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def sample_article(db):
    from articles.importer import import_paths
    from articles.models import Article

    if not SAMPLE.exists():
        pytest.skip("../shared/ is not here")
    report = import_paths([SAMPLE])
    assert report.ok, report.results
    return Article.objects.get(slug="sam-altman-openai-strategy")


@pytest.fixture
def vendor():
    return connection.vendor
