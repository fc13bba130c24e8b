"""Requests/s and latency of `/v1/solve` under 50 concurrent clients, on a small LP.

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/server_load.py [--concurrency 50] [--requests 500]

Why: the server runs every compile and solve in a killable worker process (optmodel.worker), so
that no request can hold it; this measures what that isolation costs against the baseline of
solving in the request thread (`create_app(isolate=False)`, HiGHS still in a forked child). Each
mode serves from its own subprocess (`--serve`), started and warmed the same way; the clients are
one asyncio httpx pool in this process. The ratio column is against the baseline; errors must be 0.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

LP = """## Sets
Products = {chairs, tables, desks}
## Parameters
profit[Products] = {chairs: 45, tables: 80, desks: 110}
wood[Products] = {chairs: 5, tables: 20, desks: 30}
hours[Products] = {chairs: 10, tables: 15, desks: 20}
## Variables
make[Products] >= 0
## Objective
maximize sum(profit[p] * make[p] for p in Products)
## Constraints
wood_limit: sum(wood[p] * make[p] for p in Products) <= 400
labour: sum(hours[p] * make[p] for p in Products) <= 450
"""


def serve(port: int, isolate: bool) -> None:
    """One server (no formulator needed for a given formulation)."""
    import uvicorn

    from optmodel.server import create_app
    from optmodel.serving import config

    uvicorn.Server(config(create_app(None, isolate=isolate), port=port, log_level="critical")).run()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _load(base: str, concurrency: int, total: int) -> tuple[float, list[float], int]:
    import httpx

    latencies: list[float] = []
    errors = 0
    queue = iter(range(total))
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def one_client() -> None:
            nonlocal errors
            for _ in queue:
                started = time.perf_counter()
                try:
                    r = await client.post("/v1/solve", json={"formulation": LP})
                    ok = r.status_code == 200 and r.json()["solution"]["status"] == "optimal"
                except httpx.HTTPError as exc:
                    ok, r = False, exc
                latencies.append(time.perf_counter() - started)
                if not ok:
                    errors += 1
                    if errors <= 3:
                        print("error:", getattr(r, "text", repr(r))[:300], file=sys.stderr)

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        return time.perf_counter() - started, latencies, errors


def measure(isolate: bool, concurrency: int, total: int) -> dict:
    import httpx

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port), "--isolate", str(int(isolate))],
        cwd=Path(__file__).resolve().parent.parent,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        for _ in range(3):  # warm up: the worker forkserver starts on the first solve
            httpx.post(base + "/v1/solve", json={"formulation": LP}, timeout=60).raise_for_status()
        wall, latencies, errors = asyncio.run(_load(base, concurrency, total))
    finally:
        proc.terminate()
        proc.wait(10)
    latencies.sort()
    return {
        "rps": total / wall,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))] * 1000,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--isolate", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, bool(args.isolate))
        return
    rows = {
        "in the request thread (baseline)": measure(False, args.concurrency, args.requests),
        "in a killable worker (default)": measure(True, args.concurrency, args.requests),
    }
    base = rows["in the request thread (baseline)"]["rps"]
    print(f"/v1/solve, {args.concurrency} concurrent clients, {args.requests} requests, a 3-product LP\n")
    print("| compile + solve | requests/s | ratio | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['rps']:.1f} | {r['rps'] / base:.2f} | {r['p50']:.0f} | {r['p99']:.0f} | {r['errors']} |"
        )


if __name__ == "__main__":
    main()
