from django.core.management.base import BaseCommand
from django.db import connection, transaction

from articles.search.index import rebuild
from articles.search.schema import install, optimize, rebuild_sqlite_fts


class Command(BaseCommand):
    help = "Rebuild the whole search index from the write-ups and speakers."

    def handle(self, *args, verbosity, **options):
        install(connection)  # the full-text table, triggers or column, if missing
        with transaction.atomic():
            count = rebuild()
        rebuild_sqlite_fts(connection)
        optimize(connection)
        if verbosity >= 1:
            self.stdout.write(f"Indexed {count} passages, quotes and speakers.")
