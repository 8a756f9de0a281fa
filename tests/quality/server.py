"""Run the portal the way `make run` does (gunicorn + whitenoise, production settings)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(workdir: Path, database_url: str, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kassel_integration.settings",
        DJANGO_SECRET_KEY="server-test-secret-key-0123456789-0123456789-0123456789",
        DATABASE_URL=database_url,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_PAGE_CACHE_DIR=str(workdir / "page-cache"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def manage(env, *args):
    subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def prepare(env, collectstatic=True):
    manage(env, "migrate", "--noinput")
    manage(env, "load_kassel_content", "--verbosity", "0")
    if collectstatic:
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def get(url, timeout=15, headers=None):
    """(status, body) for a GET; HTTP errors are answers too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def gunicorn_command(port, workdir: Path, workers=2):
    """The same command as `make run`, on a loopback port."""
    return [
        str(BIN / "gunicorn"), "kassel_integration.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--no-control-socket", "--graceful-timeout", "20", "--preload", "--timeout", "30",
        "--limit-request-line", "4094", "--limit-request-fields", "50",
        "--limit-request-field_size", "8190",
        "--pid", str(workdir / f"gunicorn-{port}.pid"),
    ]  # fmt: skip


@contextmanager
def gunicorn(env, workdir: Path, workers=2):
    port = free_port()
    log = (workdir / f"gunicorn-{port}.log").open("wb")
    process = subprocess.Popen(
        gunicorn_command(port, workdir, workers),
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited: {(workdir / f'gunicorn-{port}.log').read_text()}"
                )
            try:
                if get(f"{base}/healthz", timeout=2)[0] in (200, 503):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not come up within 60 s")
        yield base, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
