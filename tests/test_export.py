"""Backups: export every write-up with the editors' corrections, import the folder into an
empty database, and get the same articles, sections, quotes and attributions."""

import pytest
from django.core.management import call_command
from taggit.models import Tag

from articles.importer import import_paths
from articles.models import Article, Category, Episode, Quote, Show, Speaker
from tests.conftest import CORPUS, SAMPLE, needs_shared

pytestmark = needs_shared


def snapshot() -> dict:
    """Every field a reader or editor cares about, by article slug."""
    found = {}
    articles = Article.objects.select_related("episode__show").prefetch_related(
        "tags", "categories", "sections", "quotes__speaker", "episode__appearances__speaker",
        "episode__links",
    )  # fmt: skip
    for a in articles:
        episode = a.episode
        found[a.slug] = {
            "own": (a.title, a.published, a.updated, a.description, a.language, a.draft, a.body),
            "tags": sorted(t.name for t in a.tags.all()),
            "categories": sorted(c.name for c in a.categories.all()),
            "episode": episode
            and (
                episode.show.name if episode.show else None,
                episode.number,
                episode.air_date,
                episode.duration,
                sorted((x.speaker.name, x.role, x.title) for x in episode.appearances.all()),
                sorted((link.label, link.url) for link in episode.links.all()),
            ),
            "sections": [
                (s.position, s.heading, s.anchor, s.kind, s.number, s.body)
                for s in a.sections.all()
            ],
            "quotes": [
                (
                    q.position,
                    q.text,
                    q.kind,
                    q.speaker.name if q.speaker else None,
                    q.status,
                    q.timestamp,
                )
                for q in a.quotes.all()
            ],
        }
    return found


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_the_same(tmp_path):
    assert import_paths([CORPUS, SAMPLE]).ok
    # The editors' work: a reattribution, a confirmation and a dispute.
    sample = Article.objects.get(slug="sam-altman-openai-strategy")
    host = Speaker.objects.get(name="Alex Kantrowitz")
    reattributed = sample.quotes.get(text="它可能救了我一命")
    reattributed.speaker, reattributed.status = host, "confirmed"
    reattributed.save()
    sample.quotes.filter(text="我們對 AGI 定義得太模糊了。").update(status="confirmed")
    sample.quotes.filter(text="手工製作比較好").update(status="disputed", speaker=None)
    before = snapshot()

    call_command("export_articles", str(tmp_path), verbosity=0)
    assert len(list(tmp_path.glob("*.md"))) == len(before) == 34
    for model in (Article, Episode, Show, Speaker, Tag, Category):
        model.objects.all().delete()
    report = import_paths([tmp_path])
    assert report.ok, [r.line() for r in report.results if r.status != "created"]

    after = snapshot()
    assert after.keys() == before.keys()
    for slug in before:
        for part in before[slug]:
            assert after[slug][part] == before[slug][part], (slug, part)
    moved = Quote.objects.get(text="它可能救了我一命")
    assert (moved.speaker.name, moved.status) == ("Alex Kantrowitz", "confirmed")
