"""The embedded formulator: the project's own checkpoint behind the Formulator protocol."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "default"


def default_model_path() -> Path:
    """`$OPTMODEL_MODEL` if set, else the committed models/default/."""
    return Path(os.environ.get("OPTMODEL_MODEL") or DEFAULT_PATH)


class EmbeddedFormulator:
    """Problem text -> five-element text with the small encoder-decoder trained by `optmodel train`.

    Numbers in the problem are masked to placeholders before encoding and substituted back after
    decoding (see optmodel.model.numbers). One sample is greedy; further samples are drawn with
    nucleus sampling so that self-consistency voting has something to vote on.
    """

    name = "embedded"
    needs_numbers = True  # its formulations copy every number from the text

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        max_source: int = 320,
        max_new_tokens: int = 256,
        threads: int | None = None,
        seed: int = 0,
        constrain_pointers: bool = True,
        salvage: bool = True,
    ) -> None:
        import torch
        import transformers
        from transformers import T5ForConditionalGeneration

        transformers.utils.logging.disable_progress_bar()
        transformers.utils.logging.set_verbosity_error()

        from optmodel.model.tokenizer import load_tokenizer

        self.path = Path(path) if path is not None else default_model_path()
        if not (self.path / "config.json").exists() or not (self.path / "tokenizer.json").exists():
            raise OptModelError(
                f"no formulation model at {self.path}",
                hint="train one with `optmodel train --data DIR --out models/NAME` or pass --model PATH",
            )
        if threads:
            torch.set_num_threads(threads)
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.tokenizer = load_tokenizer(self.path)
        self.model = T5ForConditionalGeneration.from_pretrained(str(self.path)).to(self.device).eval()
        self.max_source = max_source
        self.max_new_tokens = max_new_tokens
        self.seed = seed
        self.constrain_pointers = constrain_pointers
        self.salvage = salvage
        from optmodel.model.numbers import PLACEHOLDERS

        self._pointer_ids = self.tokenizer.convert_tokens_to_ids(PLACEHOLDERS)

    def _encode(self, sources: list[str]):
        import torch

        eos, pad = self.tokenizer.eos_token_id, self.tokenizer.pad_token_id
        ids = [
            self.tokenizer(s, add_special_tokens=False).input_ids[: self.max_source - 1] + [eos]
            for s in sources
        ]
        width = max(map(len, ids))
        input_ids = torch.full((len(ids), width), pad, dtype=torch.long)
        attn = torch.zeros((len(ids), width), dtype=torch.long)
        for k, row in enumerate(ids):
            input_ids[k, : len(row)] = torch.tensor(row)
            attn[k, : len(row)] = 1
        return input_ids.to(self.device), attn.to(self.device)

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        import torch

        from optmodel.model.encoding import output_to_formulation, source_text

        if not requests:
            return []
        encoded = [source_text(r) for r in requests]
        input_ids, attn = self._encode([s for s, _ in encoded])
        results: list[list[str]] = [[] for _ in requests]
        extra = {}
        if self.constrain_pointers:
            extra["logits_processor"] = [_PointerMask(self._pointer_ids, [len(v) for _, v in encoded])]
        with torch.inference_mode():
            greedy = self.model.generate(
                input_ids=input_ids,
                attention_mask=attn,
                max_new_tokens=self.max_new_tokens,
                do_sample=False,
                num_beams=1,
                **extra,
            )
            for k, seq in enumerate(greedy):
                results[k].append(self.tokenizer.decode(seq, skip_special_tokens=False))
            if num_samples > 1:
                torch.manual_seed(self.seed)
                sampled = self.model.generate(
                    input_ids=input_ids,
                    attention_mask=attn,
                    max_new_tokens=self.max_new_tokens,
                    do_sample=True,
                    top_p=0.9,
                    temperature=0.8,
                    top_k=0,
                    num_return_sequences=num_samples - 1,
                    **extra,
                )
                for j, seq in enumerate(sampled):
                    results[j // (num_samples - 1)].append(
                        self.tokenizer.decode(seq, skip_special_tokens=False)
                    )
        cleaned = []
        for (_, values), outs in zip(encoded, results, strict=True):
            texts = [output_to_formulation(_strip_special(o, self.tokenizer), values) for o in outs]
            if self.salvage:
                from optmodel.model.salvage import salvage

                texts = [salvage(t) for t in texts]
            cleaned.append(texts)
        return cleaned


class _PointerMask:
    """Constrained decoding, the part that matters most: the model may only point at numbers
    that the problem text has (row r of the batch has `counts[r]` of them)."""

    def __init__(self, pointer_ids: list[int], counts: list[int]) -> None:
        self.pointer_ids = pointer_ids
        self.counts = counts

    def __call__(self, input_ids, scores):
        rows = scores.shape[0]
        per_request = rows // len(self.counts)  # sampled sequences are grouped per request
        for r in range(rows):
            banned = self.pointer_ids[self.counts[r // per_request] :]
            if banned:
                scores[r, banned] = float("-inf")
        return scores


def _strip_special(text: str, tokenizer) -> str:
    for tok in (tokenizer.pad_token, tokenizer.eos_token):
        text = text.replace(tok, "")
    return text
