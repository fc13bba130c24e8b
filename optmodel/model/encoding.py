"""How a FormulationRequest becomes model input text, and model output text becomes a
five-element formulation: the numbers-as-pointers contract between data, training and decoding."""

from __future__ import annotations

from optmodel.formulators.base import FormulationRequest
from optmodel.model.numbers import fill_numbers, mask_numbers, point_numbers, strip_comments
from optmodel.model.tokenizer import ERROR, FAULTY

MAX_ERROR_CHARS = 300


def source_text(request: FormulationRequest) -> tuple[str, list[float | int]]:
    """Model input for `request` and the values its placeholders stand for."""
    masked, values = mask_numbers(" ".join(request.problem.split()))
    if request.faulty is None:
        return masked, values
    faulty = point_numbers(strip_comments(request.faulty), values)
    error = point_numbers(" ".join((request.error or "").split())[:MAX_ERROR_CHARS], values)
    return f"{masked} {FAULTY} {faulty} {ERROR} {error}", values


def target_text(formulation: str, values: list[float | int]) -> str:
    """What the model learns to write for a correct `formulation`."""
    return point_numbers(strip_comments(formulation), values)


def output_to_formulation(text: str, values: list[float | int]) -> str:
    """Turn a decoded model output back into five-element text with exact numbers."""
    return fill_numbers(text, values).strip() + "\n"
