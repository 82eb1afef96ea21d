"""Arbitrary input never raises anything but the importer's clean per-file error, and the
search answers any string. HYPOTHESIS_PROFILE=fuzz (make fuzz) runs many more examples."""

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.importer import ArticleError, Source, parse_article
from articles.importer.runner import Importer
from articles.search.query import parse
from articles.search.service import search

settings.register_profile(
    "ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

KEYS = ["title", "date", "tags", "guests", "hosts", "podcast", "episode", "duration", "draft",
        "slug", "description", "categories", "language", "audio", "speakers"]  # fmt: skip
scalars = st.one_of(
    st.text(max_size=40), st.integers(), st.booleans(), st.none(),
    st.sampled_from(["2025-01-01", "29:20", "032", "PT1M", "no", "'", '"', "[", "{", ":"]),
)  # fmt: skip
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
bodies = st.text(
    alphabet=st.sampled_from(list('#>「」『』“”"*:：-_[]()\n 記憶ab1!<>&/|{}`~')) | st.characters(),
    max_size=400,
)


def yaml_front_matter(data: dict) -> str:
    import json

    return "---\n" + "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in data.items())


@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=6), bodies,
       st.sampled_from(["---", "+++", "", "{"]), st.booleans())  # fmt: skip
def test_parse_never_raises_anything_else(front, body, fence, close):
    text = yaml_front_matter(front) if fence == "---" else fence + "\n"
    text += ("\n---\n" if close else "\n") + body
    try:
        parse_article(Source("fuzz.md", text.encode("utf-8", "surrogatepass")))
    except ArticleError as exc:
        assert str(exc) and "\n" not in str(exc)
    except UnicodeEncodeError:
        pass  # surrogates cannot be a file's bytes in the first place


@pytest.mark.django_db
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.binary(max_size=600)
    | bodies.map(lambda b: ("---\ntitle: x\n---\n" + b).encode("utf-8", "surrogatepass"))
)
def test_import_of_any_bytes_is_clean(data):
    result = Importer().run_source(Source("fuzz.md", data))
    assert result.status in {"created", "updated", "unchanged", "failed"}
    assert "Traceback" not in result.detail and "\n" not in result.detail


@given(st.text(max_size=300))
@example("gpt-5.2 o'neil don’t snake_case 記憶・習慣")  # every character the index escapes
def test_query_parser_never_raises(query):
    for term in parse(query):
        # What reaches either database's full-text parser is letters and digits only, so
        # neither splits a token differently (nor reads an operator in it).
        assert all(token.isalnum() for token in term.encoded), term


@pytest.mark.django_db
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120), st.sampled_from(["", "2024", "x", "%"]))
def test_search_never_raises(client, query, year):
    results = search(query.replace("\x00", ""), {"year": year})
    assert results.message or results.page is not None
    response = client.get("/search/", {"q": query.replace("\x00", ""), "year": year})
    assert response.status_code == 200
