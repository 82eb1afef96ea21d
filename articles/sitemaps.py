from django.contrib.sitemaps import Sitemap

from .models import Article, Show, Speaker


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "published", "updated")

    def lastmod(self, item):
        return item.updated or item.published


class SpeakerSitemap(Sitemap):
    def items(self):
        return Speaker.objects.filter(quotes__article__in=Article.objects.published()).distinct()


class ShowSitemap(Sitemap):
    def items(self):
        return Show.objects.filter(episodes__articles__in=Article.objects.published()).distinct()


SITEMAPS = {"articles": ArticleSitemap, "speakers": SpeakerSitemap, "shows": ShowSitemap}
