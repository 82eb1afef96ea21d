class WriteupError(Exception):
    """Bad input: one line that says what is wrong with a file. Never a traceback."""


class EditConflict(WriteupError):
    """An editor changed the article since its last import; re-import needs --force."""
