"""Back-translation by a language model, when a formulation backend is configured.

The template describer of each family is the default (no model needed). With an
OpenAI-compatible endpoint, `LLMBackTranslator` asks the model to rewrite the template text as a
natural textbook problem. The rewrite is kept only when it passes the same number check as the
template text (every number of the formulation stated); otherwise the template text stays, and
the row records which one was used.
"""

from __future__ import annotations

from typing import Any, Protocol

from optmodel.errors import OptModelError

PROMPT = (
    "Rewrite the following optimization word problem so that it reads like a problem written by a "
    "person for a textbook or an exam. Keep every number exactly as given (you may write numbers in "
    "words or as percentages), keep every condition, add no new data, and end with the question. "
    "Answer with the problem text only.\n\nProblem:\n{text}\n\nFor reference, its formulation:\n{formulation}"
)


class Completer(Protocol):
    def complete(self, messages: list[dict[str, str]], n: int) -> list[str]: ...


class LLMBackTranslator:
    """Rewrites template text with a chat model (e.g. `EndpointFormulator(url, model)`)."""

    name = "llm"

    def __init__(self, completer: Completer, *, include_formulation: bool = True) -> None:
        self.completer = completer
        self.include_formulation = include_formulation

    @classmethod
    def from_endpoint(cls, base_url: str, model: str, **options: Any) -> LLMBackTranslator:
        from optmodel.formulators.endpoint import EndpointFormulator

        return cls(EndpointFormulator(base_url, model, **options))

    def rewrite(self, text: str, formulation: str) -> tuple[str, str]:
        """(new text, 'llm') when the rewrite states every number, else (text, 'template: why')."""
        from optmodel.synth.numbers import missing_numbers

        prompt = PROMPT.format(
            text=text, formulation=formulation if self.include_formulation else "(not shown)"
        )
        try:
            answers = self.completer.complete([{"role": "user", "content": prompt}], 1)
        except OptModelError as exc:
            return text, f"template: back-translator failed ({exc})"
        candidate = (answers[0] if answers else "").strip()
        if not candidate:
            return text, "template: empty rewrite"
        missing = missing_numbers(formulation, candidate)
        if missing:
            return text, f"template: rewrite dropped {missing[:5]}"
        return candidate, "llm"
