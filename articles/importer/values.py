"""Reading front-matter values the many ways real files write them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.text import slugify

from .errors import ArticleError

TRUE_WORDS = {"true", "yes", "on", "1", "y"}
FALSE_WORDS = {"false", "no", "off", "0", "n", ""}


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return ""
    return str(value).strip()


def as_bool(value, field: str = "draft") -> bool:
    if isinstance(value, bool):
        return value
    word = as_text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ArticleError(f"{field}: cannot read {value!r} as true or false")


def as_list(value) -> list[str]:
    """A list of names from a list, a comma string or a 、-separated string."""
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"\s*[,，、;；]\s*", as_text(value))
    names = []
    for item in items:
        text = as_text(item) if not isinstance(item, dict) else as_text(item.get("name"))
        if text and text.lower() != "none":
            names.append(text)
    return list(dict.fromkeys(names))


_OFFSET_WITHOUT_COLON = re.compile(r"\s*([+-]\d{2}):?(\d{2})$")


def as_datetime(value, field: str = "date") -> datetime | None:
    """Dates, ISO date-times with offsets, `2026-05-02 00:00:00 +0800`, RFC 2822, epoch ms."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        raise ArticleError(f"{field}: cannot read {value!r} as a date")
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        number = float(value)
        if number > 1e11:  # milliseconds since the epoch
            number /= 1000
        if number > 1e9 or (isinstance(value, str) and len(value.strip()) >= 9):
            try:
                return datetime.fromtimestamp(number, tz=UTC)
            except (ValueError, OSError, OverflowError):
                raise ArticleError(f"{field}: {value!r} is no date this calendar has") from None
        raise ArticleError(f"{field}: cannot read {value!r} as a date")
    text = as_text(value)
    parsed = _parse_datetime_text(text)
    if parsed is None:
        raise ArticleError(f"{field}: cannot read {text!r} as a date")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return _in_range(parsed, field, text)


def _in_range(moment: datetime, field: str, text: str) -> datetime:
    """`9999-12-31T23:59:59-12:00` is a valid date-time that no comparison survives: in
    UTC it is year 10000. Refused here, naming the field, rather than deep in a query."""
    try:
        moment.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ArticleError(f"{field}: {text!r} is out of range (years 1 to 9999 in UTC)") from None
    return moment


def _parse_datetime_text(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    candidate = candidate.replace("/", "-")
    candidate = _OFFSET_WITHOUT_COLON.sub(r"\1:\2", candidate) if " " in candidate else candidate
    for attempt in (candidate, candidate.replace(" ", "T", 1)):
        try:
            return datetime.fromisoformat(attempt.replace(" +", "+").replace(" -", "-"))
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def as_date(value, field: str = "date") -> date | None:
    parsed = as_datetime(value, field)
    return parsed.date() if parsed else None


_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$")
_ISO_DURATION = re.compile(r"^P(?:T)?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$", re.I)
_WORDY_DURATION = re.compile(
    r"^(?:(\d+)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?)?)?)?\s*(?:(\d+)\s*s(?:ec(?:onds?)?)?)?$",
    re.I,
)


MAX_DURATION = timedelta(days=7)  # longer is a typo, not a podcast


def as_duration(value) -> timedelta | None:
    """`28:09`, `1:05:21`, `55:42.000`, `1685` (seconds), `PT20M02S`, `1h 36m 4s`.

    A duration that cannot be read is left out (the raw value stays in the front matter)."""
    try:
        duration = _duration(value)
    except (ValueError, OverflowError):
        return None
    return duration if duration is not None and duration <= MAX_DURATION else None


def _duration(value) -> timedelta | None:
    if value in (None, "") or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return timedelta(seconds=int(value))
    text = as_text(value)
    if text.isdigit():
        return timedelta(seconds=int(text))
    for pattern in (_CLOCK, _ISO_DURATION, _WORDY_DURATION):
        match = pattern.match(text)
        if match and any(match.groups()):
            hours, minutes, seconds = (float(g) if g else 0 for g in match.groups())
            return timedelta(hours=hours, minutes=minutes, seconds=int(seconds))
    return None


def as_seconds(stamp: str) -> int | None:
    match = _CLOCK.match(stamp.strip("[]() "))
    if not match:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


LINK_LABELS = {
    "podcasts.apple.com": "Apple Podcasts",
    "open.spotify.com": "Spotify",
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "soundon.fm": "SoundOn",
    "player.soundon.fm": "SoundOn",
    "kkbox.com": "KKBOX",
    "xiaoyuzhoufm.com": "小宇宙",
    "overcast.fm": "Overcast",
    "pca.st": "Pocket Casts",
}


def label_for(url: str) -> str:
    host = urlparse(url).netloc.lower().removeprefix("www.").removeprefix("m.")
    return LINK_LABELS.get(host) or host or "Link"


def as_links(value, key: str = "") -> list[tuple[str, str]]:
    """(label, url) pairs from a URL, a YouTube id, a {label: url} map or a list of either."""
    if value is None:
        return []
    if isinstance(value, dict):
        if "url" in value:
            label = as_text(value.get("platform") or value.get("label") or value.get("name"))
            return [(label or label_for(as_text(value["url"])), as_text(value["url"]))]
        # {soundon: url, apple: url}: the URL's own host names it better than the key.
        return [pair for name, item in value.items() for pair in as_links(item, str(name).lower())]
    if isinstance(value, list):
        return [pair for item in value for pair in as_links(item, key)]
    text = as_text(value)
    if re.match(r"^https?://\S+$", text):
        return [(label_for(text), text)]
    if key.startswith("youtube") and re.match(r"^[\w-]{11}$", text):
        return [("YouTube", f"https://www.youtube.com/watch?v={text}")]
    return []


def as_slug(value: str, max_length: int = 200) -> str:
    return slugify(value, allow_unicode=True)[:max_length].strip("-_")
