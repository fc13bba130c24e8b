"""The docs match the code: the README's Python runs, relative links point at files that exist,
and the held-out recipe of docs/tuning.md runs as written on .fe files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def _relative_links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return [t for t in _LINK.findall(text) if not re.match(r"[a-z]+:", t) and not t.startswith("#")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_exist(page):
    missing = []
    for target in _relative_links(page):
        path = target.split("#", 1)[0]
        if path and not (page.parent / path).exists():
            missing.append(target)
    assert not missing, f"{page.name} links to missing pages: {missing}"


def test_readme_python_snippet_runs(tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # the snippet's paths; its output lands here
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPTMODEL_SOLVE_IN_PROCESS", "1")
    (block,) = [b for b in _python_blocks(ROOT / "README.md") if "optmodel.load" in b]
    scope: dict = {}
    exec(compile(block, "README.md", "exec"), scope)  # the README's own text, not user input
    assert scope["sol"].status == "optimal"
    from optmodel.compiler import expand

    foods = expand(scope["form"]).sets["Foods"].members
    assert set(scope["sol"]["servings"]) == set(foods)
    assert scope["model"].component("servings") is not None
    assert (tmp_path / "diet.lp").read_text().rstrip().endswith("end")  # a complete LP file


def test_tuning_heldout_recipe_runs_on_fe_files(tmp_path, monkeypatch):
    (tmp_path / "heldout").mkdir()
    for name in ("knapsack.fe", "diet.fe"):
        shutil.copy(ROOT / "examples" / name, tmp_path / "heldout" / name)
    profiles = tmp_path / "solvers" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "mine.toml").write_text('[options]\npresolve = "off"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (block,) = [b for b in _python_blocks(ROOT / "docs" / "tuning.md") if "run_configs(" in b]
    block = block.replace("time_limit=60", "time_limit=10")
    scope: dict = {}
    exec(compile(block, "tuning.md", "exec"), scope)
    runs = scope["runs"]
    assert sorted({r.instance for r in runs["tuned"]}) == ["heldout/diet.fe", "heldout/knapsack.fe"]
    assert all(r.solved for rs in runs.values() for r in rs)
