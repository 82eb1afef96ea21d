from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("Knowledge base")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals

        signals.connect()
        post_migrate.connect(_install_fulltext, sender=self)


def _install_fulltext(using, **kwargs):
    from django.db import connections

    from .search.index import fill_if_missing
    from .search.schema import install

    install(connections[using])
    fill_if_missing(using)
