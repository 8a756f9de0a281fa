"""`make bench`: the portal under load next to a bare Django baseline.

For each database (SQLite, and PostgreSQL when reachable) and content volume
(the shipped content, and the same with synthetic content added so that there
is ten times as much), the portal is served with gunicorn exactly as by
`make run` (2 workers), once with the page cache and once without (the value
cache of kassel_integration/cache/values.py stays on, as in production). Pages
are discovered by crawling from /de/, /en/ and /sl/ and grouped by page type
(the view that answers) and language. wrk drives each page; the script prints
requests per second, p50/p99 latency, server CPU milliseconds per request and
its ratio to the baseline's, HTML size (raw and gzip), SQL queries per page
(with both caches off: the most a request takes) and the ratio of requests per
second to the baseline, which is measured again before each database and
volume: the machine's speed drifts during a run.

    make bench                                   # everything
    make bench BENCH_ARGS="--seconds 2 --db sqlite --scale 1"
    make bench BENCH_ARGS="--nodes"              # and two nodes against one (tests/bench/nodes.py)
    make bench BENCH_ARGS="--db= --nodes"        # only two nodes against one
"""

import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.bench import nodes
from tests.quality.server import BIN, ROOT, free_port, get, gunicorn, manage, prepare, server_env

TARGETS = {
    "queries": 6,
    "cpu_ms_uncached": 10.0,
    # Issue 17: page cache off, CPU per request at most 80 times the same run's baseline;
    # page cache on, at least 45 % of the baseline's requests per second.
    "cpu_ratio_uncached": 80.0,
    "cached_ratio": 0.45,
    "html_gzip_kb": 30.0,
    "css_gzip_kb": 30.0,
}
SEARCH_WORD = "Kassel"
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/kassel_bench")


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian package)…", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def wrk(url, seconds, connections=8, headers=()):
    header_args = [arg for header in headers for arg in ("-H", header)]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *header_args, url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def percentile(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {
        "rps": rps,
        "requests": requests,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def cpu_seconds(pid):
    """User+system CPU of the gunicorn master and its workers."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [
        pid,
        *[
            int(p)
            for p in subprocess.run(
                ["pgrep", "-P", str(pid)], capture_output=True, text=True
            ).stdout.split()
        ],
    ]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def discover(base, limit=300):
    """Crawl from the three home pages and a search per language; one URL per (view, language)."""
    import django
    from django.urls import resolve, reverse
    from django.utils.translation import override

    # Only the URL resolver is used in this process, to name each page's type.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kassel_integration.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-url-resolver-only")
    django.setup()
    queue = ["/de/", "/en/", "/sl/"]
    # No page links to search results: ask for a word every language's content has.
    for language in ("de", "en", "sl"):
        with override(language):
            queue.append(f"{reverse('search')}?q={SEARCH_WORD}")
    seen, pages = set(queue), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        status, body = get(base + path)
        if status != 200 or not body.lstrip().startswith(b"<!DOCTYPE html>"):
            continue
        language = path.split("/")[1]
        with override(language):
            match = resolve(path.split("?")[0])
        key = (match.view_name + ("?query" if "?" in path else ""), language)
        pages.setdefault(key, path)
        for href in re.findall(rb'href="(/[^"#]*)"', body):
            link = href.decode().replace("&amp;", "&")
            if (
                link.startswith(("/static/", "/verwaltung/"))
                or link in seen
                or re.search(r"\.(ics|vcf|xml|atom|pdf)$|/download/", link)
            ):
                continue
            seen.add(link)
            queue.append(link)
    return dict(sorted(pages.items()))


def count_queries(env, paths):
    """SQL queries per page, measured in-process against the same database.

    With the page cache and the value cache off: the queries of a page that
    nothing has stored yet, the most any request of it takes.
    """
    script = (
        "import json, sys, django; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1')\n"
        "result = {}\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        client.get(path)\n"
        "    result[path] = len(queries)\n"
        "print(json.dumps(result))\n"
    )
    output = subprocess.run(
        [str(BIN / "python"), "-c", script, json.dumps(paths)],
        cwd=ROOT, env={**env, "DJANGO_PAGE_CACHE_SECONDS": "0", "DJANGO_VALUE_CACHE_SECONDS": "0"}, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def measure(base, process, path, seconds):
    before = cpu_seconds(process.pid)
    result = wrk(base + path, seconds)
    result["cpu_ms"] = (cpu_seconds(process.pid) - before) * 1000 / max(result["requests"], 1)
    return result


def run_config(database, scale, seconds, workdir, baseline, report):
    database_url = (
        f"sqlite:///{workdir / f'bench-{scale}.sqlite3'}" if database == "sqlite" else PG_URL
    )
    # X-Cache is hidden from visitors unless exposed: the benchmark reads it to tell cache hits.
    env = server_env(workdir, database_url, DJANGO_EXPOSE_CACHE_STATUS="true")
    if database == "postgresql":
        # The database named in BENCH_POSTGRES_URL is dropped and made anew.
        name = urllib.parse.urlsplit(PG_URL).path.lstrip("/")
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    prepare(env, collectstatic=not (workdir / "static").exists())
    if scale > 1:
        manage(env, "shell", "-c", f"from tests.bench.synthetic import generate; generate({scale})")
    for cached in (True, False):
        run_env = dict(env, DJANGO_PAGE_CACHE_SECONDS="600" if cached else "0")
        shutil.rmtree(workdir / "page-cache", ignore_errors=True)
        with gunicorn(run_env, workdir) as (base, process):
            pages = discover(base)
            queries = count_queries(env, list(pages.values())) if not cached else {}
            for (page_type, language), path in pages.items():
                get(base + path)  # warm the cache and the workers
                result = measure(base, process, path, seconds)
                status, body = get(base + path)
                with urllib.request.urlopen(base + path) as response:
                    served_from_cache = response.headers.get("X-Cache") == "HIT"
                result.update(
                    from_cache=served_from_cache,
                    database=database, scale=scale, cached=cached, page_type=page_type, language=language,
                    path=path, status=status, html_kb=len(body) / 1024,
                    html_gzip_kb=len(gzip.compress(body)) / 1024,
                    queries=queries.get(path), ratio=result["rps"] / baseline["rps"],
                    cpu_ratio=result["cpu_ms"] / baseline["cpu_ms"],
                )  # fmt: skip
                report.append(result)
                print(
                    f"{database:10} x{scale:<3} {'cached' if cached else 'fresh':6} {page_type:32} {language}  "
                    f"{result['rps']:8.0f} rps  p50 {result['p50']:6.2f} ms  p99 {result['p99']:7.2f} ms  "
                    f"cpu {result['cpu_ms']:6.2f} ms ({result['cpu_ratio']:5.1f}x)  {result['html_gzip_kb']:5.1f} KB gz  "
                    f"q {result['queries'] if result['queries'] is not None else '-':>2}  "
                    f"{result['ratio'] * 100:5.1f}% of baseline"
                    + (f"  ERRORS {result['errors']}" if result["errors"] else ""),
                    flush=True,
                )


def css_size(workdir):
    css = sorted((workdir / "static" / "css").glob("*.css.gz"))
    return {
        path.name: path.stat().st_size / 1024
        for path in css
        if re.search(r"\.[0-9a-f]{12}\.css\.gz$", path.name)
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--scale", default="1,10")
    parser.add_argument("--json", default="bench-results/latest.json")
    parser.add_argument(
        "--nodes",
        action="store_true",
        help="also two nodes against one through haproxy (needs haproxy, PostgreSQL, Redis)",
    )
    args = parser.parse_args()
    ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="kassel-bench-"))
    report = []
    try:
        baselines = []
        for database in filter(None, args.db.split(",")):
            if (
                database == "postgresql"
                and subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode != 0
            ):
                print("PostgreSQL is not reachable on 127.0.0.1:5432: skipping it")
                continue
            for scale in (int(s) for s in args.scale.split(",")):
                # Measured again before each block of pages: this machine's speed
                # drifts within a run (2,700 to 6,800 baseline requests/s in one
                # afternoon), and a ratio is only fair against the same minutes.
                base_result = measure_baseline(args.seconds)
                baselines.append(base_result)
                run_config(database, scale, args.seconds, workdir, base_result, report)
        base_result = (
            min(baselines, key=lambda result: result["rps"]) if baselines else {}
        )  # the slowest
        node_rows = nodes.run(workdir, args.seconds, wrk) if args.nodes else []
        if report:
            summarise(report, baselines, css_size(workdir))
        Path(args.json).parent.mkdir(exist_ok=True)
        Path(args.json).write_text(
            json.dumps(
                {
                    "baseline": base_result,
                    "baselines": baselines,
                    "pages": report,
                    "nodes": node_rows,
                },
                indent=2,
            )
        )
        print(f"\nfull results: {args.json}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def measure_baseline(seconds):
    """Requests per second and CPU per request of a bare Django view, served like the portal."""
    baseline_env = {**os.environ, "DJANGO_SETTINGS_MODULE": ""}
    port = free_port()
    baseline = subprocess.Popen(
        [str(BIN / "gunicorn"), "tests.bench.baseline", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--no-control-socket"],
        cwd=ROOT, env=baseline_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                if get(f"http://127.0.0.1:{port}/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        before = cpu_seconds(baseline.pid)
        result = wrk(f"http://127.0.0.1:{port}/", seconds)
        result["cpu_ms"] = (cpu_seconds(baseline.pid) - before) * 1000 / result["requests"]
    finally:
        baseline.terminate()
        baseline.wait()
    print(
        f"baseline (bare Django view): {result['rps']:.0f} rps, p50 {result['p50']:.2f} ms, "
        f"p99 {result['p99']:.2f} ms, cpu {result['cpu_ms']:.2f} ms/request\n",
        flush=True,
    )
    return result


def summarise(report, baselines, css):
    print("\nTargets")
    fresh = [r for r in report if not r["cached"]]
    cached = [r for r in report if r["cached"]]
    worst_queries = max((r["queries"] or 0 for r in fresh), default=0)
    shipped = [r for r in fresh if r["scale"] == 1]
    worst_cpu = max((r["cpu_ms"] for r in shipped), default=0)
    worst_cpu_ratio = max((r["cpu_ratio"] for r in shipped), default=0)
    # Pages with a form carry a CSRF token and are never cached: they are not part of this target.
    worst_ratio = min((r["ratio"] for r in cached if r["from_cache"]), default=0)
    worst_html = max((r["html_gzip_kb"] for r in report), default=0)
    worst_css = max(css.values(), default=0)
    rows = [
        (
            "SQL queries per page (any volume)",
            worst_queries,
            f"<= {TARGETS['queries']}",
            worst_queries <= TARGETS["queries"],
        ),
        (
            "server CPU per uncached page, shipped content (ms)",
            round(worst_cpu, 2),
            f"< {TARGETS['cpu_ms_uncached']}",
            worst_cpu < TARGETS["cpu_ms_uncached"],
        ),
        (
            "server CPU per uncached page vs baseline, shipped content",
            f"{worst_cpu_ratio:.0f}x",
            f"<= {TARGETS['cpu_ratio_uncached']:.0f}x",
            worst_cpu_ratio <= TARGETS["cpu_ratio_uncached"],
        ),
        (
            "cached throughput vs baseline (worst page)",
            f"{worst_ratio * 100:.0f}%",
            f">= {TARGETS['cached_ratio'] * 100:.0f}%",
            worst_ratio >= TARGETS["cached_ratio"],
        ),
        (
            "HTML per page, gzip (KB)",
            round(worst_html, 1),
            f"< {TARGETS['html_gzip_kb']}",
            worst_html < TARGETS["html_gzip_kb"],
        ),
        (
            "CSS per stylesheet, gzip (KB)",
            round(worst_css, 1),
            f"< {TARGETS['css_gzip_kb']}",
            worst_css < TARGETS["css_gzip_kb"],
        ),
    ]
    for name, value, target, ok in rows:
        print(f"  {'PASS' if ok else 'MISS'}  {name}: {value} (target {target})")
    errors = sum(r["errors"] for r in report)
    print(f"  {'PASS' if errors == 0 else 'MISS'}  non-2xx/3xx answers under load: {errors}")
    rates = [f"{baseline['rps']:.0f}" for baseline in baselines]
    print(f"  baseline, before each block of pages: {', '.join(rates)} rps")


if __name__ == "__main__":
    sys.exit(main())
