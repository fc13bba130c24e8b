"""A formulator backed by any Hugging Face causal LM (a local folder, a LoRA adapter folder, or a
hub id), so users with a GPU can put a large model behind the same SDK.

The model sees the chat messages of `optmodel.formulators.prompting`; its answers go through
`optmodel.formulate.extract_formulation`. Remote code in model repositories is never run
(`trust_remote_code` stays off).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from optmodel.errors import OptModelError
from optmodel.formulators.base import FormulationRequest
from optmodel.formulators.prompting import build_messages

# Used only when a checkpoint has no chat template of its own (base models, tiny test models).
DEFAULT_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# Written next to a fine-tuned checkpoint by `optmodel.lm_train`: how it expects to be prompted.
SETTINGS_FILE = "optmodel.json"

_DTYPES = ("auto", "float32", "float16", "bfloat16")


def resolve_device(device: str = "auto") -> str:
    """`auto` -> cuda when a GPU is visible, else cpu; anything else must be usable as given."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise OptModelError(
            f"device {device!r} was asked for but no CUDA GPU is visible", hint="use --device cpu"
        )
    if device not in ("cpu", "mps") and not device.startswith("cuda"):
        raise OptModelError(f"unknown device {device!r}", hint="use auto, cpu, cuda or cuda:N")
    return device


def resolve_dtype(dtype: str, device: str):
    """`auto` -> bfloat16 on a GPU that supports it, float16 on other GPUs, float32 on cpu."""
    import torch

    if dtype not in _DTYPES:
        raise OptModelError(f"unknown dtype {dtype!r}", hint=f"use one of {', '.join(_DTYPES)}")
    if dtype == "auto":
        if device.startswith("cuda"):
            return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        return torch.float32
    return getattr(torch, dtype)


def is_adapter_dir(path: str | Path) -> bool:
    return (Path(path) / "adapter_config.json").is_file()


def read_settings(path: str | Path) -> dict[str, Any]:
    """The prompting settings a fine-tuned checkpoint was trained with ({} when none)."""
    file = Path(path) / SETTINGS_FILE
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise OptModelError(f"cannot read {file}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def prepare_tokenizer(tokenizer) -> None:
    """Left padding for batched generation, a pad token, and a chat template when missing."""
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    if not getattr(tokenizer, "chat_template", None):
        tokenizer.chat_template = DEFAULT_CHAT_TEMPLATE


def load_model_and_tokenizer(model_path_or_id: str | Path, *, device: str = "auto", dtype: str = "auto"):
    """Load a causal LM (merging a LoRA adapter into its base) and its tokenizer; errors are one line."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = str(model_path_or_id)
    device = resolve_device(device)
    torch_dtype = resolve_dtype(dtype, device)
    # on a GPU, load the weights straight onto it instead of through host memory
    placement = {"device_map": device} if device.startswith("cuda") else {}
    try:
        if is_adapter_dir(source):
            from peft import PeftModel

            config = json.loads((Path(source) / "adapter_config.json").read_text(encoding="utf-8"))
            base = config.get("base_model_name_or_path")
            if not base:
                raise OptModelError(f"{source}/adapter_config.json names no base model")
            model = AutoModelForCausalLM.from_pretrained(base, dtype=torch_dtype, **placement)
            model = PeftModel.from_pretrained(model, source).merge_and_unload()
            has_tokenizer = any(
                (Path(source) / f).exists() for f in ("tokenizer.json", "tokenizer_config.json")
            )
            tokenizer = AutoTokenizer.from_pretrained(source if has_tokenizer else base)
        else:
            model = AutoModelForCausalLM.from_pretrained(source, dtype=torch_dtype, **placement)
            tokenizer = AutoTokenizer.from_pretrained(source)
    except OptModelError:
        raise
    except (OSError, ValueError, KeyError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise OptModelError(
            f"cannot load the causal LM {source!r}: {first}",
            hint="give a folder with config.json and weights (or a LoRA adapter folder), "
            "or a Hugging Face hub id when the hub is reachable",
        ) from exc
    model.to(device)
    model.eval()
    prepare_tokenizer(tokenizer)
    return model, tokenizer


class HFFormulator:
    """Formulations from a Hugging Face causal LM with chat-template prompts and batched sampling."""

    def __init__(
        self,
        model_path_or_id: str | Path,
        *,
        device: str = "auto",
        dtype: str = "auto",
        few_shot: int | None = None,
        max_new_tokens: int | None = None,
        temperature: float | None = None,
        top_p: float = 0.95,
        batch_size: int = 8,
        seed: int = 0,
    ) -> None:
        """Options left as None come from the checkpoint's `optmodel.json` (written by
        fine-tuning), else: 1 few-shot example, 1024 new tokens, temperature 0.7."""
        model, tokenizer = load_model_and_tokenizer(model_path_or_id, device=device, dtype=dtype)
        settings = read_settings(model_path_or_id)
        self._setup(
            model,
            tokenizer,
            name=f"hf:{model_path_or_id}",
            few_shot=int(settings.get("few_shot", 1)) if few_shot is None else few_shot,
            max_new_tokens=int(settings.get("max_new_tokens", 1024))
            if max_new_tokens is None
            else max_new_tokens,
            temperature=float(settings.get("temperature", 0.7)) if temperature is None else temperature,
            top_p=top_p,
            batch_size=batch_size,
            seed=seed,
        )

    @classmethod
    def from_loaded(cls, model, tokenizer, *, name: str = "hf:in-memory", **options: Any) -> HFFormulator:
        """Wrap a model already in memory (validation during training uses this)."""
        self = cls.__new__(cls)
        prepare_tokenizer(tokenizer)
        self._setup(model, tokenizer, name=name, **options)
        return self

    def _setup(
        self,
        model,
        tokenizer,
        *,
        name: str,
        few_shot: int = 1,
        max_new_tokens: int = 1024,
        temperature: float = 0.7,
        top_p: float = 0.95,
        batch_size: int = 8,
        seed: int = 0,
    ) -> None:
        if max_new_tokens < 1 or batch_size < 1:
            raise OptModelError("max_new_tokens and batch_size must be at least 1")
        if temperature < 0:
            raise OptModelError(f"temperature must be >= 0, got {temperature}")
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.few_shot = few_shot
        self.max_new_tokens = max_new_tokens
        self.temperature = temperature
        self.top_p = top_p
        self.batch_size = batch_size
        self.seed = seed
        self._calls = 0
        build_messages(FormulationRequest("check"), few_shot=few_shot)  # validates few_shot early

    def prompt(self, request: FormulationRequest) -> str:
        """The exact text the model is given for `request`."""
        return self.tokenizer.apply_chat_template(
            build_messages(request, few_shot=self.few_shot), tokenize=False, add_generation_prompt=True
        )

    def complete(self, prompts: Sequence[str]) -> list[str]:
        """Raw answers for already-templated prompts, `batch_size` at a time."""
        import torch

        answers: list[str] = []
        device = next(self.model.parameters()).device
        limit = getattr(self.model.config, "max_position_embeddings", None)
        sample = self.temperature > 0
        for start in range(0, len(prompts), self.batch_size):
            chunk = list(prompts[start : start + self.batch_size])
            enc = self.tokenizer(chunk, return_tensors="pt", padding=True, add_special_tokens=False).to(
                device
            )
            width = enc["input_ids"].shape[1]
            new_tokens = self.max_new_tokens
            if limit:
                if width >= limit:
                    raise OptModelError(
                        f"the prompt has {width} tokens but {self.name} takes at most {limit}",
                        hint="use fewer few-shot examples or a shorter problem",
                    )
                new_tokens = min(new_tokens, limit - width)
            options: dict[str, Any] = {"max_new_tokens": new_tokens, "do_sample": sample}
            if sample:
                options.update(temperature=self.temperature, top_p=self.top_p)
            with torch.no_grad():
                out = self.model.generate(
                    **enc,
                    **options,
                    pad_token_id=self.tokenizer.pad_token_id,
                    eos_token_id=self.tokenizer.eos_token_id,
                )
            answers.extend(self.tokenizer.batch_decode(out[:, width:], skip_special_tokens=True))
        return answers

    def generate(self, requests: Sequence[FormulationRequest], *, num_samples: int = 1) -> list[list[str]]:
        """`num_samples` five-element texts per request (greedy when temperature is 0)."""
        import torch

        from optmodel.formulate import extract_formulation

        if num_samples < 1:
            raise OptModelError(f"num_samples must be at least 1, got {num_samples}")
        if not requests:
            return []
        torch.manual_seed(self.seed + self._calls)  # deterministic for a seed, fresh per call
        self._calls += 1
        prompts = [self.prompt(r) for r in requests for _ in range(num_samples)]
        answers = [extract_formulation(a) for a in self.complete(prompts)]
        return [answers[i * num_samples : (i + 1) * num_samples] for i in range(len(requests))]
