from django.core.management.base import BaseCommand
from django.db import connection

from articles.search.schema import optimize


class Command(BaseCommand):
    help = (
        "Merge the full-text indexes into one piece each (after a bulk import, a common "
        "word's list is read from many pieces)."
    )

    def handle(self, *args, verbosity, **options):
        optimize(connection)
        if verbosity >= 1:
            self.stdout.write("Search index optimized.")
