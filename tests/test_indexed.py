"""The indexed program language: a synthesised formulation becomes Sets, pointer-run Parameters and
seed lines; the program solves to the synthesised optimum; every gold program is one the decoding
grammar allows, and every program the grammar lets a decoder finish parses."""

from __future__ import annotations

import random

import pytest

from optmodel.errors import OptModelError
from optmodel.model import indexed
from optmodel.model.numbers import find_numbers
from optmodel.model.pointer import SET_WORDS, Grammar, grammar_accepts
from optmodel.model.program import WORDS, Pointer, from_tokens, to_five_element, to_tokens
from optmodel.model.synthrows import convert_any, convert_indexed
from optmodel.parser import parse
from optmodel.solver import solve
from optmodel.synth.instance import make_instance

# a list set, a range (lot sizing), pairs (min-cost flow), triples (job shop), an empty set (blending)
FAMILIES = ["transportation", "product_mix", "diet", "lot_sizing", "min_cost_flow", "job_shop", "blending",
            "capacitated_facility_location", "production_inventory_backlog"]

PRODUCT_MIX = """## Sets
Products = {chairs, tables, desks}
Resources = {wood, labour}
## Parameters
profit[Products] = {chairs: 45, tables: 80, desks: 120}
use[Resources, Products] = {wood: {chairs: 5, tables: 20, desks: 30}, labour: {chairs: 10, tables: 15, desks: 25}}
avail[Resources] = {wood: 400, labour: 450}
## Variables
make[Products] >= 0
## Objective
maximize sum(profit[p] * make[p] for p in Products)
## Constraints
capacity[r in Resources]: sum(use[r, p] * make[p] for p in Products) <= avail[r]
relate: make[desks] <= 2 * make[chairs]
"""
TEXT = ("A workshop makes chairs, tables and desks, earning $45, $80 and $120 each. A chair takes 5 units "
        "of wood and 10 hours of labour, a table 20 and 15, a desk 30 and 25. There are 400 units of wood "
        "and 450 hours of labour, and at most 2 desks may be made per chair.")


@pytest.mark.parametrize("family", FAMILIES)
def test_indexed_programs_solve_to_the_synthesised_optimum_and_replay_through_the_grammar(family):
    converted = 0
    for seed in range(4):
        inst = make_instance(family, seed, 2)
        got = convert_indexed(inst.nl, inst.formulation)
        if got is None:
            continue
        converted += 1
        program, names = got
        values = find_numbers(inst.nl)[0]
        assert from_tokens(to_tokens(program, values), values) == program
        assert grammar_accepts(to_tokens(program, values), values, 192)
        sol = solve(to_five_element(program, [n[0] for n in names] if names else None), duals=False, iis=False)
        assert sol.status == "optimal"
        assert sol.objective == pytest.approx(inst.optimum, rel=1e-7, abs=1e-7), program
    assert converted >= 2, f"{family}: only {converted} of 4 instances fit the indexed language"


def test_a_table_is_a_run_of_pointers_and_lines_are_seed_words():
    values = find_numbers(TEXT)[0]
    program = indexed.from_formulation(PRODUCT_MIX, values)
    assert program.splitlines() == [
        "S:Products\tnew new new",
        "S:Resources\tnew new",
        "P:profit[Products]\t45 80 120",
        "P:use[Resources, Products]\t5 20 30 10 15 25",
        "P:avail[Resources]\t400 450",
        "L:V:make[Products] >= 0",
        "L:O:maximize sum(profit[p] * make[p] for p in Products)",
        "L:C:capacity[r in Resources]: sum(use[r, p] * make[p] for p in Products) <= avail[r]",
        "L:C:relate: make[$m] <= $n * make[$m]\t@3 2 @1",
    ]
    tokens = to_tokens(program, values)
    run = tokens[tokens.index("P:use[Resources, Products]") + 1 : tokens.index("P:avail[Resources]") - 1]
    assert [values[t.index] for t in run] == [5, 20, 30, 10, 15, 25]  # copied, never written
    text = to_five_element(program, ["chairs", "tables", "desks", "wood", "labour"])
    assert "relate: make[desks] <= 2 * make[chairs]" in text
    assert solve(text).objective == pytest.approx(solve(PRODUCT_MIX).objective)


def test_members_are_named_from_the_text_or_after_their_set():
    program = indexed.from_formulation(PRODUCT_MIX, find_numbers(TEXT)[0])
    assert "Products = {product1, product2, product3}" in to_five_element(program)
    # a name a line already uses (`make`), a repeated name or a non-identifier falls back for all
    for bad in (["make", "b", "c", "d", "e"], ["a", "a", "c", "d", "e"], ["a b", "x", "c", "d", "e"], ["a", "b"]):
        assert "Resources = {resource4, resource5}" in to_five_element(program, bad)


@pytest.mark.parametrize(
    "form, why",
    [
        (PRODUCT_MIX.replace("labour: 450", "labour: 451"), "a number the text does not state"),
        (PRODUCT_MIX.replace("{chairs, tables, desks}", 'file("products.csv")'), "a set read from a file"),
        (PRODUCT_MIX.replace("Resources = {wood, labour}", "Resources = {wood, make}")
         .replace("wood: {", "wood: {").replace("labour: {", "make: {").replace("labour: 450", "make: 450"),
         "a member named like a variable"),
        (PRODUCT_MIX.replace("profit[Products] = {chairs: 45, tables: 80, desks: 120}",
                             "profit[Products] = {chairs: 45, tables: 80} default 0"), "a sparse table"),
    ],
)
def test_what_the_indexed_language_cannot_say_is_refused(form, why):
    assert indexed.from_formulation(form, find_numbers(TEXT)[0]) is None, why


def test_a_malformed_indexed_program_is_a_clear_error():
    program = indexed.from_formulation(PRODUCT_MIX, find_numbers(TEXT)[0])
    broken = program.replace("P:use[Resources, Products]\t5 20 30 10 15 25", "P:use[Resources, Products]\t5 20")
    with pytest.raises(OptModelError, match=r"line 4 \(P:use\[Resources, Products\]\).*needs 6 values, got 2"):
        to_five_element(broken)
    with pytest.raises(OptModelError, match="exactly one objective"):
        to_five_element("S:Products\tnew\nL:V:make[Products] >= 0")


def test_grammar_random_walks_never_dead_end_and_finished_programs_parse():
    rng = random.Random(0)
    finished = 0
    for max_len in (40, 192):
        for _ in range(120):
            values = [rng.choice([2.0, 3.0, 5.5, 7.0, 12.0]) for _ in range(rng.randrange(1, 7))]
            g = Grammar(max_len, values)
            first = rng.choice(sorted(SET_WORDS))
            g.advance(first)
            tokens: list = [first]
            while True:
                allowed = sorted(g.allowed())
                if g.pointers == [] and "<ptr>" in allowed:  # no number fits here: the mask gives none
                    allowed.remove("<ptr>")
                assert allowed, tokens
                word = rng.choice(allowed)
                if ";" in allowed and rng.random() < 0.4:  # shorter declarations, so walks finish
                    word = ";"
                if "<eos>" in allowed and rng.random() < 0.3:
                    word = "<eos>"
                if word == "<eos>":
                    break
                if word == "<ptr>":
                    k = rng.choice(g.pointers if g.pointers is not None else range(len(values)))
                    g.advance(word, k)
                    tokens.append(Pointer(k))
                else:
                    g.advance(word)
                    tokens.append(word)
                assert len(tokens) < max_len
            program = from_tokens(tokens, values)
            try:
                text = to_five_element(program)
            except OptModelError:  # ran out of length before its objective: refused, never half-written
                continue
            parse(text)
            finished += 1
    assert finished >= 150


def test_a_pair_becomes_one_row_scalar_when_small_indexed_when_large():
    small = convert_any(TEXT, PRODUCT_MIX)
    assert small[0].splitlines()[0] == "R R R"  # three columns: scalar
    members = ", ".join(f"p{i}" for i in range(1, 11))
    profits = ", ".join(f"p{i}: {10 + i}" for i in range(1, 11))
    wood = ", ".join(f"p{i}: {30 + i}" for i in range(1, 11))
    big = f"""## Sets
Products = {{{members}}}
Resources = {{wood}}
## Parameters
profit[Products] = {{{profits}}}
use[Resources, Products] = {{wood: {{{wood}}}}}
avail[Resources] = {{wood: 900}}
## Variables
make[Products] >= 0
## Objective
maximize sum(profit[p] * make[p] for p in Products)
## Constraints
capacity[r in Resources]: sum(use[r, p] * make[p] for p in Products) <= avail[r]
"""
    text = ("Ten products " + ", ".join(f"p{i}" for i in range(1, 11)) + " earn " + ", ".join(str(10 + i) for i in range(1, 11)) + " each and take "
            + ", ".join(str(30 + i) for i in range(1, 11)) + " kg of wood each; 900 kg of wood are in stock.")
    program, names = convert_any(text, big)
    assert indexed.is_indexed(program)
    assert program.splitlines()[0] == "S:Products\t" + " ".join(["new"] * 10)
    assert names == [[f"p{i}"] for i in range(1, 11)] + [["wood"]]
    scalar, _ = convert_any(text, big, indexed=False)  # `synthrows --scalar-only`
    assert scalar.splitlines()[0] == " ".join(["R"] * 10)


def test_the_indexed_vocabulary_comes_after_the_scalar_words():
    from optmodel.model.program import N_SCALAR_WORDS

    words = indexed.vocabulary()
    assert WORDS[N_SCALAR_WORDS:] == words and len(set(WORDS)) == len(WORDS)
    assert WORDS[:N_SCALAR_WORDS][-1] == "x24"  # a 24-variable checkpoint is a prefix: widened on load
    assert sum(w.startswith("L:") for w in words) > 300
    for w in words:
        if w.startswith("L:"):
            indexed.line_word(w)  # every line word is readable


def test_new_words_start_at_the_text_of_their_words(tmp_path):
    import torch

    from optmodel.model.pointer import PointerConfig, PointerNet, load_tokenizer, minilm_path
    from optmodel.model.program import N_SCALAR_WORDS
    from optmodel.model.ptrain import _init_words_from_text, _readable

    assert _readable("L:C:cap[r in Resources]: use[$m] <= $n") == "cap[r in Resources]: use[ member ] <=  number "
    tok = load_tokenizer(minilm_path())
    cfg = dict(vocab_size=tok.get_vocab_size(), hidden_size=32, num_hidden_layers=1, num_attention_heads=4,
               intermediate_size=64, max_position_embeddings=400)
    torch.manual_seed(0)
    model = PointerNet(PointerConfig(encoder=cfg, decoder_layers=1, decoder_heads=4, decoder_ff=64))
    before = model.word_emb.weight[:N_SCALAR_WORDS].clone()
    _init_words_from_text(model, tok, N_SCALAR_WORDS)
    assert torch.equal(model.word_emb.weight[:N_SCALAR_WORDS], before)
    k = WORDS.index(next(w for w in WORDS if w.startswith("L:C:capacity")))
    ids = tok.encode(_readable(WORDS[k]), add_special_tokens=False).ids
    mean = model.encoder.embeddings.word_embeddings.weight[torch.tensor(ids)].mean(0)
    cos = torch.nn.functional.cosine_similarity(model.word_emb.weight[k], mean, dim=0)
    assert cos > 0.999


def test_the_formulator_names_members_and_leaves_indexed_programs_to_the_log_probability():
    from optmodel.model.pointer_formulator import _variable_count, as_five_element

    program = indexed.from_formulation(PRODUCT_MIX, find_numbers(TEXT)[0])
    assert _variable_count(program) == 5  # the new members are what the naming head names
    text = as_five_element(program, {5: ["chairs", "tables", "desks", "wood", "labour"]})
    assert "Products = {chairs, tables, desks}" in text and "capacity[r in Resources]" in text
    assert as_five_element("S:Products\tnew", {}) == "S:Products\tnew"  # unfinished: the parser will say so


def test_the_vocabulary_command_only_ever_appends(tmp_path):
    import subprocess
    import sys

    from optmodel.synth import synthesize

    synth = tmp_path / "synth"
    synthesize(["transportation"], per_family=6, complexity=(1, 1), out=synth, progress=False)
    out = tmp_path / "words.txt"
    out.write_text("# header\nL:V:kept[Things] >= 0\n")
    cmd = [sys.executable, "-m", "optmodel.model.indexed", "words", str(synth), "--min-count", "1", "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert "1 words kept" in done.stdout
    words = [w for w in out.read_text().splitlines() if not w.startswith("#")]
    assert words[0] == "L:V:kept[Things] >= 0"  # the old order first: checkpoints index it
    assert "S:Sources" in words and any(w.startswith("L:O:minimize sum(cost[") for w in words)
