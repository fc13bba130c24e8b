"""The variable-naming head (optmodel.model.naming): labels, spans, identifiers, training, serving."""

from __future__ import annotations

import json

import pytest
import torch

from optmodel.model.naming import B_TAG, I_TAG, IGNORE, O_TAG, identifiers, spans_from_tags, tag_labels
from optmodel.model.pointer import encode_source, load_tokenizer, minilm_path
from optmodel.model.program import to_five_element
from optmodel.solver import solve

TEXT = ("A bakery bakes sourdough loaves and rye rolls. Each sourdough loaf earns $4 and each rye roll $1.5. "
        "A loaf needs 3 minutes of oven time and a roll 1 minute; 300 minutes are available.")


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(minilm_path())


def test_labels_mark_each_first_mention_and_nothing_else(tokenizer):
    src = encode_source(tokenizer, TEXT)
    tags = tag_labels(src.text, src.offsets, [["sourdough loaves", "sourdough loaf"], ["rye rolls", "rye roll"]])
    marked = [(src.text[a:b], t) for (a, b), t in zip(src.offsets, tags, strict=True) if t in (B_TAG, I_TAG)]
    starts = [w for w, t in marked if t == B_TAG]
    assert starts == ["sour", "rye"]  # the first token of each first mention, in variable order
    assert "".join(w for w, _ in marked).replace("##", "") == "sourdoughloavesryerolls"
    assert tags[0] == IGNORE and tags[-1] == IGNORE  # [CLS] and [SEP] teach nothing
    assert tags.count(O_TAG) > 20
    # a name missing from the text, or variables named out of order: the row teaches nothing
    assert tag_labels(src.text, src.offsets, [["croissants"], ["rye rolls"]]) is None
    assert tag_labels(src.text, src.offsets, [["rye rolls"], ["sourdough loaves"]]) is None


def _probs(n_tokens: int, starts: dict[int, float], inside: set[int]) -> torch.Tensor:
    p = torch.zeros((n_tokens, 3))
    p[:, O_TAG] = 1.0
    for t, q in starts.items():
        p[t] = torch.tensor([1 - q, q, 0.0])
    for t in inside:
        p[t] = torch.tensor([0.1, 0.1, 0.8])
    return p


def test_spans_are_whole_words_in_text_order_and_need_enough_starts(tokenizer):
    src = encode_source(tokenizer, TEXT)
    words = [src.text[a:b] for a, b in src.offsets]
    sour, rye = words.index("sour"), words.index("rye")
    inside = {sour + 1, sour + 2, rye + 1}  # "##dou", "##gh" / "loaves", "rolls"
    # the tagger's two best starts are taken in text order, whatever their scores
    probs = _probs(len(words), {rye: 0.9, sour: 0.6, words.index("oven"): 0.2}, inside)
    spans = spans_from_tags(probs, src.offsets, src.text, 2)
    assert spans[0].startswith("sourdough") and spans[1].startswith("rye")
    assert identifiers(spans) == [s.replace(" ", "_") for s in spans]
    # a start inside a word still names the whole word
    assert spans_from_tags(_probs(len(words), {sour + 1: 0.9}, set()), src.offsets, src.text, 1) == ["sourdough"]
    # fewer confident starts than variables: no names at all (the variables keep x1..xn)
    assert spans_from_tags(probs, src.offsets, src.text, 3) is None


def test_identifiers_are_valid_distinct_and_never_keywords():
    assert identifiers(["coffee tables", "Loan Program 1", "$x_1$"]) == ["coffee_tables", "loan_program_1", "x_1"]
    assert identifiers(["desks", "Desks!"]) is None  # one thing marked twice: better no names
    assert identifiers(["sum", "in", "3D printers", "x2", "c1"]) == ["n_sum", "n_in", "n_3d_printers", "n_x2", "n_c1"]
    assert identifiers(["$$"]) is None
    long = identifiers(["very long name of a product that goes on and on forever"])[0]
    assert len(long) <= 32 and not long.endswith("_")


def test_named_program_solves_like_the_numbered_one():
    program = "I R\nmax 4 x1 + 1.5 x2\n3 x1 + x2 <= 300\nx1 <= 80"
    named = to_five_element(program, ["sourdough_loaves", "rye_rolls"])
    assert "sourdough_loaves integer, >= 0" in named and "x1" not in named
    a, b = solve(named), solve(to_five_element(program))
    assert a.status == b.status == "optimal" and a.objective == pytest.approx(b.objective)
    assert a.values["sourdough_loaves"] == pytest.approx(b.values["x1"])
    assert to_five_element(program, ["only_one"]) == to_five_element(program)  # wrong count: x1..xn


@pytest.fixture(scope="module")
def named_checkpoint(tmp_path_factory):
    """A tiny pointer model, then its naming head trained alone on the demo story's names."""
    from optmodel.model import synthrows
    from optmodel.model.ptrain import train_pointer
    from tests.story_rows import demo_rows
    from tests.test_pointer_model import TINY

    root = tmp_path_factory.mktemp("naming")
    rows = demo_rows(160, val=16, seed=3, repair_fraction=0.0)
    synthrows.write(rows, root / "rows")
    common = dict(batch_size=8, encoder_config=TINY, eval_every=0, ckpt_every=50, progress=False, threads=1,
                  log=lambda m: None)
    train_pointer(root / "rows", root / "base", max_steps=4, **common)
    summary = train_pointer(root / "rows", root / "named", max_steps=60, lr=3e-3, names_only=True,
                            init_from=root / "base", **common)
    return root, summary


def test_names_only_training_learns_the_names_and_leaves_the_rest(named_checkpoint):
    from safetensors.torch import load_file

    root, summary = named_checkpoint
    assert summary["val_names"] >= 0.9 and summary["val_names_n"] == 16
    assert "val_sa" not in summary  # the programs are the base model's: no need to re-check them
    base, named = load_file(root / "base" / "model.safetensors"), load_file(root / "named" / "model.safetensors")
    assert set(named) - set(base) and all(k.startswith("name_tagger.") for k in set(named) - set(base))
    assert all(torch.equal(base[k], named[k]) for k in base)  # everything else frozen
    assert json.loads((root / "named" / "config.json").read_text())["name_tagger"] is True


def test_formulator_writes_the_named_variables(named_checkpoint):
    from optmodel.formulators import FormulationRequest
    from optmodel.model.pointer_formulator import PointerFormulator

    root, _ = named_checkpoint
    text = ("A shop makes chairs and tables. Each chair earns $7 and each table earns $15. A chair takes "
            "2 hours of work and a table takes 5 hours; 70 hours are available. At least 2 chairs must be "
            "made. How many of each maximize earnings?")
    plain, named = PointerFormulator(root / "base", rank_samples=2), PointerFormulator(root / "named", rank_samples=2)
    [a], [b] = plain.generate([FormulationRequest(text)]), named.generate([FormulationRequest(text)])
    assert all("x1" in c for c in a)
    two = [c for c in b if c.startswith("## Variables\nchairs ") and "\ntables " in c]
    assert two, b[0]
    for c, d in zip(a, b, strict=True):  # same programs, same scores: names change nothing else
        assert c.score == d.score
        sa, sb = solve(c), solve(d)
        assert sa.status == sb.status and sa.objective == pytest.approx(sb.objective)


def test_a_trained_head_is_added_to_a_model_as_its_own_file(named_checkpoint, tmp_path):
    import shutil

    from optmodel.errors import OptModelError
    from optmodel.model.naming import add_head
    from optmodel.model.pointer import NAMES_FILE, load

    root, _ = named_checkpoint
    shipped = tmp_path / "shipped"
    shutil.copytree(root / "base", shipped)
    before = (shipped / "model.safetensors").read_bytes()
    add_head(root / "named", shipped)
    assert (shipped / "model.safetensors").read_bytes() == before  # the weights file is untouched
    assert (shipped / NAMES_FILE).stat().st_size < len(before)
    a, b = load(shipped), load(root / "named")
    assert all(torch.equal(x, y) for x, y in zip(a.state_dict().values(), b.state_dict().values(), strict=True))
    with pytest.raises(OptModelError, match="no naming head"):
        add_head(root / "base", shipped)


def test_names_only_where_the_tagger_counts_as_many_decisions_as_the_program(tokenizer):
    from optmodel.model.naming import _own_names

    src = encode_source(tokenizer, TEXT)
    words = [src.text[a:b] for a, b in src.offsets]
    sour, rye, oven = words.index("sour"), words.index("rye"), words.index("oven")
    probs = _probs(len(words), {sour: 0.9, sour + 1: 0.8, rye: 0.7, oven: 0.4}, set())
    # two pieces of one word start one span; a start below MIN_START is no start
    assert spans_from_tags(probs, src.offsets, src.text, 2) == ["sourdough", "rye"]
    assert spans_from_tags(probs, src.offsets, src.text, 1) is None  # a decision too many
    assert spans_from_tags(probs, src.offsets, src.text, 3) is None  # or too few: no names
    # a text's own x1, x2 names stay in their places, and never land on another variable
    assert _own_names(["n_x1", "x_2", "rye"]) == ["x1", "x2", "rye"]
    assert _own_names(["n_x2", "n_x1"]) is None


def test_names_only_needs_a_trained_model_to_name_for(named_checkpoint, tmp_path):
    from optmodel.errors import OptModelError
    from optmodel.model.ptrain import train_pointer

    root, _ = named_checkpoint
    with pytest.raises(OptModelError, match="--init-from"):
        train_pointer(root / "rows", tmp_path / "x", names_only=True, max_steps=1, progress=False, log=lambda m: None)
