"""Atomic writes in one helper (issue 16 item 11): whole files or nothing, fsynced, and no other
module renames files into place by hand."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from optmodel import atomic


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "data.json"
    atomic.write_json(path, {"a": 1})
    with pytest.raises(RuntimeError), atomic.atomic_path(path) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed mid-write")
    assert path.read_text() == '{\n  "a": 1\n}'
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]


def test_the_file_and_its_folder_are_fsynced(tmp_path, monkeypatch):
    synced: list[str] = []
    real = os.fsync

    def spy(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else str(fd))
        return real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    atomic.write_text(tmp_path / "profile.toml", "x = 1\n")
    if os.path.exists("/proc/self/fd"):
        assert any(".profile.toml." in s for s in synced)  # the file, before the rename
        assert str(tmp_path) in synced  # the folder, after it
    else:
        assert len(synced) >= 2


def test_the_temporary_keeps_the_suffix_writers_choose_formats_by(tmp_path):
    with atomic.atomic_path(tmp_path / "plot.png") as tmp:
        assert tmp.suffix == ".png" and tmp.parent == tmp_path
        tmp.write_bytes(b"png")
    assert (tmp_path / "plot.png").read_bytes() == b"png"


def test_a_folder_is_swapped_in_whole(tmp_path):
    target = tmp_path / "checkpoint"
    atomic.write_dir(target, lambda d: (d / "weights").write_text("v1"))
    with pytest.raises(RuntimeError):

        def broken(d: Path) -> None:
            (d / "weights").write_text("half")
            raise RuntimeError("killed")

        atomic.write_dir(target, broken)
    assert (target / "weights").read_text() == "v1"
    atomic.write_dir(target, lambda d: (d / "weights").write_text("v2"))
    assert (target / "weights").read_text() == "v2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkpoint"]


def test_no_module_renames_files_into_place_by_hand():
    root = Path(atomic.__file__).parent
    sites = [
        f"{p.relative_to(root)}:{n}"
        for p in root.rglob("*.py")
        if p.name != "atomic.py"
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if re.search(r"\bos\.(replace|rename)\(", line)
    ]
    assert not sites, sites
