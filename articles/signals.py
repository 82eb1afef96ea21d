"""Cache invalidation only: any saved or deleted content moves the page-cache version."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag, TaggedItem

from .cache import bump_after_commit
from .models import (
    Appearance,
    Article,
    CategorizedArticle,
    Category,
    Episode,
    ListenLink,
    Quote,
    Section,
    Show,
    Speaker,
)

CONTENT = (Appearance, Article, CategorizedArticle, Category, Episode, ListenLink, Quote,
           Section, Show, Speaker, Tag, TaggedItem)  # fmt: skip


def connect() -> None:
    for model in CONTENT:
        post_save.connect(bump_after_commit, sender=model, dispatch_uid=f"kb-save-{model}")
        post_delete.connect(bump_after_commit, sender=model, dispatch_uid=f"kb-del-{model}")
    m2m_changed.connect(bump_after_commit, dispatch_uid="kb-m2m")
