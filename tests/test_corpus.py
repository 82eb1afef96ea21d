"""Every real write-up in ../shared/corpus/ imports, or fails with one clean line."""

import pytest
from taggit.models import Tag

from articles.importer import import_paths
from articles.models import Article, Category, Episode, Quote, Show, Speaker
from tests.conftest import CORPUS, needs_shared

pytestmark = needs_shared

# Files we expect to refuse, with the reason. Today every corpus file imports.
EXPECTED_FAILURES: dict[str, str] = {}


@pytest.fixture(scope="module")
def corpus_report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        report = import_paths([CORPUS])
        yield report
        for model in (Article, Episode, Show, Speaker, Tag, Category):
            model.objects.all().delete()


def test_every_file_imports_or_fails_cleanly(corpus_report):
    files = sorted(p.name for p in CORPUS.glob("*.md"))
    assert len(corpus_report.results) == len(files) == 33
    failures = {
        r.name.rsplit("/", 1)[-1]: r.detail for r in corpus_report.results if r.status != "created"
    }
    assert failures == EXPECTED_FAILURES
    for result in corpus_report.results:
        assert "\n" not in result.detail and "Traceback" not in result.detail


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "facts"),
    [
        (
            "001_",
            {"language": "zh-Hant", "number": "EP1", "guest": ("方念萱", "政大傳播學院副教授")},
        ),
        ("019_", {"language": "en", "draft": False, "duration": 1689}),
        ("020_", {"duration": 1685}),
        ("025_", {"title": "Podcast", "language": "zh-Hans"}),
        ("026_", {"number": "8:46"}),
        ("029_", {"draft": True}),
        ("049_", {"number": "134", "duration": 3138, "show": "React Native Radio"}),
    ],
)
def test_corpus_quirks(corpus_report, prefix, facts):
    article = Article.objects.get(source_path__contains=f"/{prefix}")
    expected = {
        "language": article.language,
        "draft": article.draft,
        "title": article.title,
        "number": article.episode.number if article.episode else None,
        "show": article.episode.show.name if article.episode and article.episode.show else None,
        "duration": int(article.episode.duration.total_seconds())
        if article.episode and article.episode.duration
        else None,
        "guest": next(((a.speaker.name, a.title) for a in article.episode.guests()), None)
        if article.episode
        else None,
    }
    assert {key: expected[key] for key in facts} == facts


@pytest.mark.django_db
def test_transcript_turns_are_attributed(corpus_report):
    article = Article.objects.get(source_path__contains="/046_")
    speakers = set(article.quotes.values_list("speaker__name", flat=True))
    assert {"Peter McCormack", "Adam Back", "Bryan Bishop"} <= speakers
    timestamps = Quote.objects.filter(article__source_path__contains="/016_").exclude(
        timestamp=None
    )
    assert timestamps.count() > 50
