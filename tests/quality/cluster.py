"""The portal on two machines, on this one: the deployment of compose.yaml without Docker.

One PostgreSQL database, one Redis (databases 1 to 3: Django's default cache, the
pages with their version tokens, the form rate limits), two gunicorn nodes started
exactly as `make run` starts one, each with its own working folder (so nothing
but PostgreSQL and Redis is shared), and haproxy round robin in front, with health
checks on /healthz. Used by tests/quality/test_multi_node.py and `make bench`
(`--nodes`).

Every request names the same host (`HOST`), as behind one public name: a node's
cache key holds the host, and the nodes must share their keys.
"""

import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.quality.server import BIN, ROOT, free_port, gunicorn_command, manage, server_env

POSTGRES_URL = os.environ.get(
    "NODES_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kassel_nodes"
)
REDIS_SERVER = os.environ.get("NODES_REDIS_URL", "redis://127.0.0.1:6379").rstrip("/")
# Each cache alias in its own Redis database (README, Configuration).
REDIS_DATABASES = {"REDIS_URL": 1, "REDIS_PAGES_URL": 2, "REDIS_LIMITS_URL": 3}
HOST = "localhost"
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"


def missing():
    """Why the cluster cannot run here, or None."""
    if not os.path.exists(HAPROXY):
        return "haproxy is not installed (apt-get install haproxy)"
    import psycopg
    import redis

    try:
        psycopg.connect(maintenance_url(), connect_timeout=3).close()
    except psycopg.OperationalError as error:
        return f"PostgreSQL is unreachable at {maintenance_url()}: {error}"
    try:
        redis.Redis.from_url(REDIS_SERVER, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return f"Redis is unreachable at {REDIS_SERVER}: {error}"
    return None


def maintenance_url():
    return POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"


def reset_database():
    """Drop and create the cluster's own database (never another one)."""
    import psycopg
    from psycopg import sql

    name = urllib.parse.urlsplit(POSTGRES_URL).path.lstrip("/")
    with psycopg.connect(maintenance_url(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def redis_urls():
    return {variable: f"{REDIS_SERVER}/{db}" for variable, db in REDIS_DATABASES.items()}


def reset_redis():
    import redis

    for url in redis_urls().values():
        redis.Redis.from_url(url).flushdb()


def redis_keys(variable, pattern="*"):
    import redis

    client = redis.Redis.from_url(redis_urls()[variable])
    return sorted(key.decode() for key in client.scan_iter(match=pattern, count=1000))


@dataclass
class Answer:
    status: int
    headers: dict
    body: str
    seconds: float = 0.0

    def header(self, name):
        return self.headers.get(name.lower())


def request(url, *, data=None, headers=None, timeout=30):
    """One HTTP request naming `HOST`; HTTP errors are answers too. Never follows redirects."""
    all_headers = {"Host": HOST, **(headers or {})}
    body = urllib.parse.urlencode(data).encode() if isinstance(data, dict) else data
    req = urllib.request.Request(url, data=body, headers=all_headers)
    opener = urllib.request.build_opener(NoRedirect)
    started = time.monotonic()
    try:
        with opener.open(req, timeout=timeout) as response:
            status, raw, found = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, found = error.code, error.read(), error.headers
    headers = {}
    for name, value in found.items():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return Answer(status, headers, raw.decode(errors="replace"), time.monotonic() - started)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Node:
    name: str
    env: dict
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        log = (self.workdir / "gunicorn.log").open("ab")
        self.process = subprocess.Popen(
            gunicorn_command(self.port, self.workdir),
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"node {self.name} exited: {self.log()[-3000:]}")
            try:
                if request(f"{self.base}/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"node {self.name} did not come up within {timeout} s")

    def stop(self, timeout=30):
        """SIGTERM, as `docker stop` sends: gunicorn finishes the requests it has, then exits."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self):
        path = self.workdir / "gunicorn.log"
        return path.read_text(errors="replace") if path.exists() else ""


HAPROXY_CONFIG = """\
# Written by tests/quality/cluster.py: round robin over two portal nodes.
global
    maxconn 1024
    # Into haproxy.log in the cluster's folder: state changes of the nodes, errors.
    log stdout format raw local0 info

defaults
    mode http
    log global
    option httplog
    # Only requests that failed or ended abnormally, with haproxy's termination state.
    option dontlog-normal
    option log-health-checks
    timeout connect 2s
    timeout client 30s
    timeout server 35s
    timeout http-request 10s
    # A node that refuses or drops a connection before answering costs no request:
    # it is tried again, on the other node (redispatch). haproxy never replays a POST
    # that may have reached a node (only connection failures are retried for those).
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend portal
    bind 127.0.0.1:{port}
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz
    http-check expect status 200
    # A node runs 2 sync gunicorn workers: at most 4 requests go to it at once, the rest
    # wait here (not in the node's backlog) and go to the other node if this one stops.
    # So a health check never waits behind a long backlog.
    # A stopping node is found by its first refused or reset connection, not by the checks:
    # it is taken out at once (observe layer4, on-error mark-down), and that request and
    # those waiting in the queue go to the other node. The checks let it back in once it
    # answers again, and are patient with a slow node: on a busy machine both nodes may
    # take seconds to answer, and marking both down would turn every request into a 503.
    timeout queue 20s
    timeout check 10s
    default-server inter 1s fastinter 500ms downinter 1s fall 3 rise 2 maxconn 4 observe layer4 error-limit 1 on-error mark-down
    # Which node answered, for the tests (a real deployment would not send this).
    http-response set-header X-Served-By %[srv_name]
{servers}
"""


@dataclass
class Balancer:
    nodes: list
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        servers = "\n".join(
            f"    server {node.name} 127.0.0.1:{node.port} check" for node in self.nodes
        )
        config = self.workdir / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=self.port, servers=servers))
        subprocess.run([HAPROXY, "-c", "-q", "-f", str(config)], check=True)
        log = (self.workdir / "haproxy.log").open("ab")
        self.process = subprocess.Popen(
            [HAPROXY, "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self.wait_for({node.name for node in self.nodes})

    def wait_for(self, names, timeout=20):
        """Wait until every node in `names` has answered through the balancer."""
        seen, deadline = set(), time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                seen.add(request(f"{self.base}/healthz", timeout=2).header("X-Served-By"))
            except OSError:
                time.sleep(0.1)
            if names <= seen:
                return
            time.sleep(0.05)
        raise RuntimeError(f"the balancer reached only {sorted(seen)} of {sorted(names)}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class SharedServicesLock:
    """One cluster at a time per database and Redis on this machine, across worktrees.

    A cluster drops and recreates its database and flushes its Redis databases on start:
    a second run started meanwhile (another worktree, `make bench --nodes`) would pull
    the tables from under the first one's nodes (500s, "relation does not exist").
    The second one waits here instead.
    """

    def __init__(self, timeout=1800):
        key = hashlib.sha256(f"{POSTGRES_URL} {REDIS_SERVER}".encode()).hexdigest()[:16]
        self.path = Path(tempfile.gettempdir()) / f"kassel-cluster-{key}.lock"
        self.timeout = timeout
        self.file = None

    def acquire(self):
        self.file = self.path.open("a")
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self.file.close()
                    self.file = None
                    raise TimeoutError(
                        f"another cluster holds {self.path} for {self.timeout} s"
                    ) from None
                time.sleep(1)

    def release(self):
        if self.file is not None:
            fcntl.flock(self.file, fcntl.LOCK_UN)
            self.file.close()
            self.file = None


class Cluster:
    """Start with `with Cluster(workdir) as cluster:`; nodes `a` and `b`, `balancer`."""

    def __init__(self, workdir: Path, **extra_env):
        self.workdir = workdir
        self.extra_env = extra_env
        self.lock = SharedServicesLock()
        self.nodes = []
        self.balancer = None

    def node_env(self, name):
        folder = self.workdir / name
        folder.mkdir(exist_ok=True)
        env = server_env(self.workdir, POSTGRES_URL, **redis_urls(), **self.extra_env)
        # Each node has its own folders, as on its own machine: without Redis they would
        # not share a page or a rate limit (the tests below would fail).
        env["DJANGO_PAGE_CACHE_DIR"] = str(folder / "page-cache")
        env["DJANGO_RATE_LIMIT_CACHE_DIR"] = str(folder / "rate-limits")
        env["DJANGO_MEDIA_ROOT"] = str(self.workdir / "media")
        env["DJANGO_ALLOWED_HOSTS"] = f"{HOST},127.0.0.1"
        return env, folder

    def __enter__(self):
        self.lock.acquire()
        try:
            reset_database()
            reset_redis()
            self.env, _folder = self.node_env("setup")
            manage(self.env, "migrate", "--noinput")
            manage(self.env, "load_kassel_content", "--verbosity", "0")
            manage(self.env, "collectstatic", "--noinput", "--verbosity", "0")
        except BaseException:
            self.lock.release()
            raise
        self.a = Node("a", *self.node_env("a"))
        self.b = Node("b", *self.node_env("b"))
        self.nodes = [self.a, self.b]
        self.balancer = Balancer(self.nodes, self.workdir)
        try:
            for node in self.nodes:
                node.start()
            self.balancer.start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        try:
            if self.balancer is not None:
                self.balancer.stop()
            for node in self.nodes:
                node.stop()
        finally:
            self.lock.release()

    def shell(self, code):
        """Run Python in `manage.py shell` against the cluster's database and Redis; its JSON."""
        result = subprocess.run(
            [str(BIN / "python"), "manage.py", "shell", "-c", code],
            cwd=ROOT, env=self.env, check=True, capture_output=True, text=True,
        )  # fmt: skip
        return json.loads(result.stdout.strip().splitlines()[-1])
