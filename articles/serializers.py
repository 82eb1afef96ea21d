"""Plain-dict shapes of the public JSON API. Kept stable: outside tools rely on them."""

from .models import Appearance, Article


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def article_summary(article: Article, request=None) -> dict:
    return {
        "title": article.title,
        "slug": article.slug,
        "url": _absolute(request, article.get_absolute_url()),
        "date": article.published.isoformat() if article.dated else None,
    }


def _person(appearance: Appearance, request) -> dict:
    return {
        "name": appearance.speaker.name,
        "title": appearance.title,
        "url": _absolute(request, appearance.speaker.get_absolute_url()),
    }


def episode_dict(episode, request=None) -> dict | None:
    if episode is None:
        return None
    return {
        "show": episode.show.name if episode.show else None,
        "title": episode.title,
        "number": episode.number,
        "air_date": episode.air_date.isoformat() if episode.air_date else None,
        "duration": int(episode.duration.total_seconds()) if episode.duration else None,
        "links": [{"label": link.label, "url": link.url} for link in episode.links.all()],
        "hosts": [_person(a, request) for a in episode.hosts()],
        "guests": [_person(a, request) for a in episode.guests()],
    }


def article_detail(article: Article, request=None) -> dict:
    sections = list(article.sections.all())
    anchors = {s.pk: s.anchor for s in sections}
    return {
        **article_summary(article, request),
        "description": article.description,
        "language": article.language,
        "draft": article.draft,
        "tags": sorted(t.name for t in article.tags.all()),
        "categories": sorted(c.name for c in article.categories.all()),
        "episode": episode_dict(article.episode, request),
        "sections": [
            {
                "position": s.position,
                "heading": s.heading,
                "anchor": s.anchor,
                "kind": s.kind,
                "number": s.number,
                "url": _absolute(request, f"{article.get_absolute_url()}#{s.anchor}"),
            }
            for s in sections
        ],
        "quotes": [
            {
                "text": q.text,
                "kind": q.kind,
                "speaker": q.speaker.name if q.speaker else None,
                "status": q.status,
                "section_anchor": anchors.get(q.section_id),
                "timestamp": q.timestamp,
            }
            for q in article.quotes.all()
        ],
    }
