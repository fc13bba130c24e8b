"""The committed default checkpoint and `optmodel train`'s input checks."""

from __future__ import annotations

import pytest


def test_default_checkpoint_is_small_enough():
    from optmodel.model import DEFAULT_PATH

    if not DEFAULT_PATH.exists():
        pytest.skip("models/default not trained yet")
    # checkpoints/ is training state, git-ignored; the rest is what is committed
    total = sum(
        p.stat().st_size for p in DEFAULT_PATH.rglob("*") if p.is_file() and "checkpoints" not in p.parts
    )
    assert total <= 80 * 1024 * 1024


def test_cli_train_rejects_missing_data(tmp_path):
    from typer.testing import CliRunner

    from optmodel.cli import app

    result = CliRunner().invoke(
        app, ["train", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "m")]
    )
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_a_folder_that_is_no_checkpoint_is_a_clear_error(tmp_path):
    from optmodel.errors import OptModelError
    from optmodel.formulators import get_formulator

    with pytest.raises(OptModelError, match="no formulation model"):
        get_formulator(str(tmp_path))
