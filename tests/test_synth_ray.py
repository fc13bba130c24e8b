"""`--engine ray` runs the same pipeline on a Ray cluster: here a local one the test starts."""

from __future__ import annotations

import polars as pl
import pytest

from optmodel.synth.pipeline import synthesize

ray = pytest.importorskip("ray")


@pytest.mark.slow
def test_ray_engine_matches_local(tmp_path):
    args = dict(per_family=4, complexity=(1, 2), seed=3, shard_size=2, progress=False)
    synthesize(["product_mix", "diet"], out=tmp_path / "local", **args)
    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    try:
        summary = synthesize(["product_mix", "diet"], out=tmp_path / "ray", engine="ray", **args)
    finally:
        ray.shutdown()
    assert summary["engine"] == "ray" and summary["verified"] == 8
    cols = ["id", "nl", "formulation", "optimum", "split"]
    local = pl.read_parquet(tmp_path / "local" / "dataset.parquet").sort("id").select(cols)
    remote = pl.read_parquet(tmp_path / "ray" / "dataset.parquet").sort("id").select(cols)
    assert local.equals(remote)
