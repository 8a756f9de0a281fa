"""Database outage: a throwaway PostgreSQL is stopped under a running gunicorn, then restarted.

The test starts its own server (initdb in a temporary directory as the
postgres user, its own port), never the shared one. Run it locally with
`make test PYTEST_ARGS="tests/quality/test_outage.py -s"` (needs root for
`runuser`, and PostgreSQL's server binaries as on Debian).
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.quality.server import free_port, get, gunicorn, prepare, server_env

pytestmark = pytest.mark.server

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
CAN_RUN = PG_BIN is not None and os.geteuid() == 0 and shutil.which("runuser") is not None
REASON = "needs PostgreSQL server binaries under /usr/lib/postgresql and root (runuser)"
if not CAN_RUN and os.environ.get("CI") == "true":
    raise RuntimeError(f"CI=true but the outage test cannot run: {REASON}")


def as_postgres(*args, **kwargs):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, args)],
        check=True,
        capture_output=True,
        **kwargs,
    )


class ThrowawayPostgres:
    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        shutil.chown(root, "postgres", "postgres")
        as_postgres(
            PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    def start(self):
        as_postgres(
            PG_BIN / "pg_ctl", "-D", self.data, "-l", self.root / "log", "-w", "-t", "30",
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1", "start",
        )  # fmt: skip

    def stop(self):
        as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture
def postgres():
    if not CAN_RUN:
        pytest.skip(REASON)
    # Outside pytest's private temp folders, which the postgres user cannot enter.
    root = Path(tempfile.mkdtemp(prefix="kassel-outage-pg-"))
    server = ThrowawayPostgres(root)
    server.start()
    yield server
    subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(server.data), "-m", "immediate", "stop"], capture_output=True)  # fmt: skip
    shutil.rmtree(root, ignore_errors=True)


def timed_get(url):
    started = time.monotonic()
    status, body = get(url, timeout=30)
    return status, body.decode(errors="replace"), time.monotonic() - started


def test_pages_answer_503_while_database_is_down_and_recover_without_restart(postgres, tmp_path):
    env = server_env(
        tmp_path, postgres.url, DJANGO_PAGE_CACHE_SECONDS="0", DJANGO_DB_CONNECT_TIMEOUT="2"
    )
    prepare(env)
    with gunicorn(env, tmp_path) as (base, _process):
        assert get(f"{base}/healthz")[0] == 200
        assert get(f"{base}/en/imprint/")[0] == 200

        postgres.stop()
        status, body, seconds = timed_get(f"{base}/en/imprint/")
        assert status == 503
        assert "<h1>Temporarily unavailable</h1>" in body
        assert "Traceback" not in body
        assert seconds < 10, f"the 503 took {seconds:.1f} s"
        status, body, seconds = timed_get(f"{base}/healthz")
        assert (status, body) == (503, "database unavailable\n")
        assert seconds < 10

        postgres.start()
        answers = [get(f"{base}/en/imprint/")[0] for _ in range(6)]
        assert answers == [200] * 6
        assert get(f"{base}/healthz")[0] == 200
