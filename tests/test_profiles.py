"""`--profile NAME` looks in ./solvers/profiles, then $OPTMODEL_PROFILES, then the package's own
(issue 18 item 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_core import LP, run_cli

from optmodel.errors import OptModelError
from optmodel.profiles import available_profiles, load_profile, profile_path, solvers_dir


def _profile(folder: Path, name: str, gap: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(f"[options]\nmip_rel_gap = {gap}\n", encoding="utf-8")
    return path


def test_search_order_project_then_env_then_package(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    env_a, env_b = tmp_path / "env_a", tmp_path / "env_b"
    monkeypatch.setenv("OPTMODEL_PROFILES", f"{env_a}:{env_b}")
    shipped = sorted((solvers_dir() / "profiles").glob("*.toml"))[0].stem
    assert profile_path(shipped).parent == solvers_dir() / "profiles"  # the package's own
    _profile(env_b, shipped, 0.3)
    assert load_profile(shipped) == {"mip_rel_gap": 0.3}  # $OPTMODEL_PROFILES before the package
    _profile(env_a, shipped, 0.2)
    assert load_profile(shipped) == {"mip_rel_gap": 0.2}  # in the order of the variable
    _profile(tmp_path / "solvers" / "profiles", shipped, 0.1)
    assert load_profile(shipped) == {"mip_rel_gap": 0.1}  # the project's folder first
    _profile(env_b, "only_env", 0.05)
    assert "only_env" in available_profiles() and shipped in available_profiles()


def test_unknown_profile_lists_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OPTMODEL_PROFILES", str(tmp_path / "mine"))
    with pytest.raises(OptModelError, match="unknown solver profile 'nope'") as info:
        profile_path("nope")
    assert str(tmp_path / "mine") in str(info.value) and "solvers/profiles" in str(info.value)


def test_cli_finds_a_profile_in_the_current_project(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _profile(tmp_path / "solvers" / "profiles", "mine", 0.01)
    model = tmp_path / "lp.fe"
    model.write_text(LP, encoding="utf-8")
    code, out, err = run_cli(monkeypatch, capsys, "solve", model, "--profile", "mine")
    assert code == 0, err
    assert "optimal" in out
