from django.core.management.base import BaseCommand, CommandError

from articles.importer import import_paths
from articles.models import Article

PROGRESS_EVERY = 50


class Command(BaseCommand):
    help = "Import Markdown write-ups (files or directories, recursively) into the knowledge base."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files or directories of *.md / *.markdown")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report, write nothing"
        )
        parser.add_argument(
            "--force", action="store_true", help="overwrite articles an editor changed since"
        )
        parser.add_argument("--encoding", help="the files' encoding (default UTF-8, BOM or not)")
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when any write-up exists"
        )

    def handle(self, *args, paths, dry_run, force, encoding, if_empty, verbosity, **options):
        if if_empty and Article.objects.exists():
            if verbosity >= 1:
                self.stdout.write("Write-ups already present; nothing imported.")
            return
        seen = 0

        def on_result(result):
            nonlocal seen
            seen += 1
            if result.status in {"failed", "conflict"}:
                self.stderr.write(self.style.ERROR(result.line()))
            elif result.status == "skipped":
                self.stderr.write(self.style.WARNING(result.line()))
            elif verbosity >= 2:
                self.stdout.write(result.line())
            elif verbosity >= 1 and seen % PROGRESS_EVERY == 0:
                self.stdout.write(f"… {seen} files")

        report = import_paths(
            paths, dry_run=dry_run, force=force, encoding=encoding, on_result=on_result
        )
        prefix = "Dry run (nothing written): " if dry_run else ""
        if verbosity >= 1:
            self.stdout.write(prefix + report.summary())
        if not report.ok:
            raise CommandError(f"{report.summary()}", returncode=1)
