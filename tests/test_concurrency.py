"""Two imports of the same files at once meet on unique constraints, not luck."""

import threading

import pytest
from django.db import connection, connections

from articles.importer import import_paths
from articles.models import Appearance, Article, Episode, Show, Speaker

WRITEUP = """---
title: "並行 {n}"
podcast: 同一個節目
episode: "EP{n}"
hosts: 主持人甲
guests: [來賓乙]
tags: [並行, 測試]
---

## 一

來賓乙說：「同時匯入兩次也只會有一份資料，這是約束保證的。」
"""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent writers")
@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_leave_no_duplicates(write):
    folder = None
    for n in range(20):
        folder = write(f"w{n:02d}.md", WRITEUP.format(n=n)).parent
    barrier, reports = threading.Barrier(2), []

    def run():
        try:
            barrier.wait()
            reports.append(import_paths([folder]))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results = [r for report in reports for r in report.results]
    odd = [r.line() for r in results if r.status not in {"created", "unchanged"}]
    assert not odd  # no failure, no conflict: one run creates, the other finds it done
    assert len(results) == 40 and sum(r.status == "created" for r in results) == 20
    assert Article.objects.count() == 20 and Episode.objects.count() == 20
    assert Show.objects.count() == 1 and Speaker.objects.count() == 2
    assert Appearance.objects.count() == 40
