"""The direct HiGHS route and the Pyomo route agree (issue 15), and the vectorised expansion
builds exactly the arrays of the scalar one.

Cases: every example, every synthetic family (two seeds each) and the format contract's
example. Same status and objective; values equal, or (several optima) the direct route's
point is feasible for the model and attains the same objective.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

import optmodel
from optmodel.compiler import expand
from optmodel.matrix import to_arrays
from optmodel.synth.family import families
from tests.test_parser import FORMAT_EXAMPLE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.fe")) + [
    ROOT / "examples" / "transport_from_files" / "transportation.fe"
]


def _docs_formulations() -> dict[str, str]:
    """Complete formulations among the code blocks of docs/format.md."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S)
    return {
        f"docs-format-{i}": b for i, b in enumerate(blocks) if "## Objective" in b and "## Variables" in b
    }


def _cases() -> dict[str, optmodel.Formulation]:
    out = {p.relative_to(ROOT).as_posix(): p for p in EXAMPLES}
    for name, fam in sorted(families().items()):
        for seed in (0, 1):
            out[f"family-{name}-{seed}"] = (fam, seed)
    out["format-contract"] = FORMAT_EXAMPLE
    out.update(_docs_formulations())
    return out


CASES = _cases()


def _form(case) -> optmodel.Formulation:
    if isinstance(case, Path):
        return optmodel.load(case)
    if isinstance(case, tuple):
        fam, seed = case
        return optmodel.parse(fam.formulation(fam.sample(random.Random(seed), complexity=2)))
    return optmodel.parse(case, base_dir=str(ROOT / "docs"))


def _feasible(form, values: dict, tol: float = 1e-6) -> bool:
    ca = to_arrays(expand(form))
    a = ca.arrays
    x = np.zeros(a.num_cols)
    for name, first, keys in ca.columns.blocks():
        for j, k in enumerate(keys):
            x[first + j] = values[name][k]
    ok = bool(np.all(x >= a.col_lower - tol) and np.all(x <= a.col_upper + tol))
    if a.integrality is not None:
        ints = a.integrality == 1
        ok &= bool(np.all(np.abs(x[ints] - np.round(x[ints])) <= 1e-5))
    for r in range(a.num_rows):
        act = float(np.dot(a.value[a.start[r] : a.start[r + 1]], x[a.index[a.start[r] : a.start[r + 1]]]))
        scale = tol * max(1.0, abs(act))
        ok &= a.row_lower[r] - scale <= act <= a.row_upper[r] + scale
    return ok


@pytest.mark.parametrize("name", sorted(CASES))
def test_both_routes_agree(name):
    form = _form(CASES[name])
    direct = optmodel.solve(form)
    pyomo = optmodel.solve(form, backend="pyomo")
    assert direct.backend == "highs" and pyomo.backend == "pyomo"
    assert direct.status == pyomo.status, (direct.message, pyomo.message)
    if pyomo.objective is None:
        assert direct.objective is None
        return
    rel = 2e-4 if direct.is_mip else 1e-6  # a MIP stops within HiGHS's default relative gap (1e-4)
    assert direct.objective == pytest.approx(pyomo.objective, rel=rel, abs=1e-6)
    assert set(direct.values) == set(pyomo.values)
    same = all(
        direct.values[v][k] == pytest.approx(pyomo.values[v][k], rel=1e-5, abs=1e-6)
        for v in pyomo.values
        for k in pyomo.values[v]
    )
    if not same:  # several optima: the direct point must be one of them
        assert _feasible(form, direct.values)
    if same and pyomo.duals:  # duals: the Pyomo route reads them for LPs only
        for c in pyomo.duals:
            for k, d in pyomo.duals[c].items():
                assert direct.duals[c][k] == pytest.approx(d, rel=1e-5, abs=1e-6)


@pytest.mark.parametrize("name", sorted(CASES))
def test_vectorised_expansion_builds_the_same_arrays(name, monkeypatch):
    import optmodel.vectorise as vectorise

    monkeypatch.setattr(vectorise, "MIN_TERMS", 0)  # every element through numpy where it can
    form = _form(CASES[name])
    scalar = to_arrays(expand(form))
    fast = to_arrays(expand(form, vectorise=True))
    a, b = scalar.arrays, fast.arrays
    assert scalar.rows.keys == fast.rows.keys and scalar.rows.names == fast.rows.names
    np.testing.assert_allclose(a.cost, b.cost)
    assert a.offset == pytest.approx(b.offset)
    np.testing.assert_array_equal(a.row_lower, b.row_lower)
    np.testing.assert_array_equal(a.row_upper, b.row_upper)
    np.testing.assert_array_equal(a.col_lower, b.col_lower)
    np.testing.assert_array_equal(a.col_upper, b.col_upper)

    def dense(m):
        out = np.zeros((m.num_rows, m.num_cols))
        for r in range(m.num_rows):
            np.add.at(out[r], m.index[m.start[r] : m.start[r + 1]], m.value[m.start[r] : m.start[r + 1]])
        return out

    np.testing.assert_allclose(dense(a), dense(b))


def test_sums_over_products_take_the_vectorised_path(monkeypatch):
    import optmodel.vectorise as vectorise

    monkeypatch.setattr(vectorise, "MIN_TERMS", 0)
    seen = []
    real = vectorise.Vectoriser.__init__

    def spy(self, ctx):
        real(self, ctx)
        seen.append(self)

    monkeypatch.setattr(vectorise.Vectoriser, "__init__", spy)
    expand(optmodel.load(ROOT / "examples" / "transportation.fe"), vectorise=True)
    assert sorted(seen[0].taken) == sorted(
        ["objective", "constraint 'supply_limit'", "constraint 'meet_demand'"]
    ) or (len(seen[0].taken) == 3 and not seen[0].declined)


def test_materialised_blocks_give_the_scalar_rows(monkeypatch):
    import optmodel.vectorise as vectorise

    monkeypatch.setattr(vectorise, "MIN_TERMS", 0)
    form = optmodel.load(ROOT / "examples" / "transportation.fe")
    scalar = expand(form)
    fast = expand(form, vectorise=True)
    assert any(c.block is not None for c in fast.constraints.values())
    fast.materialise()
    for name, cc in scalar.constraints.items():
        rows = fast.constraints[name].rows
        assert list(rows) == list(cc.rows)
        for key, (lo, body, hi) in cc.rows.items():
            lo2, body2, hi2 = rows[key]
            assert (lo, hi) == (lo2, hi2) and body2.coefs == pytest.approx(body.coefs)
    assert fast.objective.coefs == pytest.approx(scalar.objective.coefs)


def test_errors_are_the_scalar_paths_on_the_vectorised_route(monkeypatch):
    import optmodel.vectorise as vectorise

    monkeypatch.setattr(vectorise, "MIN_TERMS", 0)
    text = (
        "## Sets\nA = {a, b}\nB = {x, y}\n## Parameters\np[A, B] = {a: {x: 1, y: 2}, b: {x: 3}}\n"
        "## Variables\nv[A, B] >= 0\n## Objective\nminimize sum(p[i, j] * v[i, j] for i in A for j in B)\n"
    )
    with pytest.raises(optmodel.FormulationError, match=r"missing value for p\[b, y\]"):
        optmodel.solve(optmodel.parse(text, file="m.fe"))
    text = (
        "## Sets\nA = {a, b}\n## Parameters\np[A] = {a: 1, b: 2}\n## Variables\nv[A] >= 0\n"
        "## Objective\nminimize sum(v[i] for i in A)\n## Constraints\nc[i in A]: p[i] * v[zinc] >= 1\n"
    )
    with pytest.raises(optmodel.FormulationError, match="zinc") as info:
        optmodel.solve(optmodel.parse(text, file="m.fe"))
    assert "constraint 'c'" in str(info.value) and "line 10" in str(info.value)


def test_rows_and_variables_added_after_expansion_reach_highs(monkeypatch):
    """What the compiler's later transformations (auxiliary variables and rows, e.g. for
    linearised max/abs) add to a `Compiled` is laid out and solved like any other row."""
    import optmodel.vectorise as vectorise
    from optmodel.compiler import CompiledConstraint, KeySpace, Lin, ResolvedVar
    from optmodel.formulation import VarDef
    from optmodel.solver import solve_compiled

    monkeypatch.setattr(vectorise, "MIN_TERMS", 0)
    form = optmodel.load(ROOT / "examples" / "transportation.fe")
    base = solve_compiled(to_arrays(expand(form, vectorise=True)), {})
    compiled = expand(form, vectorise=True)
    assert any(c.block is not None for c in compiled.constraints.values())
    # an auxiliary z >= every shipment out of albany, and a row that caps z at 500
    compiled.variables["z"] = ResolvedVar("z", (), VarDef("z"), KeySpace(()), lower=0.0)
    ship = [k for k in compiled.variables["ship"].keys if k[0] == "albany"]
    rows = {k: (0.0, Lin(0.0, {("z", ()): 1.0, ("ship", k): -1.0}), None) for k in ship}
    compiled.constraints["z_above"] = CompiledConstraint("z_above", form.constraints[0], rows)
    compiled.constraints["z_cap"] = CompiledConstraint(
        "z_cap", form.constraints[0], {(): (None, Lin(0.0, {("z", ()): 1.0}), 500.0)}
    )
    sol = solve_compiled(to_arrays(compiled), {})
    assert sol.status == "optimal" and sol.objective >= base.objective - 1e-6
    assert max(sol.values["ship"][k] for k in ship) <= 500 + 1e-6
    assert sol.values["z"][()] <= 500 + 1e-6 and set(sol.duals["z_above"]) == set(ship)
