"""Solving with HiGHS through Pyomo: statuses, values, duals, options, profiles, the Pyomo model."""

from __future__ import annotations

import json
import math
import random

import pytest

import optmodel
from optmodel.profiles import load_profile

# min 2x + 3y + 5z  s.t.  a: x + y + z >= 4,  b: x <= 3,  x, y, z >= 0.
# By hand: x = 3 (cheapest, up to its cap), y = 1, z = 0, objective 9.
# y is basic: 3 - dual(a) = 0 -> dual(a) = 3. x is basic: 2 - dual(a) - dual(b) = 0 -> dual(b) = -1
# (raising b's limit by 1 moves one unit from y to x and saves 1). rc(z) = 5 - dual(a) = 2.
LP = """\
## Variables
x >= 0
y >= 0
z >= 0
## Objective
minimize 2 * x + 3 * y + 5 * z
## Constraints
a: x + y + z >= 4
b: x <= 3
"""


def knapsack_text(n: int, m: int, seed: int) -> str:
    """A multi-dimensional 0/1 knapsack with correlated weights and values: hard for B&B."""
    rng = random.Random(seed)
    w = [[rng.randint(20, 100) for _ in range(n)] for _ in range(m)]
    v = [sum(w[i][j] for i in range(m)) // m + rng.randint(-5, 5) for j in range(n)]
    cap = [sum(row) // 2 for row in w]
    text = f"## Sets\nI = 1..{m}\nJ = 1..{n}\n## Parameters\n"
    text += "w[I, J] = [" + ", ".join("[" + ", ".join(map(str, row)) + "]" for row in w) + "]\n"
    text += "v[J] = [" + ", ".join(map(str, v)) + "]\ncap[I] = [" + ", ".join(map(str, cap)) + "]\n"
    text += "## Variables\nx[J] binary\n## Objective\nmaximize sum(v[j] * x[j] for j in J)\n"
    text += "## Constraints\nknap[i in I]: sum(w[i, j] * x[j] for j in J) <= cap[i]\n"
    return text


@pytest.fixture(scope="module")
def hard_mip():
    return optmodel.parse(knapsack_text(100, 10, seed=7))


# ------------------------------------------------------------------ statuses


def test_optimal_lp_values_duals_reduced_costs():
    sol = optmodel.solve(LP)
    assert sol.status == "optimal" and sol.ok
    assert sol.objective == pytest.approx(9.0)
    assert sol.values == {
        "x": {(): pytest.approx(3.0)},
        "y": {(): pytest.approx(1.0)},
        "z": {(): pytest.approx(0.0)},
    }
    assert sol.value("x") == pytest.approx(3.0)
    assert sol["y"] == pytest.approx(1.0)
    assert sol.duals["a"][()] == pytest.approx(3.0)
    assert sol.duals["b"][()] == pytest.approx(-1.0)
    assert sol.reduced_costs["z"][()] == pytest.approx(2.0)
    assert sol.reduced_costs["x"][()] == pytest.approx(0.0, abs=1e-9)
    assert sol.solve_time >= 0.0
    d = sol.to_dict()
    assert d["status"] == "optimal" and d["objective"] == pytest.approx(9.0)
    assert json.loads(json.dumps(d))["duals"]["a"] == pytest.approx(3.0)


def test_maximize_lp_duals_sign():
    # max 3x + 5y s.t. x <= 4, 2y <= 12, 3x + 2y <= 18 (by hand: y = 6, x = 2, objective 36;
    # duals from the basis: 2y <= 12 -> 1.5, 3x + 2y <= 18 -> 1, x <= 4 slack -> 0).
    text = (
        "## Variables\nx >= 0\ny >= 0\n## Objective\nmaximize 3 * x + 5 * y\n## Constraints\n"
        "p1: x <= 4\np2: 2 * y <= 12\np3: 3 * x + 2 * y <= 18\n"
    )
    sol = optmodel.solve(text)
    assert sol.objective == pytest.approx(36.0)
    assert (sol.value("x"), sol.value("y")) == (pytest.approx(2.0), pytest.approx(6.0))
    assert {k: v[()] for k, v in sol.duals.items()} == pytest.approx({"p1": 0.0, "p2": 1.5, "p3": 1.0})


def test_indexed_values_by_name_and_index():
    text = (
        "## Sets\nFoods = {bread, milk}\nT = 1..3\nArcs = {(a, b), (b, c)}\n## Parameters\nneed[T] = [1, 2, 3]\n"
        "## Variables\nbuy[Foods, T] >= 0\nflow[Arcs] >= 0, <= 4\n## Objective\n"
        "minimize sum(buy[f, t] for f in Foods for t in T) - sum(flow[i, j] for (i, j) in Arcs)\n"
        "## Constraints\nc[t in T]: buy[milk, t] >= need[t]\n"
    )
    sol = optmodel.solve(text)
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(6.0 - 8.0)
    assert sol.values["buy"][("milk", 2)] == pytest.approx(2.0)
    assert sol.value("buy", "milk", 3) == pytest.approx(3.0)
    assert sol.value("buy", ("bread", 1)) == pytest.approx(0.0)
    assert sol.values["flow"][("a", "b")] == pytest.approx(4.0)
    assert sol["flow"][("b", "c")] == pytest.approx(4.0)
    assert set(sol.values["buy"]) == {(f, t) for f in ("bread", "milk") for t in (1, 2, 3)}
    rows = json.loads(json.dumps(sol.to_dict()))["values"]["buy"]
    assert {"index": ["milk", 3], "value": pytest.approx(3.0)} in rows


def test_infeasible_status():
    text = "## Variables\nx >= 0\n## Objective\nminimize x\n## Constraints\nlo: x >= 3\nhi: x <= 2\n"
    sol = optmodel.solve(text)
    assert sol.status == "infeasible" and not sol.ok
    assert sol.objective is None
    assert sorted(sol.iis) == ["hi", "lo"]


def test_infeasible_mip_status():
    text = "## Variables\nn integer, >= 0, <= 10\n## Objective\nminimize n\n## Constraints\nc: 2 * n == 3\n"
    sol = optmodel.solve(text)
    assert sol.status in ("infeasible", "infeasible_or_unbounded")
    assert sol.objective is None


def test_unbounded_status_has_no_objective():
    sol = optmodel.solve("## Variables\nx >= 0\n## Objective\nmaximize x\n")
    assert sol.status in ("unbounded", "infeasible_or_unbounded")
    assert sol.status == "unbounded"
    # an unbounded model has no optimal value; reporting 0 (the starting point) misleads
    assert sol.objective is None or sol.objective == math.inf


def test_time_limit_status(hard_mip):
    sol = optmodel.solve(hard_mip, time_limit=0.05)
    assert sol.status == "time_limit"
    assert sol.is_mip
    if sol.objective is not None:  # an incumbent: feasible for every knapsack row
        assert all(min(abs(v), abs(v - 1)) < 1e-6 for v in sol.values["x"].values())


def test_constant_objective_is_optimal():
    # a feasibility problem written with a constant objective
    sol = optmodel.solve("## Variables\nx >= 0\n## Objective\nminimize 3\n## Constraints\nc: x >= 1\n")
    assert sol.status == "optimal"
    assert sol.objective == pytest.approx(3.0)
    assert sol.value("x") >= 1 - 1e-9


def test_unused_variable_gives_valid_json():
    # `z` appears in no constraint nor the objective; the result must still be valid JSON
    sol = optmodel.solve("## Variables\nx >= 1\nz >= 0\n## Objective\nminimize x\n")
    assert sol.status == "optimal"
    text = json.dumps(sol.to_dict(), allow_nan=False)
    assert json.loads(text)["objective"] == pytest.approx(1.0)


# ------------------------------------------------------------------ options and profiles


def test_options_pass_through_to_highs():
    with_presolve = optmodel.solve(LP)
    without = optmodel.solve(LP, options={"presolve": "off"})
    assert with_presolve.objective == pytest.approx(without.objective)
    # presolve alone solves this LP; with it off the simplex must iterate
    assert with_presolve.work["simplex_iterations"] == 0
    assert without.work["simplex_iterations"] > 0


def test_mip_rel_gap_option(hard_mip):
    sol = optmodel.solve(hard_mip, time_limit=60, options={"mip_rel_gap": 0.05})
    assert sol.status == "optimal"  # within the requested gap
    assert 1e-4 < sol.work["mip_gap"] <= 0.05  # stopped before HiGHS's default gap of 1e-4


def test_profile_by_name(hard_mip):
    assert load_profile("quick") == {"mip_rel_gap": 0.01}
    by_profile = optmodel.solve(hard_mip, time_limit=60, profile="quick")
    by_option = optmodel.solve(hard_mip, time_limit=60, options={"mip_rel_gap": 0.01})
    assert by_profile.status == "optimal"
    assert by_profile.work["mip_gap"] <= 0.01
    assert by_profile.objective == pytest.approx(by_option.objective)
    assert by_profile.work["nodes"] == by_option.work["nodes"]


def test_profile_by_path_and_explicit_options_win(tmp_path, hard_mip):
    prof = tmp_path / "loose.toml"
    prof.write_text(
        'description = "test"\nfamily = "knapsack"\n\n[options]\nmip_rel_gap = 0.05\n', encoding="utf-8"
    )
    assert load_profile(prof) == {"mip_rel_gap": 0.05}
    assert load_profile(str(prof)) == {"mip_rel_gap": 0.05}
    loose = optmodel.solve(hard_mip, time_limit=60, profile=str(prof))
    assert loose.status == "optimal" and loose.work["mip_gap"] <= 0.05
    tight = optmodel.solve(hard_mip, time_limit=60, profile=str(prof), options={"mip_rel_gap": 0.01})
    assert tight.work["mip_gap"] <= 0.01
    assert tight.objective >= loose.objective - 1e-6  # maximize: a tighter gap is never worse here


def test_default_profile_has_no_options():
    assert load_profile("default") == {}


# ------------------------------------------------------------------ the Pyomo model


def test_to_pyomo_components():
    import pyomo.environ as pyo

    text = (
        "## Sets\nFoods = {bread, milk, cheese}\nDays = 1..3\nArcs = {(a, b), (b, c)}\n"
        "## Parameters\ncost[Foods] = {bread: 2, milk: 3.5, cheese: 8}\ncap = 12\ndist[Arcs] = [4, 2]\n"
        "## Variables\nbuy[Foods] >= 0  # how much\ntrips integer, 0 <= trips <= cap\nopen[Foods] binary\nz free\n"
        "stock[Days] >= 1, <= 9\n"
        "## Objective\ncost_total: minimize sum(cost[f] * buy[f] for f in Foods)\n"
        "## Constraints\nlink[f in Foods]: buy[f] <= 20 * open[f]\nflow[(i, j) in Arcs if i != a]: z >= dist[i, j]\n"
        "carry[d in Days if d > 1]: stock[d] <= stock[d - 1] + 5\ntotal: sum(buy[f] for f in Foods) == 20\n"
    )
    form = optmodel.parse(text)
    m = form.to_pyomo()
    assert isinstance(m, pyo.ConcreteModel)
    assert list(m.Foods) == ["bread", "milk", "cheese"] and isinstance(m.Foods, pyo.Set)
    assert list(m.Days) == [1, 2, 3]
    assert list(m.Arcs) == [("a", "b"), ("b", "c")] and m.Arcs.dimen == 2
    assert isinstance(m.cost, pyo.Param) and pyo.value(m.cost["milk"]) == pytest.approx(3.5)
    assert pyo.value(m.cap) == 12 and pyo.value(m.dist["b", "c"]) == 2
    assert isinstance(m.buy, pyo.Var) and m.buy.is_indexed()
    assert m.buy["milk"].domain is pyo.Reals and m.buy["milk"].bounds == (0, None)
    assert m.buy.doc == "how much"
    assert m.trips.domain is pyo.Integers and m.trips.bounds == (0, 12)
    assert m.open["bread"].domain is pyo.Binary
    assert m.z.bounds == (None, None)
    assert m.stock[2].bounds == (1, 9)
    obj = m.cost_total
    assert isinstance(obj, pyo.Objective) and obj.sense == pyo.minimize
    for name, keys in [("link", {"bread", "milk", "cheese"}), ("flow", {("b", "c")}), ("carry", {2, 3})]:
        comp = getattr(m, name)
        assert isinstance(comp, pyo.Constraint) and comp.is_indexed()
        assert set(comp.keys()) == keys
    assert not m.total.is_indexed() and pyo.value(m.total.upper) == pytest.approx(20.0)
    assert pyo.value(m.total.lower) == pytest.approx(20.0)
    # the model is a real Pyomo model: solvable by Pyomo itself
    result = pyo.SolverFactory("appsi_highs").solve(m)
    assert str(result.solver.termination_condition) == "optimal"
    assert pyo.value(m.cost_total) == pytest.approx(optmodel.solve(form).objective)


# ------------------------------------------------------------------ quadratic objective


def test_mean_variance_qp_matches_the_closed_form():
    # min s1 w1^2 + 2 c w1 w2 + s2 w2^2  s.t.  w1 + w2 = 1: the minimum-variance portfolio,
    # w1 = (s2 - c) / (s1 + s2 - 2c) (set the derivative of the variance along w2 = 1 - w1 to 0).
    s1, s2, c = 0.04, 0.09, 0.01
    text = (
        "## Sets\nAssets = {stocks, bonds}\n## Parameters\n"
        f"cov[Assets, Assets] = {{stocks: {{stocks: {s1}, bonds: {c}}}, bonds: {{stocks: {c}, bonds: {s2}}}}}\n"
        "mu[Assets] = {stocks: 0.10, bonds: 0.04}\n"
        "## Variables\nw[Assets] >= 0\n## Objective\n"
        "minimize sum(cov[i, j] * w[i] * w[j] for i in Assets for j in Assets)\n"
        "## Constraints\nbudget: sum(w[i] for i in Assets) == 1\nret: sum(mu[i] * w[i] for i in Assets) >= 0.03\n"
    )
    sol = optmodel.solve(text)
    w1 = (s2 - c) / (s1 + s2 - 2 * c)
    w2 = 1 - w1
    assert sol.status == "optimal"
    assert sol.value("w", "stocks") == pytest.approx(w1, abs=1e-5)
    assert sol.value("w", "bonds") == pytest.approx(w2, abs=1e-5)
    assert sol.objective == pytest.approx(s1 * w1**2 + 2 * c * w1 * w2 + s2 * w2**2, rel=1e-5)


def test_mean_variance_with_binding_return():
    # Same data, return target 0.09 (the minimum-variance portfolio only earns about 0.084):
    # the two constraints fix the portfolio, 0.10 w1 + 0.04 (1 - w1) = 0.09 -> w1 = 5/6.
    text = (
        "## Sets\nAssets = {stocks, bonds}\n## Parameters\n"
        "cov[Assets, Assets] = {stocks: {stocks: 0.04, bonds: 0.01}, bonds: {stocks: 0.01, bonds: 0.09}}\n"
        "mu[Assets] = [0.10, 0.04]\ntarget = 9%\n"
        "## Variables\nw[Assets] >= 0\n## Objective\n"
        "minimize sum(cov[i, j] * w[i] * w[j] for i in Assets for j in Assets)\n"
        "## Constraints\nbudget: sum(w[i] for i in Assets) == 1\nret: sum(mu[i] * w[i] for i in Assets) >= target\n"
    )
    sol = optmodel.solve(text)
    assert sol.value("w", "stocks") == pytest.approx(5 / 6, abs=1e-5)
    w1, w2 = 5 / 6, 1 / 6
    assert sol.objective == pytest.approx(0.04 * w1**2 + 2 * 0.01 * w1 * w2 + 0.09 * w2**2, rel=1e-5)


# A small MIP a model once wrote, on which HiGHS (highspy 1.11-1.15) dies with a segmentation fault.
HIGHS_CRASH = """## Variables
x1 >= 0
x2 integer, >= 0
## Objective
minimize 29 * x1 + 28 * x2
## Constraints
c1: x1 <= 2 * x2
c2: x1 + x2 >= 25
c3: x2 >= 0.9 * (x1 + x2)
c5: x2 >= 21
"""


def test_a_solver_crash_is_a_status_not_a_dead_process():
    sol = optmodel.solve(HIGHS_CRASH)
    if sol.status == "optimal":  # a HiGHS release that fixed the bug
        assert sol.objective == pytest.approx(700)
    else:
        assert sol.status == "error" and "HiGHS crashed" in sol.message and sol.objective is None


def _raise_solve_error(*args, log=None):
    from optmodel.errors import SolveError

    raise SolveError("HiGHS is not available")


def _kill_self(*args, log=None):
    import os
    import signal

    os.kill(os.getpid(), signal.SIGKILL)


def _worker_pid(*args, log=None):
    import os

    if log is not None:
        log("a line from the worker")
    return os.getpid()


def test_solver_worker_passes_results_and_errors_back():
    import os

    from optmodel import isolation
    from optmodel.errors import SolveError

    sol = optmodel.solve("## Variables\nx >= 0\n## Objective\nmaximize 3 * x\n## Constraints\nc: x <= 4\n")
    assert (
        sol.status == "optimal"
        and sol.value("x") == pytest.approx(4)
        and sol.duals["c"][()] == pytest.approx(3)
    )
    pid = isolation.call(_worker_pid, ())
    assert pid != os.getpid()
    lines: list[str] = []
    assert isolation.call(_worker_pid, (), on_log=lines.append) == pid  # the same worker, reused
    assert lines == ["a line from the worker"]
    with pytest.raises(SolveError, match="not available"):
        isolation.call(_raise_solve_error, ())
    assert isolation.call(_worker_pid, ()) == pid  # an exception does not end the worker
    with pytest.raises(isolation.WorkerDied, match="signal 9"):
        isolation.call(_kill_self, ())
    fresh = isolation.call(_worker_pid, ())  # a dead worker is replaced on the next call
    assert fresh not in (pid, os.getpid())

    def interrupt(line):  # the caller is interrupted while the worker is busy
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        isolation.call(_worker_pid, (), on_log=interrupt)
    after = isolation.call(_worker_pid, ())  # the interrupted worker is not reused
    assert after not in (fresh, os.getpid())
    sol = optmodel.solve("## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc: x <= 4\n")
    assert sol.status == "optimal" and sol.objective == pytest.approx(4)


def _slow_pid(*args, log=None):
    import os
    import time

    time.sleep(0.3)
    return os.getpid()


def test_concurrent_solves_get_their_own_workers_and_reuse_them():
    import threading

    from optmodel import isolation

    pids: list[int] = []
    threads = [threading.Thread(target=lambda: pids.append(isolation.call(_slow_pid, ()))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(pids)) == 2  # two calls at once: two workers
    assert isolation.call(_worker_pid, ()) in pids  # afterwards an idle one is reused
    assert optmodel.solve(LP).objective == pytest.approx(9.0)


MIP_FOR_THREADS = "\n".join(
    ["## Variables", *[f"x{j} integer, >= 0, <= 10" for j in range(30)], "## Objective",
     "maximize " + " + ".join(f"{(7 * j) % 19 + 1} * x{j}" for j in range(30)), "## Constraints",
     *[f"c{r}: " + " + ".join(f"{(3 * r + 5 * j) % 8 + 1} * x{j}" for j in range(30)) + f" <= {20 + (11 * r) % 40}"
       for r in range(20)]]
)  # fmt: skip


def test_a_worker_forked_after_an_in_process_parallel_solve_still_solves():
    """The caller solved with several HiGHS threads in-process (as the Pyomo route can); a worker
    forked after that must not wait for the threads it did not inherit (it hung before)."""
    import highspy

    from optmodel import isolation
    from optmodel.highs_direct import to_highs_lp
    from optmodel.matrix import compile_arrays

    expected = optmodel.solve(MIP_FOR_THREADS).objective
    highspy.Highs.resetGlobalScheduler(True)  # an earlier in-process solve may have set its size
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 4)
    h.passModel(to_highs_lp(compile_arrays(optmodel.parse(MIP_FOR_THREADS)).arrays, highspy))
    assert h.run() == highspy.HighsStatus.kOk
    isolation._close_all()  # no idle worker left: the next solve forks one now
    sol = optmodel.solve(MIP_FOR_THREADS, time_limit=5)  # a hung worker is killed after 70 s: a failure
    assert sol.status == "optimal" and sol.objective == pytest.approx(expected, rel=2e-4)


def test_a_crashed_worker_is_a_status(monkeypatch):
    from optmodel import isolation

    real_call = isolation.call
    monkeypatch.setattr(isolation, "call", lambda fn, args, **kw: real_call(_kill_self, args, **kw))
    sol = optmodel.solve("## Variables\nx >= 0\n## Objective\nmaximize x\n## Constraints\nc: x <= 4\n")
    assert sol.status == "error" and "HiGHS crashed" in sol.message and "signal 9" in sol.message


def test_pyomo_backend_child_passes_results_and_errors_back(monkeypatch):
    import os
    import signal

    from optmodel import solver
    from optmodel.errors import SolveError

    text = "## Variables\nx >= 0\n## Objective\nmaximize 3 * x\n## Constraints\nc: x <= 4\n"
    sol = optmodel.solve(text, backend="pyomo")
    assert (
        sol.status == "optimal"
        and sol.value("x") == pytest.approx(4)
        and sol.duals["c"][()] == pytest.approx(3)
    )
    assert sol.backend == "pyomo"

    def fails(*args):
        raise SolveError("HiGHS is not available")

    monkeypatch.setattr(solver, "_solve_compiled", fails)
    with pytest.raises(SolveError, match="not available"):
        optmodel.solve(text, backend="pyomo")
    monkeypatch.setattr(solver, "_solve_compiled", lambda *a: os.kill(os.getpid(), signal.SIGKILL))
    sol = optmodel.solve(text, backend="pyomo")
    assert sol.status == "error" and "signal 9" in sol.message


def test_a_direct_solve_imports_neither_pyomo_nor_torch():
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "from optmodel.solver import solve\n"
        "sol = solve(sys.argv[1])\n"
        "print(sol.status, 'pyomo' in sys.modules, 'torch' in sys.modules, 'scipy' in sys.modules)\n"
    )
    example = Path(__file__).resolve().parent.parent / "examples" / "diet.fe"
    out = subprocess.run(
        [sys.executable, "-c", code, str(example)], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["optimal", "False", "False", "False"]


def test_unknown_backend_is_refused():
    with pytest.raises(optmodel.OptModelError, match="unknown backend"):
        optmodel.solve(LP, backend="gurobi")
