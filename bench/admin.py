"""The admin at real size: a write-up of 1,000 quotes, its change page and its quote list,
server time and HTML size (Django's test client, no network), against a 10-quote one.

    .venv/bin/python bench/admin.py            # 1,000 quotes
    .venv/bin/python bench/admin.py -n 5000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb .venv/bin/python bench/admin.py
"""

import argparse
import statistics
import time

from common import ROOT, setup_django, throwaway_database_url

ROUNDS = 5


def run(quotes: int) -> None:
    setup_django(throwaway_database_url("admin"))
    import sys

    sys.path.insert(0, str(ROOT))
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from articles.importer import Source, import_sources
    from articles.models import Article
    from tests.conftest import transcript

    for n in (10, quotes):
        text = transcript(n, slug=f"t{n}")
        assert import_sources([Source(f"t{n}.md", text.encode())]).ok
    # Pages render without a collectstatic manifest; passwords hash fast.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # fmt: skip
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = get_user_model().objects.create_superuser("bench", "b@example.com", "pw")
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)

    print(f"database {connection.vendor}; {ROUNDS} rounds; median server time")
    for n in (10, quotes):
        article = Article.objects.get(slug=f"t{n}")
        pages = {
            "change page": reverse("admin:articles_article_change", args=[article.pk]),
            "quote list": reverse("admin:articles_quote_changelist") + f"?article={article.pk}",
        }
        for label, url in pages.items():
            client.get(url)
            times = []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200
            print(f"{n:6} quotes  {label:12} {statistics.median(times) * 1000:7.1f} ms  "
                  f"{len(response.content) / 1024:7.1f} KB  "
                  f"{len(queries.captured_queries):3} queries")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--quotes", type=int, default=1000)
    run(parser.parse_args().quotes)
