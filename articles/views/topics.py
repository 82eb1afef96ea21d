"""Topics: a tag's or a category's write-ups."""

from django.shortcuts import get_object_or_404
from taggit.models import Tag

from ..cache import CachedPageMixin
from ..models import Article, Category
from ..visibility import public_labels
from .pagination import ForgivingListView


class TagDetailView(CachedPageMixin, ForgivingListView):
    template_name = "articles/topic_detail.html"
    context_object_name = "articles"
    paginate_by = 20
    model = Tag
    relation = "tags"

    def get_queryset(self):
        self.topic = get_object_or_404(public_labels(self.model), slug=self.kwargs["slug"])
        return Article.objects.published().filter(**{self.relation: self.topic}).with_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, kind=self.relation, **kwargs)


class CategoryDetailView(TagDetailView):
    model = Category
    relation = "categories"
