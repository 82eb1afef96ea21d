"""Loaded with `-p` before Django's settings: the suite needs a key, never a real one."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production")
