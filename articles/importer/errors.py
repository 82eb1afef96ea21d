class ArticleError(Exception):
    """Bad input: one line that says what is wrong with a file. Never a traceback."""

    def __init__(self, message: str):
        # Parsers' own messages may span lines; a report line must not.
        super().__init__(" ".join(str(message).split()))


class EditConflict(ArticleError):
    """An editor changed the article since its last import; re-import needs --force."""
