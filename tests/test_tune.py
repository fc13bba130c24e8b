"""Solver tuning: option-space validation, a tiny BO run with profile + resume, online regret, CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import highspy
import numpy as np
import pytest

from optmodel.errors import OptModelError
from optmodel.tune import (
    OnlineTuner,
    Tuner,
    best_fixed,
    cumulative_regret,
    geomean_ci,
    load_space,
    plot_regret,
    run_highs,
    speedups,
    tune,
)
from optmodel.tune.instances import FAMILIES, generate, prepare_instances
from optmodel.tune.runner import Run
from optmodel.tune.space import problem_class_of

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict[str, list[Path]]:
    out = tmp_path_factory.mktemp("instances")
    return {family: generate(family, out, 3, seed=5, size="tiny") for family in FAMILIES}


def write_space(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "space.toml"
    path.write_text(body)
    return path


# -- option space ----------------------------------------------------------------------------


def test_shipped_space_matches_highs_defaults():
    for problem_class in ("mip", "lp"):
        space = load_space(problem_class=problem_class)
        assert len(space.specs) >= 5
        h = highspy.Highs()
        for spec, value in zip(space.specs, space.default_point(), strict=True):
            assert h.getOptionValue(spec.name)[1] == value, spec.name
    mip = load_space(problem_class="mip")
    assert {"presolve", "mip_heuristic_effort", "mip_detect_symmetry"} <= set(mip.names)


def test_conditional_options_are_dropped_when_inactive():
    lp = load_space(problem_class="lp")
    point = dict(zip(lp.names, lp.default_point(), strict=True))
    point["solver"] = "ipm"
    options = lp.to_options(point)
    assert "simplex_scale_strategy" not in options and options["run_crossover"] == "on"
    point["solver"] = "simplex"
    options = lp.to_options(point)
    assert "run_crossover" not in options and options["simplex_scale_strategy"] == 2


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            '[mip.mip_heuristic_efort]\ntype = "real"\nlow = 0.01\nhigh = 0.5\n',
            "unknown HiGHS option 'mip_heuristic_efort'",
        ),
        ('[mip.mip_heuristic_effort]\ntype = "real"\nlow = 0.01\nhigh = 2.0\n', "outside HiGHS's range"),
        ('[mip.mip_heuristic_effort]\ntype = "integer"\nlow = 0\nhigh = 1\n', "is a HiGHS double option"),
        ('[mip.mip_heuristic_effort]\ntype = "real"\nlow = 0.1\nhigh = 0.5\n', "default 0.05"),
        ('[mip.mip_heuristic_effort]\ntype = "real"\nlow = 0.0\nhigh = 0.5\nlog = true\n', "log scale"),
        (
            '[mip.presolve]\ntype = "categorical"\nchoices = ["choose", "sometimes"]\n',
            "does not accept 'sometimes'",
        ),
        ('[mip.simplex_strategy]\ntype = "categorical"\nchoices = [1, 9]\n', "outside HiGHS's range"),
        ('[mip.presolve]\ntype = "fancy"\n', "type 'fancy'"),
        (
            '[mip.mip_detect_symmetry]\ntype = "bool"\nwhen = { option = "presolve", in = ["off"] }\n',
            "not tuned",
        ),
        ('[milp.presolve]\ntype = "bool"\n', "unknown top-level tables"),
        ("[mip.presolve\n", "not valid TOML"),
    ],
)
def test_space_validation_errors_name_file_and_option(tmp_path, body, needle):
    path = write_space(tmp_path, body)
    with pytest.raises(OptModelError) as info:
        load_space(path, "mip")
    message = str(info.value)
    assert needle in message
    assert str(path) in message


def test_space_missing_file_and_bad_class(tmp_path):
    with pytest.raises(OptModelError, match="not found"):
        load_space(tmp_path / "nope.toml")
    with pytest.raises(OptModelError, match="problem class"):
        load_space(problem_class="qp")


# -- instances and runs ----------------------------------------------------------------------


def test_generated_instances_are_mips_that_solve(tiny):
    for family, paths in tiny.items():
        assert len(paths) == 3 and len({p.read_bytes() for p in paths}) == 3, family
        assert problem_class_of(paths[0]) == "mip"
        run = run_highs(paths[0], {}, time_limit=10)
        assert run.solved and run.status == "Optimal" and run.objective is not None, family
        assert run.cost("time") == max(run.time, 0.01)
        assert run.cost("work") == max(run.simplex_iterations + 100 * run.nodes, 1)


def test_generation_is_deterministic(tmp_path):
    a = generate("auction", tmp_path / "a", 2, seed=3, size="tiny")
    b = generate("auction", tmp_path / "b", 2, seed=3, size="tiny")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    with pytest.raises(OptModelError, match="unknown instance family"):
        generate("tsp", tmp_path, 1)


def test_five_element_files_become_mps_with_the_same_optimum(tmp_path):
    import optmodel

    example = ROOT / "examples" / "knapsack.fe"
    (mps,) = prepare_instances([example], cache_dir=tmp_path)
    assert mps.suffix == ".mps"
    assert run_highs(mps, {}, time_limit=10).objective == pytest.approx(optmodel.solve(example).objective)
    with pytest.raises(OptModelError, match="not found"):
        prepare_instances([tmp_path / "missing.mps"])
    bad = tmp_path / "model.xlsx"
    bad.write_text("x")
    with pytest.raises(OptModelError, match="unsupported instance file type"):
        prepare_instances([bad])


def test_timed_out_runs_are_penalised():
    run = Run("x", 0, 2.0, 2.0, "Time limit reached", False, 500, 7, 0.1, 3.0, None)
    assert run.cost("time") == 20.0
    assert run.cost("work") == 10 * (500 + 700)
    assert run.cost("gap") == 3.0


# -- tuning ----------------------------------------------------------------------------------


def test_tiny_tune_writes_profile_and_resumes(tiny, tmp_path, monkeypatch):
    from optmodel.profiles import load_profile, load_profile_file

    instances = tiny["setcover"][:2]
    out, history = tmp_path / "sc.toml", tmp_path / "sc.jsonl"
    result = tune(
        instances, budget=4, time_limit=5, metric="work", seed=3, history=history, out=out, progress=False
    )
    assert len(result.evaluations) == 4
    assert result.evaluations[0].options == load_space().to_options(load_space().default_point())
    assert result.best.cost <= result.default.cost and result.speedup >= 1.0
    lines = history.read_text().splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["kind"] == "header"

    meta = load_profile_file(out)
    assert meta["family"] == "setcover_tiny" and meta["budget"] == 4 and meta["metric"] == "work"
    assert meta["speedup"] == pytest.approx(result.speedup, rel=1e-3)
    options = load_profile(out)
    assert options == result.best_options()
    assert run_highs(instances[0], options, time_limit=5).solved

    # resume: the four saved evaluations are replayed, only two new configurations are solved
    solved = []
    import optmodel.tune.tuner as tuner_module

    def counting(*args, **kwargs):
        solved.append(args[0])
        return run_highs(*args, **kwargs)

    monkeypatch.setattr(tuner_module, "run_highs", counting)
    again = tune(
        instances, budget=6, time_limit=5, metric="work", seed=3, history=history, out=out, progress=False
    )
    assert len(again.evaluations) == 6
    assert len(solved) <= 2 * len(instances)
    assert [e.point for e in again.evaluations[:4]] == [e.point for e in result.evaluations]
    assert len(history.read_text().splitlines()) == 7

    # a history made with other settings is refused rather than silently mixed
    with pytest.raises(OptModelError, match="different metric"):
        tune(instances, budget=6, time_limit=5, metric="time", seed=3, history=history, progress=False)


def test_work_metric_tuning_is_deterministic_and_resumes_exactly(tiny, tmp_path):
    space = load_space()
    instances = tiny["knapsack"][:2]

    def tuner(name: str) -> Tuner:  # caps are wall-clock: without them the work metric repeats exactly
        return Tuner(instances, space, metric="work", time_limit=5, seed=7, cap_factor=None, history=tmp_path / name)

    straight = tuner("a.jsonl").run(7, progress=False)  # 5 random initial points, then 2 from the GP
    tuner("b.jsonl").run(3, progress=False)  # interrupted after 3 ...
    resumed = tuner("b.jsonl").run(7, progress=False)  # ... and resumed
    assert [e.point for e in straight.evaluations] == [e.point for e in resumed.evaluations]
    assert [e.cost for e in straight.evaluations] == [e.cost for e in resumed.evaluations]
    assert len({json.dumps(e.point) for e in straight.evaluations}) == 7  # no configuration solved twice


def test_hopeless_configurations_are_capped(tiny, monkeypatch):
    import optmodel.tune.tuner as tuner_module

    monkeypatch.setattr(tuner_module, "CAP_FLOOR", 1e-4)
    space = load_space()
    tuner = Tuner(tiny["facility"][:2], space, metric="time", time_limit=5, cap_factor=2.0)
    tuner.evaluations = [tuner.evaluate(space.default_point())]
    # pretend the incumbent solved everything in a microsecond: any real run now exceeds the cap
    for run in tuner.evaluations[0].runs:
        run.time = 1e-6
    evaluation = tuner.evaluate(space.default_point())
    assert evaluation.capped
    assert len(evaluation.runs) == 1  # abandoned after the first capped run
    assert evaluation.runs[0].limit == pytest.approx(1e-4)  # the cap, not the 5 s limit
    assert evaluation.cost == pytest.approx(math.log(10 * 1e-4))  # PAR10 of the cap on every instance


def test_tuner_rejects_bad_settings(tiny):
    space = load_space()
    for kwargs, needle in [
        ({"metric": "speed"}, "unknown metric"),
        ({"strategy": "grid"}, "unknown search strategy"),
        ({"time_limit": 0}, "time limit"),
        ({"repeats": 0}, "repeats"),
        ({"cap_factor": 0.5}, "cap factor"),
    ]:
        with pytest.raises(OptModelError, match=needle):
            Tuner(tiny["auction"], space, **kwargs)
    # capping charges time penalties, which mean nothing for the primal-dual integral
    assert Tuner(tiny["auction"], space, metric="gap").cap_factor is None


# -- held-out statistics ---------------------------------------------------------------------


def test_geomean_ci_and_speedups():
    gm, lo, hi = geomean_ci(np.array([2.0, 8.0, 4.0]))
    assert gm == pytest.approx(4.0)
    assert 2.0 <= lo <= gm <= hi <= 8.0
    base = [Run(f"i{k}", 0, 10, t, "Optimal", True, 100, 1, 0.0, 0.0, 1.0) for k, t in enumerate([1.0, 4.0])]
    fast = [Run(f"i{k}", 0, 10, t, "Optimal", True, 50, 1, 0.0, 0.0, 1.0) for k, t in enumerate([0.5, 1.0])]
    assert speedups(base, fast, "time") == pytest.approx([2.0, 4.0])
    assert speedups(base, fast, "simplex_iterations") == pytest.approx([2.0, 2.0])


# -- online ----------------------------------------------------------------------------------


def test_regret_bookkeeping_on_a_known_table():
    table = np.array([[1.0, 2.0], [1.0, 3.0], [5.0, 1.0]])  # column totals 7 and 6: arm 1 is best
    assert best_fixed(table) == 1
    assert list(cumulative_regret(table, [0, 0, 1])) == [-1.0, -3.0, -3.0]
    assert list(cumulative_regret(table, [1, 1, 1])) == [0.0, 0.0, 0.0]
    tuner = OnlineTuner([{}, {}], policy="greedy")
    assert tuner.simulate(table) == [0, 1, 0]  # tries both, then the lower mean log-cost
    assert tuner.history == [(0, 1.0), (1, 3.0), (0, 5.0)]
    with pytest.raises(OptModelError):
        cumulative_regret(table, [0, 1])
    with pytest.raises(OptModelError):
        tuner.observe(0, 0.0)
    with pytest.raises(OptModelError):
        tuner.observe(5, 1.0)


@pytest.mark.parametrize("policy", ["thompson", "ucb"])
def test_bandits_learn_the_better_configuration(policy):
    rng = np.random.default_rng(0)
    n = 300
    means = np.array([2.0, 1.0, 3.0])  # arm 1 is best
    table = means * np.exp(rng.normal(0, 0.3, size=(n, 3)))
    choices = OnlineTuner([{}] * 3, policy=policy, seed=1).simulate(table)
    regret = cumulative_regret(table, choices)
    uniform = np.cumsum(table.mean(axis=1) - table[:, best_fixed(table)])
    assert regret[-1] < 0.2 * uniform[-1]
    assert np.mean(np.array(choices[-100:]) == 1) > 0.9


def test_online_tuner_solves_and_plots(tiny, tmp_path):
    tuner = OnlineTuner([{}, {"presolve": "off"}], policy="ucb", names=["default", "nopresolve"])
    for path in tiny["auction"]:
        arm, run = tuner.solve(path, time_limit=5)
        assert run.solved and arm in (0, 1)
    assert [arm for arm, _ in tuner.history][:2] == [0, 1]
    png = plot_regret({"ucb": np.array([0.0, 0.5, 0.6])}, tmp_path / "img" / "regret.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    panels = {"a": {"ucb": [0.0, 1.0]}, "b": {"ucb": [0.0, 2.0], "thompson": [1.0, 1.5]}}
    png = plot_regret(panels, tmp_path / "img" / "panels.png", title="two families")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


# -- profiles and the CLI --------------------------------------------------------------------


def test_shipped_tuned_profiles_are_valid():
    from optmodel.profiles import load_profile_file

    space = load_space()
    for path in sorted((ROOT / "solvers" / "profiles").glob("*.toml")):
        data = load_profile_file(path)
        if "metric" not in data:  # not written by `optmodel tune`
            continue
        assert data["family"] and data["budget"] >= 1, path.name
        for name, value in data["options"].items():
            assert name in space.names, (path.name, name)
            assert highspy.Highs().setOptionValue(name, value) == highspy.HighsStatus.kOk


def test_cli_tune_and_errors(tiny, tmp_path):
    from typer.testing import CliRunner

    from optmodel.cli import app

    runner = CliRunner()
    out = tmp_path / "auction.toml"
    args = ["tune", *map(str, tiny["auction"][:2]), "--budget", "3", "--time-limit", "5", "--metric", "work"]
    result = runner.invoke(app, [*args, "--out", str(out), "--history", str(tmp_path / "h.jsonl"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "speed-up on the tuning instances" in result.output
    assert out.exists()

    import optmodel

    solution = optmodel.solve(ROOT / "examples" / "knapsack.fe", profile=str(out))
    assert solution.status == "optimal"

    bad = runner.invoke(
        app, ["tune", str(tmp_path / "missing.mps"), "--out", str(tmp_path / "x.toml"), "--quiet"]
    )
    assert bad.exit_code == 2 and "instance file not found" in bad.output
    bad = runner.invoke(app, [*args, "--metric", "speed", "--out", str(tmp_path / "y.toml"), "--quiet"])
    assert bad.exit_code == 2 and "unknown metric" in bad.output
    bad = runner.invoke(app, [*args, "--out", str(tmp_path / "y.json"), "--quiet"])
    assert bad.exit_code == 2 and ".toml" in bad.output


def test_tune_five_element_lp_uses_the_lp_space(tmp_path):
    result = tune([ROOT / "examples" / "diet.fe"], budget=2, time_limit=5, metric="work", seed=0,
                  history=tmp_path / "diet.jsonl", progress=False)  # fmt: skip
    assert result.space.problem_class == "lp"
    assert "solver" in result.evaluations[1].options
    assert all(run.solved for e in result.evaluations for run in e.runs)
