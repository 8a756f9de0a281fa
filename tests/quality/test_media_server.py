"""An uploaded portrait under `make run` (gunicorn, production settings, no proxy).

Staff upload a portrait in the admin, see its thumbnail there, and the office
page shows it: /media/ is answered by the portal itself, with safe headers.
"""

import io
import subprocess

import pytest
from PIL import Image

from tests.browser import open_page
from tests.quality.server import BIN, ROOT, get, gunicorn, manage, prepare, server_env

pytestmark = [pytest.mark.server, pytest.mark.browser]

ADMIN = "/verwaltung/"


def picture(path):
    """A plain test picture (a colour gradient, nobody's portrait)."""
    image = Image.new("RGB", (600, 750))
    image.putdata([(x * 255 // 600, y * 255 // 750, 120) for y in range(750) for x in range(600)])
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("media-server")
    env = server_env(
        workdir,
        f"sqlite:///{workdir / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
    )
    prepare(env)
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": "correct-horse-battery"},
        "createsuperuser", "--noinput", "--username", "chefin", "--email", "chefin@example.org",
    )  # fmt: skip
    holder = subprocess.run(
        [
            str(BIN / "python"), "manage.py", "shell", "-c",
            "from officers.models import Term; print(Term.objects.get(has_ended=False).person_id)",
        ],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    with gunicorn(env, workdir) as (base, _process):
        yield base, int(holder), workdir


def test_uploaded_portrait_shows_in_the_admin_and_on_the_office_page(page, server):
    base, holder, workdir = server
    page.set_extra_http_headers({"Accept-Language": "de"})
    open_page(page, f"{base}{ADMIN}login/?next={ADMIN}")
    page.fill("#id_username", "chefin")
    page.fill("#id_password", "correct-horse-battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}{ADMIN}")

    change = f"{base}{ADMIN}officers/person/{holder}/change/"
    open_page(page, change)
    page.set_input_files("#id_portrait", str(picture(workdir / "bild.jpg")))
    page.fill("#id_portrait_alt_de", "Testbild mit Farbverlauf")
    page.click("input[name=_continue]")
    page.wait_for_selector("ul.messagelist li.success")

    # The admin shows the stored image's smallest copy above the file input.
    thumbnail = page.locator("img.admin-thumbnail")
    page.wait_for_function("() => document.querySelector('img.admin-thumbnail').complete")
    assert thumbnail.evaluate("img => img.naturalWidth") == 320
    assert thumbnail.get_attribute("alt") == "Testbild mit Farbverlauf"
    src = thumbnail.get_attribute("src")
    assert src.startswith("/media/people/")

    open_page(page, f"{base}/de/integrationsbeauftragte/")
    portrait = page.locator("img.holder-portrait")
    page.wait_for_function("() => document.querySelector('img.holder-portrait').complete")
    assert portrait.evaluate("img => img.naturalWidth") > 0
    assert portrait.get_attribute("alt") == "Testbild mit Farbverlauf"

    status, body = get(f"{base}{src}")
    assert status == 200
    assert body[:3] == b"\xff\xd8\xff"
    request = page.request.get(f"{base}{src}")
    assert request.headers["content-type"] == "image/jpeg"
    assert request.headers["x-content-type-options"] == "nosniff"
    assert request.headers["cache-control"] == "public, max-age=86400"
    assert "set-cookie" not in request.headers
    # Nothing but images: the database file beside the media folder stays out of reach.
    assert get(f"{base}/media/../db.sqlite3")[0] == 404
    assert get(f"{base}/media/%2e%2e/db.sqlite3")[0] == 404
