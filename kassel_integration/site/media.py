"""Uploaded images, served by the portal itself under `make run` (MEDIA_URL).

Without a reverse proxy in front (the embedded default) nobody else would serve
`/media/`, and an uploaded portrait would be a broken image. What is served is
deliberately narrow:

- Only the image types uploads are re-encoded to (JPEG, PNG, WebP; see
  content/images.py), judged by the file name *and* its first bytes; any other
  file (a document, which has its own view that checks publication, an HTML or
  SVG file put there by hand, a hidden file) answers 404, so nothing in the
  media folder can run as a page of the portal's origin.
- The path must stay inside MEDIA_ROOT after symbolic links are resolved.
- `Content-Type` from the allow-list, `X-Content-Type-Options: nosniff`,
  `Content-Disposition: inline` with no name, a sandboxing CSP of its own,
  and `Cache-Control` for a day (stored names are random and never reused; a
  replaced image gets a new name). `If-None-Match` / `If-Modified-Since` get
  a 304.

Behind a reverse proxy, `DJANGO_SERVE_MEDIA=false` turns this off and the
proxy serves the folder (README, "Deployment notes").
"""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.http import http_date
from django.views.decorators.http import condition, require_safe

# Extension -> (content type, how the file must begin).
IMAGE_TYPES = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".webp": ("image/webp", (b"RIFF",)),
}
CACHE_SECONDS = 24 * 60 * 60
MEDIA_CSP = "default-src 'none'; sandbox"


def _file(path: str) -> tuple[Path, str]:
    """The stored image for a URL path and its content type, or Http404."""
    if not getattr(settings, "SERVE_MEDIA", True):
        raise Http404("media are served by the proxy")
    parts = path.split("/")
    if (
        "\\" in path
        or "\x00" in path
        or any(not part or part.startswith(".") for part in parts)
        or len(path) > 255
    ):
        raise Http404("not a media path")
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404("no such file")
    kind = IMAGE_TYPES.get(target.suffix.lower())
    if kind is None:
        raise Http404("only images are served here")
    content_type, signatures = kind
    with target.open("rb") as stored:
        head = stored.read(12)
    if not head.startswith(signatures) or (content_type == "image/webp" and head[8:12] != b"WEBP"):
        raise Http404("not the image its name says")
    return target, content_type


def _etag(request, path):
    try:
        target, _type = _file(path)
    except Http404:
        return None
    stat = target.stat()
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'


def _last_modified(request, path):
    try:
        target, _type = _file(path)
    except Http404:
        return None
    return datetime.fromtimestamp(int(target.stat().st_mtime), tz=UTC)


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def serve(request, path):
    target, content_type = _file(path)
    response = FileResponse(target.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Last-Modified"] = http_date(int(target.stat().st_mtime))
    # The site's policy is for pages; an image needs nothing, and may start nothing.
    response["Content-Security-Policy"] = MEDIA_CSP
    return response
