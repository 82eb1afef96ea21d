import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

# The real write-ups (../shared/); KB_SHARED_DIR=/nonexistent runs the suite as a
# checkout without them would, to see that only the tests about them skip.
SHARED = Path(os.environ.get("KB_SHARED_DIR") or Path(__file__).resolve().parents[2] / "shared")
SAMPLE = SHARED / "samples" / "sam-altman-openai-strategy.md"
CORPUS = SHARED / "corpus"

# Debian's chromium package, driven by Playwright (the `browser` fixture).
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

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
    from articles.cache import forget_remembered

    forget_remembered()  # each test's content is its own, whatever the version token says
    # Admin tests create users; the default hasher spends ~0.3 s on each password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The 10 s parse limit bounds hostile files in production; on a loaded 2-core machine,
    # with coverage on and the suite in two workers, the deepest hostile file took longer
    # to fail with its own message. Tests of the limit set theirs.
    settings.ARTICLE_PARSE_SECONDS = 60


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
    """A write-up carrying all a real one does (tests/factories.py), imported."""
    from tests.factories import import_article

    return import_article()


@pytest.fixture
def real_sample(db):
    """The real sample write-up from ../shared/, for tests of what it says."""
    from articles.importer import import_paths
    from articles.models import Article

    if not SAMPLE.exists():
        pytest.skip("../shared/ is not here")
    report = import_paths([SAMPLE])
    assert report.ok, report.results
    return Article.objects.get(slug="sam-altman-openai-strategy")


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium, one per test module (tests using it skip without one)."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium package is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the live server's ORM calls are fine.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def vendor():
    return connection.vendor


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(user)
    return client


def change_form_data(page) -> dict:
    """The POST a browser would send back for an admin change page, unchanged."""
    form = page.context["adminform"].form
    inline_formsets = page.context.get("inline_admin_formsets") or []  # none on a history form
    data = {}
    for bound in [form, *(f for inline in inline_formsets for f in inline.formset.forms)]:
        for field in bound:
            value = field.value()
            if value is None:
                continue
            if isinstance(value, datetime):  # the admin's split date and time inputs
                local = timezone.localtime(value)
                data[f"{field.html_name}_0"] = local.date().isoformat()
                data[f"{field.html_name}_1"] = local.time().isoformat()
            else:
                data[field.html_name] = value
    for inline in inline_formsets:
        management = inline.formset.management_form
        for field in management:
            data[field.html_name] = field.value()
    for labels in ("tags", "categories"):  # taggit's text inputs, on a write-up's page
        if hasattr(form.instance, labels):
            data[labels] = ", ".join(t.name for t in getattr(form.instance, labels).all())
    return data


def transcript(quotes: int, per_section: int = 20, slug: str = "transcript") -> str:
    """A transcript write-up with this many attributed turns (quotes), for tests and
    bench/admin.py at real size."""
    parts = [f"---\ntitle: 逐字稿 {quotes}\nslug: {slug}\npodcast: 長談\nepisode: EP{quotes}\n"
             "hosts: 主持人甲\nguests: [來賓乙]\n---\n\n"]  # fmt: skip
    for n in range(quotes):
        if n % per_section == 0:
            parts.append(f"## 第 {n // per_section + 1} 段\n\n")
        who = "主持人甲" if n % 2 else "來賓乙"
        parts.append(
            f"**{who}：** 第 {n} 句話，講的是記憶與信任的第 {n} 個面向，還有別的內容。\n\n"
        )
    return "".join(parts)
