"""The table scanner (optmodel.tablescan) gives exactly what the grammar gives, or nothing."""

from __future__ import annotations

import random

import numpy as np
import pytest

import optmodel
from optmodel import parser as P
from optmodel.compiler import expand
from optmodel.errors import FormulationError
from optmodel.formulation import DictData, ListData
from optmodel.tablescan import grid_of, scan_table


def typed(v):
    """A value with its Python types spelled out (3 and 3.0 differ here, as they do in print)."""
    if isinstance(v, DictData):
        return ("dict", tuple((type(k).__name__, k, typed(x)) for k, x in v.items))
    if isinstance(v, ListData):
        return ("list", tuple(typed(x) for x in v.items))
    return (type(v).__name__, v)


def grammar(body: str):
    return P._parser().parse(f"c[I] = {body}", start="param_stmt").value


NUMBERS = [
    "0",
    "-0",
    "7",
    "+12",
    "007",
    "-3",
    "2.5",
    "-0.125",
    "1e3",
    "2.5E-2",
    "+1.0e+2",
    "3.0",
    "12.50",
    "5%",
    "-2.5%",
    "1e2%",
    "9007199254740993",
    "123456789012345678901234567890",
]


def number(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(NUMBERS)
    return repr(round(rng.uniform(-1e4, 1e4), rng.randint(0, 6)))


def key(rng: random.Random, ints: bool, i: int) -> str:
    return str(i + rng.randint(0, 3) * 1000) if ints else rng.choice(["k", "sum", "min", "x_", "in"]) + str(i)


def space(rng: random.Random) -> str:
    return rng.choice(["", " ", "  ", "\t"])


def level(rng: random.Random, kind: str, n: int, ints: bool, percents: bool, inner=None) -> str:
    items = []
    for i in range(n):
        v = inner() if inner else number(rng)
        if not percents and not inner:
            v = v.rstrip("%")
        if kind == "{":
            items.append(f"{space(rng)}{key(rng, ints, i)}{space(rng)}:{space(rng)}{v}")
        else:
            items.append(f"{space(rng)}{v}")
    trailing = "," if rng.random() < 0.3 else ""
    close = "}" if kind == "{" else "]"
    return kind + ",".join(items) + trailing + space(rng) + close


@pytest.mark.parametrize("seed", range(40))
def test_random_tables_equal_the_grammar(seed):
    rng = random.Random(seed)
    outer, sub = rng.choice("{["), rng.choice(["{", "[", None])
    ints, percents = rng.random() < 0.4, rng.random() < 0.3
    cols = rng.randint(1, 12)
    if sub is None:
        body = level(rng, outer, rng.randint(1, 40), ints, percents)
    else:
        body = level(
            rng, outer, rng.randint(1, 8), ints, percents, inner=lambda: level(rng, sub, cols, ints, percents)
        )
    got = scan_table(body)
    assert got is not None, body
    assert typed(got) == typed(grammar(body))


def test_a_grid_holds_the_same_numbers_as_the_items():
    got = scan_table("{a: {x: 1, y: 2.5}, b: {x: -3, y: 4%}}")
    grid = grid_of(got)
    assert grid.keys == (("a", "b"), ("x", "y"))
    assert grid.values.tolist() == [[1.0, 2.5], [-3.0, 0.04]]
    assert grid.numbers == [1, 2.5, -3, 0.04] and type(grid.numbers[0]) is int
    ragged = scan_table("{a: {x: 1, y: 2}, b: {y: 3, x: 4}}")
    assert grid_of(ragged) is None and typed(ragged) == typed(grammar("{a: {x: 1, y: 2}, b: {y: 3, x: 4}}"))


@pytest.mark.parametrize(
    "body",
    [
        "{a: 1, b: 2, a: 3}",  # repeated key: the compiler names it
        "{a: {x: 1}, a: {x: 2}}",
        "{a: 1 b: 2}",
        "{a, 1: b: 2}",  # separators out of order, every token plausible
        "{a: 1,, b: 2}",
        "{a: .5}",
        "{a: 5.}",
        "{a: 1.e3}",
        "{a: 1_000}",
        "{a: nan}",
        "{a: inf}",
        "{a: 1e400}",
        "{a: 5%%}",
        "{a: - 3}",
        "{a: 1 2, b: 3}",
        "{a: , b: 1}",
        "[1, , 2]",
        "[[1, 2], [3 4]]",
        "{a: {x: {y: 1}}}",  # three levels: not this scanner's
        "{a: {x: 1}, b: [1]}",
        "{a: {}, b: {x: 1}}",
        "[1, 2,]]",
        "{é: 1}",
        "{a: 1} extra",
        "{1" + "0" * 400 + ": 1}",
    ],
)
def test_odd_or_wrong_tables_are_left_to_the_grammar(body):
    assert scan_table(body) is None


def table_text(rows: int, cols: int, extra: str = "", default: str = "") -> str:
    rng = random.Random(rows * cols)
    body = ",\n".join(
        f"  r{i}: {{" + ", ".join(f"c{j}: {rng.randint(1, 999) / 8}" for j in range(cols)) + "}"
        for i in range(rows)
    )
    return f"""## Sets
R = {{{", ".join(f"r{i}" for i in range(rows))}}}
C = {{{", ".join(f"c{j}" for j in range(cols))}}}
## Parameters
cost[R, C] = {{
{body}{extra}
}}{default}
## Variables
x[R, C] >= 0
## Objective
minimize sum(cost[r, c] * x[r, c] for r in R for c in C)
"""


def test_a_repeated_key_in_a_large_inline_table_is_an_error():
    text = table_text(30, 30, extra=",\n  r3: {" + ", ".join(f"c{j}: 1" for j in range(30)) + "}")
    with pytest.raises(FormulationError, match=r"two values for the index \[r3, c0\]"):
        expand(optmodel.parse(text))


def test_a_bad_cell_in_a_large_table_is_reported_by_the_grammar():
    text = table_text(30, 30).replace("c7: ", "c7: x", 1)
    with pytest.raises(FormulationError) as err:
        optmodel.parse(text, file="t.fe")
    msg = str(err.value)
    assert "t.fe" in msg and "line 5" in msg and "parameter 'cost'" in msg


def test_huge_numbers_in_a_large_table_are_refused():
    text = table_text(30, 30).replace("c7: ", "c7: 1" + "0" * 400, 1)
    with pytest.raises(FormulationError, match="too large"):
        optmodel.parse(text)


def without_grids(form):
    for p in form.params:
        if grid_of(p.value) is not None:
            del p.value.__dict__["_grid"]
    return form


@pytest.mark.parametrize("default", ["", " default 2.5"])
def test_the_compiler_takes_the_grid_with_the_walks_values(default):
    text = table_text(25, 30, default=default)
    if default:  # two rows fewer, in another order: the default fills them
        text = text.replace("  r0: {", "  r0x: {", 1)
        text = text.replace("R = {r0, ", "R = {r0x, r_unused, ", 1)
    form = optmodel.parse(text)
    assert grid_of(form.params[0].value) is not None
    slow = without_grids(optmodel.parse(text))
    from optmodel.compiler import _Context

    fast_rp = _Context(form).param("cost")
    slow_rp = _Context(slow).param("cost")
    assert fast_rp.dense is not None and slow_rp.dense is None
    assert callable(fast_rp._values)  # the dict of 750 tuples is built only when asked for
    assert list(fast_rp.values.items()) == list(slow_rp.values.items())
    fast_sol, slow_sol = optmodel.solve(form), optmodel.solve(slow)
    assert fast_sol.status == slow_sol.status == "optimal"
    assert fast_sol.objective == pytest.approx(slow_sol.objective)
    expected = np.array(
        [
            [slow_rp.values.get((r, c), np.nan) for c in slow_rp.sets[1].members]
            for r in slow_rp.sets[0].members
        ],
        dtype=float,
    )
    if default:
        expected = np.where(np.isnan(expected), 2.5, expected)
    np.testing.assert_array_equal(fast_rp.dense, expected)


def test_three_levels_take_the_json_path_with_the_grammars_values_and_errors():
    rng = random.Random(3)

    def cells(n: int) -> str:
        return "{" + ", ".join(f"k{j}: {rng.choice(['4', '-2.5', '1e3', '7.25'])}" for j in range(n)) + "}"

    body = (
        "{"
        + ", ".join(
            f"a{i}: {{" + ", ".join(f"{10 * j}: {cells(6)}" for j in range(5)) + "}" for i in range(8)
        )
        + "}"
    )
    stmt = P._Statement("Parameters", 1, f"c[I, J, K] = {body}", None)
    assert len(stmt.text) > 2000 and scan_table(body) is None
    fast = P._fast_param(stmt)
    assert fast is not None and typed(fast.value) == typed(grammar(body))
    repeated = body[:-1] + ", a0: {0: {k0: 1}}}"
    assert P._fast_param(P._Statement("Parameters", 1, f"c[I, J, K] = {repeated}", None)) is None


@pytest.mark.parametrize("seed", range(6))
def test_long_set_literals_equal_the_grammar(seed):
    rng = random.Random(seed)
    words = [rng.choice(["p", "m_", "Sum", "x"]) + str(i) for i in range(150)] + [
        str(i - 20) for i in range(40)
    ]
    words += ["+7", "007"] if seed % 2 else []
    rng.shuffle(words)
    text = "S = {" + ",".join(space(rng) + w for w in words) + ("," if seed % 3 == 0 else "") + "}"
    fast = P._fast_set(P._Statement("Sets", 1, text, None))
    assert fast is not None
    slow = P._parser().parse(text, start="set_stmt")
    assert fast == slow and [type(m) for m in fast.members] == [type(m) for m in slow.members]


@pytest.mark.parametrize("extra", ["for", "min", "a b", "(a, b)", "1.5", "-", "'q'", "a,,"])
def test_odd_set_literals_are_left_to_the_grammar(extra):
    text = "S = {" + ", ".join(f"p{i}" for i in range(120)) + ", " + extra + "}"
    assert P._fast_set(P._Statement("Sets", 1, text, None)) is None


def _all_fe_files():
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    return sorted(p for p in root.rglob("*.fe") if ".git" not in p.parts and ".venv" not in p.parts)


def _load(path):
    try:
        return optmodel.load(path)
    except FormulationError as exc:  # templates among them (datasets/seeds): the same error both ways
        return str(exc)


def test_every_shipped_formulation_parses_alike_with_and_without_the_fast_paths(monkeypatch):
    files = _all_fe_files()
    fast = {p: _load(p) for p in files}
    assert sum(not isinstance(f, str) for f in fast.values()) >= 10
    monkeypatch.setattr(P, "_fast_param", lambda stmt: None)
    monkeypatch.setattr(P, "_fast_set", lambda stmt: None)
    for p in files:
        slow = _load(p)
        assert fast[p] == slow, p
        for a, b in zip(getattr(fast[p], "params", ()), getattr(slow, "params", ()), strict=True):
            assert typed(a.value) == typed(b.value), (p, a.name)


def test_a_large_generated_formulation_parses_alike_with_and_without_the_fast_paths(monkeypatch):
    text = table_text(120, 40, default=" default 0")
    fast = optmodel.parse(text)
    assert grid_of(fast.params[0].value) is not None
    monkeypatch.setattr(P, "_fast_param", lambda stmt: None)
    monkeypatch.setattr(P, "_fast_set", lambda stmt: None)
    slow = optmodel.parse(text)
    assert fast == slow and typed(fast.params[0].value) == typed(slow.params[0].value)


def _shape_text(shape: str, rows: int = 40, cols: int = 30) -> str:
    rng = random.Random(len(shape))
    cell = lambda: rng.choice(["3", "-1.25", "2e1", "7%", "0.5"])  # noqa: E731
    int_keys = shape.endswith("ints")
    rk = [str(i + 1) if int_keys else f"r{i}" for i in range(rows)]
    ck = [str(j + 1) if int_keys else f"c{j}" for j in range(cols)]
    if shape.startswith("dict-dict"):
        body = ", ".join(f"{r}: {{" + ", ".join(f"{c}: {cell()}" for c in ck) + "}" for r in rk)
        body = "{" + body + "}"
    elif shape == "list-list":
        body = "[" + ", ".join("[" + ", ".join(cell() for _ in ck) + "]" for _ in rk) + "]"
    elif shape == "dict-list":
        body = "{" + ", ".join(f"{r}: [" + ", ".join(cell() for _ in ck) + "]" for r in rk) + "}"
    else:  # list-dict
        body = "[" + ", ".join("{" + ", ".join(f"{c}: {cell()}" for c in ck) + "}" for _ in rk) + "]"
    sets = (
        f"R = 1..{rows}\nC = 1..{cols}\n"
        if int_keys
        else f"R = {{{', '.join(rk)}}}\nC = {{{', '.join(ck)}}}\n"
    )
    return (
        f"## Sets\n{sets}## Parameters\np[R, C] = {body}\n## Variables\nx[R, C] >= 0\n"
        "## Objective\nminimize sum(p[r, c] * x[r, c] for r in R for c in C)\n"
    )


@pytest.mark.parametrize("shape", ["dict-dict", "dict-dict-ints", "list-list", "dict-list", "list-dict"])
def test_every_grid_shape_compiles_to_the_walks_values(shape, monkeypatch):
    from optmodel.compiler import _Context

    text = _shape_text(shape)
    form = optmodel.parse(text)
    assert grid_of(form.params[0].value) is not None
    fast = _Context(form).param("p")
    monkeypatch.setattr(P, "_fast_param", lambda stmt: None)
    slow_form = optmodel.parse(text)
    assert slow_form == form and typed(slow_form.params[0].value) == typed(form.params[0].value)
    slow = _Context(slow_form).param("p")
    assert fast.dense is not None
    assert list(fast.values.items()) == list(slow.values.items())
    assert [type(v) for v in fast.values.values()] == [type(v) for v in slow.values.values()]
    rows, cols = (len(s.members) for s in slow.sets)
    expected = [[slow.values[(r, c)] for c in slow.sets[1].members] for r in slow.sets[0].members]
    np.testing.assert_array_equal(fast.dense, np.array(expected, dtype=float).reshape(rows, cols))


@pytest.mark.parametrize("cell", ["nan", "inf", "-inf", "1e400", "1" + "0" * 400])
def test_nan_inf_and_huge_cells_in_a_large_table_are_refused_where_they_stand(cell):
    text = table_text(30, 30).replace("c7: ", f"c7: {cell} + 0 * ", 1).replace(" + 0 * ", "", 1)
    assert f"c7: {cell}" in text
    with pytest.raises(FormulationError) as err:
        optmodel.parse(text, file="t.fe")
    assert "t.fe, line 5, parameter" in str(err.value) and "cost" in str(err.value)


@pytest.mark.parametrize("default", [" default 0", " default 5%", " default -2.5e1", " default 3"])
def test_a_large_table_default_equals_the_grammars(default, monkeypatch):
    text = table_text(40, 20, default=default)
    fast = optmodel.parse(text)
    monkeypatch.setattr(P, "_fast_param", lambda stmt: None)
    slow = optmodel.parse(text)
    assert fast.params[0].default == slow.params[0].default
    assert type(fast.params[0].default) is type(slow.params[0].default)


def test_more_rows_than_the_scanner_takes_go_through_json_alike(monkeypatch):
    import optmodel.tablescan as T

    body = "{" + ", ".join(f"r{i}: {{a: {i}, b: {i / 4}}}" for i in range(60)) + "}"
    monkeypatch.setattr(T, "MAX_ROWS", 10)
    assert scan_table(body) is None
    fast = P._fast_param(P._Statement("Parameters", 1, f"c[I, J] = {body}", None))
    assert fast is not None and grid_of(fast.value) is None
    assert typed(fast.value) == typed(grammar(body))


def test_integers_beyond_two_to_the_53_take_the_grammars_type_on_the_json_path():
    # a mix of lists and dicts with a percent goes to json.loads, which keeps big ints exact;
    # the grammar makes them floats (parser._num), and the two paths must agree
    row = "[4434, 15452380210064920, 36023741123745028, 160%, 1.64e0]"
    body = "[" + ", ".join([row] * 30 + ["{-1: 11406.17, 0: 124%, 1: 1439692331194886}"]) + "]"
    stmt = P._Statement("Parameters", 1, f"h[A, A] = {body}", None)
    fast = P._fast_param(stmt)
    assert fast is not None and typed(fast.value) == typed(grammar(body))
    assert type(fast.value.items[0].items[1]) is float and type(fast.value.items[0].items[0]) is int
