"""Data from Python and from files (issue 18 item 2): `optmodel.load(path, data={...})` binds
sets and parameters written `= data()`; sets from files; one file, several value columns."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import polars as pl
import pytest
from test_cli_core import run_cli

import optmodel
from optmodel.compiler import expand

MODEL = """\
# Facility location, data from Python
## Sets
Sites = data()
Customers = data()
## Parameters
fixed[Sites] = data()
cap[Sites] = data("capacity")
demand[Customers] = data()
cost[Sites, Customers] = data()
## Variables
open[Sites] binary
ship[Sites, Customers] >= 0
## Objective
minimize sum(fixed[s] * open[s] for s in Sites) + sum(cost[s, c] * ship[s, c] for s in Sites, c in Customers)
## Constraints
serve[c in Customers]: sum(ship[s, c] for s in Sites) == demand[c]
capacity[s in Sites]: sum(ship[s, c] for c in Customers) <= cap[s] * open[s]
"""
SITES = "site,fixed,capacity\na,100,50\nb,80,40\nc,120,70\n"
COST = np.array([[1.0, 2, 3], [2, 1, 2], [3, 2, 1]])
# By hand: demand 75 needs two sites (no single site holds 75). a + b (fixed 180): x from a at 1 (20),
# y from b at 1 (30), z: 10 from b at 2 (20, b is then full) and 15 from a at 3 (45): 115, total 295.
# b + c (fixed 200) transports for at least 105 (305); a + c and all three cost more.
OPTIMUM = 295.0


@pytest.fixture()
def model(tmp_path):
    path = tmp_path / "m.fe"
    path.write_text(MODEL, encoding="utf-8")
    (tmp_path / "sites.csv").write_text(SITES, encoding="utf-8")
    return path


def _data(model):
    sites = pl.read_csv(model.parent / "sites.csv")
    return {
        "Sites": sites,
        "Customers": ["x", "y", "z"],
        "fixed": sites,
        "capacity": sites,  # the frame's `capacity` column: the data key names it
        "demand": {"x": 20, "y": 30, "z": 25},
        "cost": COST,
    }


def test_polars_numpy_and_dicts(model):
    sol = optmodel.solve(optmodel.load(model, data=_data(model)))
    assert sol.status == "optimal" and sol.objective == pytest.approx(OPTIMUM)


def test_pandas_series_frames_and_nested_dicts(model):
    sites = ["a", "b", "c"]
    data = _data(model) | {
        "Sites": pd.Index(sites),
        "fixed": pd.Series([100, 80, 120], index=sites),
        "capacity": pd.DataFrame({"site": sites, "capacity": [50, 40, 70]}),
        "cost": pd.DataFrame(COST, index=pd.Index(sites, name="site"), columns=["x", "y", "z"]),  # wide
        "demand": pd.Series({"x": 20, "y": 30, "z": 25}),
    }
    assert optmodel.solve(optmodel.load(model, data=data)).objective == pytest.approx(OPTIMUM)
    nested = _data(model) | {
        "cost": {s: dict(zip("xyz", row, strict=True)) for s, row in zip(sites, COST.tolist(), strict=True)}
    }
    tuples = _data(model) | {
        "cost": {(s, c): COST[i, j] for i, s in enumerate(sites) for j, c in enumerate("xyz")}
    }
    lists = _data(model) | {"Sites": sites, "fixed": [100, 80, 120], "capacity": np.array([50, 40, 70])}
    for data in (nested, tuples, lists):
        assert optmodel.solve(optmodel.load(model, data=data)).objective == pytest.approx(OPTIMUM)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cost": COST[:2]}, r"has shape \(2, 3\), but cost\[Sites, Customers\] needs \(3, 3\)"),
        ({"demand": {"x": 20, "y": 30, "w": 25}}, "w is not a member of set 'Customers'"),
        ({"demand": {"x": 20, "y": 30}}, r"missing value for demand\[z\]"),
        ({"demand": {"x": 20, "y": "many", "z": 1}}, "'many', not a number"),
        ({"Sites": [1.5, 2]}, "member 1.5 of set 'Sites'"),
        ({"demnd": 1}, "no set or parameter .* `demnd = data\\(\\)`.*did you mean 'demand'"),
        ({"cap": 1}, "'cap' takes its data under the key 'capacity'"),
        ({"cost": {("a", "x", 1): 2}}, r"key \[a, x, 1\] has 3 part"),
    ],
)
def test_bad_data_is_a_clear_error(model, change, message):
    data = _data(model) | change
    with pytest.raises(optmodel.FormulationError, match=message):
        expand(optmodel.load(model, data=data))


def test_a_missing_key_is_named(model):
    data = _data(model)
    del data["demand"]
    with pytest.raises(optmodel.FormulationError, match=r"no data for parameter 'demand'.*data=\{'demand'"):
        optmodel.load(model, data=data)


def test_data_for_an_element_defined_in_the_file_is_refused(tmp_path):
    path = tmp_path / "k.fe"
    path.write_text("## Parameters\nk = 3\n## Variables\nx >= 0, <= k\n## Objective\nmaximize x\n")
    with pytest.raises(optmodel.FormulationError, match="'k' is defined in the formulation.*k = data"):
        optmodel.load(path, data={"k": 4})


def test_check_without_the_data_says_where_it_comes_from(model, monkeypatch, capsys):
    code, _out, err = run_cli(monkeypatch, capsys, "check", model)
    assert code == 2 and "set 'Sites' takes its values from Python" in err and "Traceback" not in err


def test_data_elements_print_and_parse_back(model):
    form = optmodel.load(model, data=_data(model))
    assert "Sites = data()" in form.to_text() and 'cap[Sites] = data("capacity")' in form.to_text()
    assert optmodel.parse(form.to_text()) == form


def test_sets_from_files_and_several_value_columns(tmp_path, monkeypatch, capsys):
    (tmp_path / "sites.csv").write_text(SITES, encoding="utf-8")
    pl.DataFrame({"Customers": ["x", "y", "z", "x"], "demand": [20, 30, 25, 20]}).head(3).write_parquet(
        tmp_path / "customers.parquet"
    )
    text = (
        MODEL.replace("Sites = data()", 'Sites = file("sites.csv")')
        .replace("Customers = data()", 'Customers = file("customers.parquet")')
        .replace("fixed[Sites] = data()", 'fixed[Sites] = file("sites.csv")')
        .replace('cap[Sites] = data("capacity")', 'capacity_[Sites] = file("sites.csv") default 0')
        .replace("cap[s]", "capacity_[s]")
        .replace("demand[Customers] = data()", 'demand[Customers] = file("customers.parquet")')
    )
    (tmp_path / "sites.csv").write_text(SITES.replace("capacity", "capacity_"), encoding="utf-8")
    path = tmp_path / "files.fe"
    path.write_text(text, encoding="utf-8")
    form = optmodel.load(path, data={"cost": COST})
    compiled = expand(form)
    assert compiled.sets["Sites"].members == ["a", "b", "c"]
    assert compiled.params["capacity_"].values == {("a",): 50, ("b",): 40, ("c",): 70}
    assert optmodel.solve(form).objective == pytest.approx(OPTIMUM)


def test_a_set_from_a_file_keeps_each_member_once(tmp_path):
    (tmp_path / "arcs.csv").write_text("Nodes,to,cost\na,b,1\na,c,2\nb,c,1\n", encoding="utf-8")
    text = '## Sets\nNodes = file("arcs.csv")\n## Variables\nx[Nodes] >= 0\n## Objective\nminimize sum(x[n] for n in Nodes)\n'
    path = tmp_path / "n.fe"
    path.write_text(text, encoding="utf-8")
    assert expand(optmodel.load(path)).sets["Nodes"].members == ["a", "b"]


def test_several_value_columns_without_one_named_after_the_parameter(tmp_path):
    (tmp_path / "t.csv").write_text("site,p,q\na,1,2\n", encoding="utf-8")
    text = '## Sets\nS = {a}\n## Parameters\nr[S] = file("t.csv")\n## Variables\nx >= 0\n## Objective\nminimize x\n'
    path = tmp_path / "r.fe"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(optmodel.FormulationError, match="value column named 'r'"):
        expand(optmodel.load(path))


def test_cli_solves_a_model_whose_set_and_parameters_share_one_file(tmp_path, monkeypatch, capsys):
    (tmp_path / "sites.csv").write_text(
        "site,fixed,capacity\na,100,50\nb,80,40\nc,120,70\n", encoding="utf-8"
    )
    path = tmp_path / "pick.fe"
    path.write_text(
        '## Sets\nSites = file("sites.csv")\n## Parameters\nfixed[Sites] = file("sites.csv")\n'
        'capacity[Sites] = file("sites.csv")\n## Variables\nopen[Sites] binary\n'
        "## Objective\nminimize sum(fixed[s] * open[s] for s in Sites)\n"
        "## Constraints\nenough: sum(capacity[s] * open[s] for s in Sites) >= 100\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(monkeypatch, capsys, "solve", path, "--json")
    assert code == 0, err
    result = json.loads(out)
    # by hand: a + b hold 90 < 100; b + c (200) is the cheapest pair that holds 110
    assert result["objective"] == pytest.approx(200)
    assert {r["index"][0] for r in result["values"]["open"] if r["value"] > 0.5} == {"b", "c"}


def test_sets_from_python_and_files_are_within_the_member_limit(tmp_path, monkeypatch):
    from optmodel.errors import LimitError

    monkeypatch.setenv("OPTMODEL_MAX_SET_MEMBERS", "2")
    text = "## Sets\nS = data()\n## Variables\nx[S] >= 0\n## Objective\nminimize sum(x[s] for s in S)\n"
    with pytest.raises(LimitError, match="more than 2"):
        expand(optmodel.parse(text, data={"S": ["a", "b", "c"]}))
    (tmp_path / "s.csv").write_text("S\na\nb\nc\n", encoding="utf-8")
    path = tmp_path / "s.fe"
    path.write_text(text.replace("data()", 'file("s.csv")'), encoding="utf-8")
    with pytest.raises(LimitError, match="more than 2"):
        expand(optmodel.load(path))
    assert expand(optmodel.parse(text, data={"S": ["a", "b"]})).sets["S"].members == ["a", "b"]
