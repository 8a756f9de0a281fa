"""Uploaded images served by the portal itself (kassel_integration/site/media.py).

Only the image types uploads are turned into, with their real content, inside
MEDIA_ROOT; everything else answers 404, so nothing put into the media folder
can run as a page of the portal.
"""

import io
import os

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def image_bytes(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 90, 160)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = settings.MEDIA_ROOT / "people"
    folder.mkdir(parents=True)
    files = {
        "people/a.jpg": image_bytes("JPEG"),
        "people/b.png": image_bytes("PNG"),
        "people/c.webp": image_bytes("WEBP"),
        # Not images, or not the image the name says: never served.
        "people/page.html": b"<html><script>alert(1)</script></html>",
        "people/drawing.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
        "people/disguised.jpg": b"<html><script>alert(1)</script></html>",
        "people/disguised.webp": b"RIFF\x00\x00\x00\x00AVI LIST",
        "people/.hidden.jpg": image_bytes("JPEG"),
        "concept/documents/plan.pdf": b"%PDF-1.4\n%%EOF\n",
    }
    for name, data in files.items():
        path = settings.MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # A secret beside the media folder, and a link from inside pointing at it.
    (tmp_path / "secret.jpg").write_bytes(image_bytes("JPEG"))
    os.symlink(tmp_path / "secret.jpg", folder / "link.jpg")
    return files


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("a.jpg", "image/jpeg"), ("b.png", "image/png"), ("c.webp", "image/webp")],
)
def test_images_are_served_with_safe_headers(client, media, name, content_type):
    response = client.get(f"/media/people/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == media[f"people/{name}"]
    # Anonymous visitors get no cookie here either.
    assert response.cookies == {}


def test_a_second_request_is_answered_from_the_browser_cache(client, media):
    first = client.get("/media/people/a.jpg")
    first.close()
    again = client.get("/media/people/a.jpg", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    since = client.get("/media/people/a.jpg", headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    head = client.head("/media/people/a.jpg")
    head.close()
    assert head.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/people/page.html",
        "/media/people/drawing.svg",
        "/media/people/disguised.jpg",
        "/media/people/disguised.webp",
        "/media/people/.hidden.jpg",
        "/media/concept/documents/plan.pdf",
        "/media/people/link.jpg",
        "/media/people/missing.jpg",
        "/media/people/",
        "/media/people//a.jpg",
        "/media/people/..%2f..%2fsecret.jpg",
        "/media/people/%2e%2e/%2e%2e/secret.jpg",
        "/media/people/..%5c..%5csecret.jpg",
    ],
)
def test_anything_else_is_not_found(client, media, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert b"alert" not in response.content


def test_a_nul_byte_is_a_bad_request(client, media):
    assert client.get("/media/people/a.jpg%00.html").status_code == 400


def test_only_safe_methods(client, media):
    assert client.post("/media/people/a.jpg").status_code == 405


def test_behind_a_proxy_the_portal_serves_nothing(client, media, settings):
    settings.SERVE_MEDIA = False
    assert client.get("/media/people/a.jpg").status_code == 404
