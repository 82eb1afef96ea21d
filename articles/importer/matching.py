"""Which stored row a re-imported section or quote is: the same text, or nearly the same.
Pure functions on strings, so the rows keep their ids (and their permalinks)."""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

NEARLY = 0.8  # a word or two changed in a sentence; a rewrite is a new quote
NEARLY_SECTION = 0.6


def _similar(a: str, b: str, threshold: float) -> bool:
    shorter, longer = sorted((len(a), len(b)))
    if not longer or shorter / longer < threshold:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def pair_exact(old: list[str], new: list[str], paired: dict[int, int]) -> None:
    """Pair equal keys in order (a quote said twice pairs twice); updates `paired`
    (new index -> old index), leaving pairs already made alone."""
    free = defaultdict(list)
    taken = set(paired.values())
    for i, key in enumerate(old):
        if key and i not in taken:
            free[key].append(i)
    for j, key in enumerate(new):
        if j not in paired and free.get(key):
            paired[j] = free[key].pop(0)


def pair_similar(
    old: list[str], new: list[str], paired: dict[int, int], threshold: float, limit: int = 200
) -> None:
    """Pair what is left by similarity, first come first served. Bounded: past `limit`
    rows on either side the leftovers are new rows (a rewrite, not an edit)."""
    taken = set(paired.values())
    left_old = [i for i in range(len(old)) if i not in taken and old[i]][:limit]
    for j in [j for j in range(len(new)) if j not in paired][:limit]:
        match = next((i for i in left_old if _similar(old[i], new[j], threshold)), None)
        if match is not None:
            paired[j] = match
            left_old.remove(match)


def pair_sections(old: list[tuple[str, str, str]], new: list[tuple[str, str, str]]):
    """(anchor, heading, body) each; new index -> old index."""
    paired: dict[int, int] = {}
    for part in (0, 1):
        pair_exact([o[part] for o in old], [n[part] for n in new], paired)
    pair_similar([o[2] for o in old], [n[2] for n in new], paired, NEARLY_SECTION)
    return paired


def pair_quotes(old: list[str], new: list[str]) -> dict[int, int]:
    """Imported texts; new index -> old index."""
    paired: dict[int, int] = {}
    pair_exact(old, new, paired)
    pair_similar(old, new, paired, NEARLY)
    return paired
