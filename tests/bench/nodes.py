"""`make bench BENCH_ARGS="--nodes"`: two nodes against one, through haproxy, in the same run.

The cluster of the multi-node test (tests/quality/cluster.py: PostgreSQL database
kassel_nodes, Redis databases 1 to 3, two gunicorn nodes with 2 workers each, haproxy
round robin). wrk drives, through the balancer:

- a cached page (the English home page, served from Redis after the first request);
- a conditional request for it (If-None-Match with its ETag: 304 once the page cache
  sends ETags; without one the row says so and is a plain cached request);
- an uncached page (a search for "Kassel": search results are never cached);

with both nodes, then with node B stopped (the balancer takes it out), then with both
again (this machine's speed drifts within a minute), and prints requests per second and
the ratio of two nodes (the mean of both runs) to one. On a machine with 2 cores two
nodes cannot be faster than one: the figures show what the balancer and the shared cache
cost, not how the portal scales on real machines.
"""

import time
from pathlib import Path

from tests.quality.cluster import HOST, Cluster, missing, request

PAGES = {
    "cached page": "/en/",
    "conditional request": "/en/",
    "uncached page (search)": "/en/search/?q=Kassel",
}


def only_node_a(cluster, timeout=30):
    """Wait until the balancer sends every request to node A."""
    deadline, in_a_row = time.monotonic() + timeout, 0
    while time.monotonic() < deadline and in_a_row < 10:
        try:
            served = request(f"{cluster.balancer.base}/healthz", timeout=5).header("X-Served-By")
        except OSError:
            served = None
        in_a_row = in_a_row + 1 if served == "a" else 0
    if in_a_row < 10:
        raise RuntimeError("the balancer kept sending requests to the stopped node B")


def measure(cluster, wrk, seconds, label):
    rows = []
    for name, path in PAGES.items():
        url = cluster.balancer.base + path
        headers = [f"Host: {HOST}"]
        first = request(url)
        note = ""
        if name == "conditional request":
            etag = first.header("ETag")
            if etag:
                headers.append(f"If-None-Match: {etag}")
                status = request(url, headers={"If-None-Match": etag}).status
                note = f"answers {status}"
            else:
                note = "no ETag sent: a plain cached request"
        request(url)  # warm: stored in Redis, both nodes' workers loaded
        result = wrk(url, seconds, headers=headers)
        result.update(nodes=label, page=name, path=path, note=note)
        rows.append(result)
        print(
            f"nodes {label:3}  {name:24} {result['rps']:8.0f} rps  p50 {result['p50']:6.2f} ms  "
            f"p99 {result['p99']:7.2f} ms" + (f"  ({note})" if note else "")
            + (f"  ERRORS {result['errors']}" if result["errors"] else ""),
            flush=True,
        )  # fmt: skip
    return rows


def run(workdir: Path, seconds, wrk):
    """Measure; the rows for the JSON report (an empty list if the cluster cannot run here)."""
    reason = missing()
    if reason:
        print(f"two nodes against one: skipped ({reason})")
        return []
    print("\ntwo nodes against one, through haproxy (PostgreSQL, Redis)", flush=True)
    folder = workdir / "nodes"
    folder.mkdir()
    with Cluster(folder, DJANGO_EXPOSE_CACHE_STATUS="true") as cluster:
        rows = measure(cluster, wrk, seconds, "2")
        cluster.b.stop()
        only_node_a(cluster)
        rows += measure(cluster, wrk, seconds, "1")
        cluster.b.start()
        cluster.balancer.wait_for({"a", "b"}, timeout=60)
        rows += measure(cluster, wrk, seconds, "2")
    for name in PAGES:
        two = [r["rps"] for r in rows if r["page"] == name and r["nodes"] == "2"]
        one = next(r["rps"] for r in rows if r["page"] == name and r["nodes"] == "1")
        print(f"  {name:24} two nodes / one node: {sum(two) / len(two) / one:.2f}")
    return rows
