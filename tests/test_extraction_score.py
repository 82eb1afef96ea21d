"""The importer's reading of who said what, held on the hand-labelled write-ups in
tests/data/gold/ (see bench/extraction.py). No database: the write-ups are only parsed."""

import json

import pytest

from bench.extraction import GOLD, score
from tests.conftest import SHARED

# What the importer reaches today, less one point. Raise them as it improves; never lower.
MIN_PRECISION = 0.98
MIN_RECALL = 0.91
MIN_FACTS = 0.90

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/ is not here"),
]


@pytest.fixture(scope="module")
def overall():
    return score(GOLD, SHARED)["overall"]


def test_attribution_precision_holds(overall):
    assert overall["precision"] >= MIN_PRECISION


def test_recall_holds(overall):
    assert overall["recall"] >= MIN_RECALL


def test_episode_facts_hold(overall):
    assert overall["facts"] >= MIN_FACTS


def test_every_gold_file_names_an_article_and_labels_quotes():
    for path in GOLD.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert (SHARED / gold["file"]).is_file(), path.name
        assert all(q["kind"] in {"quote", "term"} for q in gold["quotes"]), path.name


def test_a_wrong_label_costs_precision_and_recall(tmp_path):
    """The score is not vacuous: crediting the sample's quotes to someone else shows up."""
    gold = json.loads((GOLD / "sam-altman-openai-strategy.json").read_text(encoding="utf-8"))
    right = score(_folder(tmp_path / "right", gold), SHARED)["overall"]
    for quote in gold["quotes"]:
        if quote["speaker"]:
            quote["speaker"] = "Alex Kantrowitz"
    gold["quotes"].append({"opening": "nowhere in the file", "speaker": None, "kind": "quote"})
    wrong = score(_folder(tmp_path / "wrong", gold), SHARED)["overall"]
    assert right["right"] > 0 and right["hits"] > 0
    assert wrong["right"] == wrong["hits"] == 0
    assert wrong["missing"] == right["missing"] + 1


def _folder(folder, gold: dict):
    folder.mkdir()
    (folder / "one.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder
