"""Atom feeds: the whole site, one tag, one speaker, one show. Drafts never appear."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from .models import Article, Show
from .visibility import public_labels, public_speakers

FEED_SIZE = 30


class LatestFeed(Feed):
    feed_type = Atom1Feed
    title = _("Podcast notes: latest write-ups")
    subtitle = _("Write-ups of long podcast interviews.")

    def link(self):
        return reverse("articles:home")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return self.articles(obj).select_related("episode__show")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated or item.published


class TagFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_labels(Tag), slug=slug)

    def title(self, obj):
        return _("Podcast notes: %(topic)s") % {"topic": obj.name}

    def link(self, obj):
        return reverse("articles:tag-detail", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class SpeakerFeed(LatestFeed):
    def get_object(self, request, slug):
        return get_object_or_404(public_speakers(), slug=slug)

    def title(self, obj):
        return _("Podcast notes: %(name)s") % {"name": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().by_speaker(obj)


class ShowFeed(SpeakerFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Show, slug=slug)

    def articles(self, obj):
        return Article.objects.published().filter(episode__show=obj)
