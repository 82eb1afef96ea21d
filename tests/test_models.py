import pytest
from django.db import IntegrityError, transaction

from articles.models import Appearance, Article, Episode, Section, Show, Speaker


@pytest.fixture
def article(db):
    return Article.objects.create(title="One", slug="one")


def test_duplicate_article_slug_is_rejected(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="Other", slug="one")


def test_duplicate_speaker_slug_is_rejected(db):
    Speaker.objects.create(name="Sam Altman", slug="sam-altman")
    with pytest.raises(IntegrityError), transaction.atomic():
        Speaker.objects.create(name="Sam  Altman", slug="sam-altman")


def test_section_anchor_unique_within_article(article):
    Section.objects.create(article=article, position=0, anchor="策略一")
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(article=article, position=1, anchor="策略一")
    other = Article.objects.create(title="Two", slug="two")
    Section.objects.create(article=other, position=0, anchor="策略一")  # fine elsewhere


def test_episode_number_unique_per_show_but_blank_allowed_twice(db):
    show = Show.objects.create(name="Show", slug="show")
    Episode.objects.create(key="a", show=show, number="EP1")
    Episode.objects.create(key="b", show=show, number="")
    Episode.objects.create(key="c", show=show, number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Episode.objects.create(key="d", show=show, number="EP1")


def test_speaker_appears_once_per_role(db):
    episode = Episode.objects.create(key="e")
    speaker = Speaker.objects.create(name="A", slug="a")
    Appearance.objects.create(episode=episode, speaker=speaker, role="guest")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appearance.objects.create(episode=episode, speaker=speaker, role="guest")


def test_chinese_tag_slugs_keep_their_characters(article):
    article.tags.add("人工智慧", "Code Red")
    slugs = sorted(tag.slug for tag in article.tags.all())
    assert slugs == ["code-red", "人工智慧"]


def test_published_hides_drafts_and_future(article, db):
    from datetime import timedelta

    from django.utils import timezone

    Article.objects.create(title="Draft", slug="draft", draft=True)
    Article.objects.create(
        title="Later", slug="later", published=timezone.now() + timedelta(days=1)
    )
    assert list(Article.objects.published().values_list("slug", flat=True)) == ["one"]


def test_by_speaker(article, db):
    speaker = Speaker.objects.create(name="A", slug="a")
    episode = Episode.objects.create(key="k")
    Appearance.objects.create(episode=episode, speaker=speaker, role="guest")
    Appearance.objects.create(episode=episode, speaker=speaker, role="host")
    article.episode = episode
    article.save()
    assert list(Article.objects.by_speaker(speaker)) == [article]


def test_urls_use_unicode_slugs(db):
    speaker = Speaker.objects.create(name="方念萱", slug="方念萱")
    assert speaker.get_absolute_url() == "/speakers/%E6%96%B9%E5%BF%B5%E8%90%B1/"
    assert str(speaker) == "方念萱"
