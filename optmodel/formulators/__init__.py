"""Formulators turn problem text into five-element text: the embedded model, Hugging Face
checkpoints, OpenAI-compatible endpoints, and the exact instance oracle used in synthesis."""

from __future__ import annotations

import json
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest, Formulator

__all__ = ["Formulator", "FormulationRequest", "get_formulator"]


def _is_causal_lm(path: Path) -> bool:
    if (path / "adapter_config.json").is_file():  # a LoRA adapter: HFFormulator merges it into its base
        return True
    config = path / "config.json"
    if not config.is_file():
        return False
    try:
        archs = json.loads(config.read_text(encoding="utf-8")).get("architectures") or []
    except (json.JSONDecodeError, OSError, AttributeError):
        return False
    return any(str(a).endswith("ForCausalLM") for a in archs)


def get_formulator(model: str | None = None, endpoint: str | None = None, **options) -> Formulator:
    """Pick a formulator: an OpenAI-compatible endpoint, a Hugging Face causal LM, or the
    embedded model (the default checkpoint when `model` is None)."""
    if endpoint:
        from optmodel.formulators.endpoint import EndpointFormulator

        if not model:
            raise OptModelError("--endpoint needs --model NAME (the model name the server knows)")
        return EndpointFormulator(endpoint, model, **options)
    if model:
        path = Path(model)
        if path.exists() and _is_causal_lm(path):
            from optmodel.formulators.hf import HFFormulator

            return HFFormulator(str(path), **options)
        if not path.exists() and "/" in model and not model.startswith((".", "/")):
            from optmodel.formulators.hf import HFFormulator  # a hub id, where a hub is reachable

            return HFFormulator(model, **options)
        if not path.exists():
            raise OptModelError(
                f"model '{model}' not found", hint="give a checkpoint folder, or --endpoint URL --model NAME"
            )
    try:
        from optmodel.model import default_model_path
        from optmodel.model.pointer_formulator import PointerFormulator, is_pointer_checkpoint
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("optmodel"):
            raise OptModelError("the embedded formulation model is not installed in this build") from None
        raise
    path = Path(model) if model else default_model_path()
    if not is_pointer_checkpoint(path):
        raise OptModelError(
            f"no formulation model at {path}: a checkpoint folder has config.json with architecture "
            "'optmodel-pointer' (or is a causal LM)",
            hint="train one with `optmodel train --data DIR --out models/NAME`, or pass --model PATH",
        )
    return PointerFormulator(path, **{k: v for k, v in options.items() if k in ("threads", "seed", "batch_size")})
