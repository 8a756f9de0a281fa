"""A hung database (stopped with SIGSTOP, not shut down) under a running gunicorn (issue 21, item 3).

Cached pages still come at once, an uncached page answers 503 within the answer
timeout, and a registration sent meanwhile is refused and not stored. Uses the
throwaway PostgreSQL of test_outage.py (root and the server binaries needed).

The other half, a database that stops answering right after a registration's
commit, is tests/events/test_registration_after_commit.py: the answer is then
the confirmation page, rendered from memory, and the e-mail still goes out.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.quality.server import BIN, ROOT, get, gunicorn, prepare, server_env
from tests.quality.test_outage import postgres  # noqa: F401  (the fixture)

pytestmark = pytest.mark.server


def request(base, method, path, body=None, headers=None, timeout=30):
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    started = time.monotonic()
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read().decode(errors="replace")
    conn.close()
    return response, data, time.monotonic() - started


def postgres_processes(data_dir: Path):
    master = int((data_dir / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return [master, *children]


def shell(env, code):
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]  # after the auto-import notice


def test_cached_pages_stay_fast_and_nothing_is_stored_unconfirmed_while_the_database_hangs(
    postgres,  # noqa: F811
    tmp_path,
):
    env = server_env(
        tmp_path,
        postgres.url,
        DJANGO_DB_CONNECT_TIMEOUT="2",
        DJANGO_DB_STATEMENT_TIMEOUT="2",  # the watchdog cuts after 4 s without an answer
        DJANGO_PAGE_CACHE_SECONDS="600",
        DJANGO_EXPOSE_CACHE_STATUS="true",
        PYTHONPATH=str(ROOT),
    )
    prepare(env)
    slug = shell(
        env,
        "from tests.events.factories import RegistrationEventFactory as F;"
        "print(F(capacity=50).slug_en)",
    )
    with gunicorn(env, tmp_path) as (base, _process):
        cached = ["/en/imprint/", "/en/events/", f"/en/events/{slug}/"]
        for path in cached * 3:  # every worker may serve them
            assert get(base + path)[0] == 200
        assert request(base, "GET", cached[0])[0].getheader("X-Cache") == "HIT"
        form, html, _seconds = request(base, "GET", f"/en/events/{slug}/register/")
        assert form.status == 200
        cookie = re.search(r"csrftoken=([^;]+)", form.getheader("Set-Cookie")).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

        processes = postgres_processes(postgres.data)
        try:
            for pid in processes:
                os.kill(pid, signal.SIGSTOP)
            for path in cached:
                response, _body, seconds = request(base, "GET", path)
                assert (response.status, response.getheader("X-Cache")) == (200, "HIT")
                assert seconds < 2, f"{path} took {seconds:.1f} s"
            response, body, seconds = request(base, "GET", "/en/privacy/")
            assert response.status == 503
            assert "<h1>Temporarily unavailable</h1>" in body
            assert seconds < 12, f"the 503 took {seconds:.1f} s"
            response, body, seconds = request(
                base,
                "POST",
                f"/en/events/{slug}/register/",
                body=urlencode(
                    {
                        "csrfmiddlewaretoken": token,
                        "name": "Ana Novak",
                        "email": "hung@example.org",
                        "language": "en",
                    }
                ),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={cookie}",
                    "Referer": base + f"/en/events/{slug}/register/",
                    "Origin": base,
                },
            )
            assert response.status == 503, body
            assert seconds < 15, f"the refused registration took {seconds:.1f} s"
        finally:
            for pid in processes:
                os.kill(pid, signal.SIGCONT)
        time.sleep(1)
        # Nothing was stored without a confirmation page.
        stored = shell(
            env,
            "from events.models import Registration;"
            "print(Registration.objects.filter(email='hung@example.org').count())",
        )
        assert stored == "0"
        # And the portal works again without a restart.
        assert get(base + "/en/privacy/")[0] == 200


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-s"]))
