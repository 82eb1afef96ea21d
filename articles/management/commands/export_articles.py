from pathlib import Path

from django.core.management.base import BaseCommand

from articles.exporter import export_articles


class Command(BaseCommand):
    help = "Write every write-up back out as front-matter Markdown, editors' corrections included."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, verbosity, **options):
        count = export_articles(folder)
        if verbosity >= 1:
            self.stdout.write(f"Exported {count} write-ups to {folder}.")
