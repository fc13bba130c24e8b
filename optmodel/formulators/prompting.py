"""Chat prompts for general-purpose LLMs (Hugging Face checkpoints and OpenAI-compatible
endpoints): a concise description of the five-element format, a few worked examples written for
this project, and the repair prompt used by the self-correction loop.

The same messages are used to fine-tune a causal LM (`optmodel.lm_train`) and to query it, so a
fine-tuned checkpoint sees at inference exactly the layout it was trained on.
"""

from __future__ import annotations

import re

from optmodel.formulators.base import FormulationRequest

SYSTEM_PROMPT = """\
You are an operations-research modelling assistant. Translate the optimization problem you are \
given into a five-element formulation: plain text with exactly these five headings, in order.

## Sets        one per line: `Name = {a, b, c}`, an integer range `Days = 1..7`, or tuples `Arcs = {(a, b), (b, c)}`
## Parameters  `p = 5`, `cost[Items] = {a: 2, b: 3.5}`, `need[Items] = [4, 7]` (set order), \
`m[Rows, Cols] = {r1: {c1: 1, c2: 2}, r2: {c1: 0, c2: 4}}`, percentages like `60%`
## Variables   `x[Items] >= 0` (continuous), `y[Items] binary`, `n integer, 0 <= n <= 10`, \
`k[Items] integer, >= 0`, `z free`
## Objective   `minimize EXPR` or `maximize EXPR`
## Constraints `name: EXPR <= EXPR`, indexed `name[i in Items]: ...`, filtered `name[i in Items if i != a]: ...`

Expressions use numbers, + - * /, parentheses, indexed names `x[i]`, `m[r, c]`, and sums \
`sum(EXPR for i in Set if COND)`; comparisons are <=, >=, ==. Keep every constraint linear. \
Put every number from the problem into Parameters, give every element a short identifier name, \
and use '#' for comments. Answer with the formulation only, inside one ``` block."""

# Worked examples written for this project (not taken from any benchmark).
EXAMPLES: list[tuple[str, str]] = [
    (
        "A workshop makes tables and chairs. A table earns $30 profit and needs 4 hours of carpentry "
        "and 2 hours of finishing; a chair earns $18 and needs 2 hours of carpentry and 1.5 hours of "
        "finishing. This week there are 120 carpentry hours and 70 finishing hours, and at least 5 "
        "tables must be made. How many tables and chairs should be made to maximize profit?",
        """\
## Sets
Products = {table, chair}
Shops = {carpentry, finishing}

## Parameters
profit[Products] = {table: 30, chair: 18}
hours[Shops, Products] = {
  carpentry: {table: 4, chair: 2},
  finishing: {table: 2, chair: 1.5},
}
available[Shops] = {carpentry: 120, finishing: 70}
min_tables = 5

## Variables
make[Products] integer, >= 0

## Objective
maximize sum(profit[p] * make[p] for p in Products)

## Constraints
capacity[s in Shops]: sum(hours[s, p] * make[p] for p in Products) <= available[s]
tables: make[table] >= min_tables
""",
    ),
    (
        "A city can fund four park projects: north (cost 40, benefit 55), south (cost 25, benefit 30), "
        "east (cost 35, benefit 50) and west (cost 20, benefit 22), in thousands of dollars. The budget "
        "is 80 thousand and at most two projects can run at once. North and east cannot both be "
        "chosen. Which projects maximize total benefit?",
        """\
## Sets
Projects = {north, south, east, west}

## Parameters
cost[Projects] = {north: 40, south: 25, east: 35, west: 20}
benefit[Projects] = {north: 55, south: 30, east: 50, west: 22}
budget = 80
max_projects = 2

## Variables
pick[Projects] binary

## Objective
maximize sum(benefit[p] * pick[p] for p in Projects)

## Constraints
spend: sum(cost[p] * pick[p] for p in Projects) <= budget
count: sum(pick[p] for p in Projects) <= max_projects
exclusive: pick[north] + pick[east] <= 1
""",
    ),
    (
        "Two bakeries supply three cafes with bread each morning. Bakery A can bake 90 loaves and "
        "bakery B 70. Cafe 1 needs 50, cafe 2 needs 40 and cafe 3 needs 60 loaves. Delivery costs per "
        "loaf are: from A, 0.4 to cafe 1, 0.6 to cafe 2, 0.9 to cafe 3; from B, 0.7, 0.3 and 0.5. "
        "Find the cheapest delivery plan.",
        """\
## Sets
Bakeries = {A, B}
Cafes = 1..3

## Parameters
supply[Bakeries] = {A: 90, B: 70}
demand[Cafes] = [50, 40, 60]
cost[Bakeries, Cafes] = {
  A: {1: 0.4, 2: 0.6, 3: 0.9},
  B: {1: 0.7, 2: 0.3, 3: 0.5},
}

## Variables
ship[Bakeries, Cafes] >= 0

## Objective
minimize sum(cost[b, c] * ship[b, c] for b in Bakeries for c in Cafes)

## Constraints
capacity[b in Bakeries]: sum(ship[b, c] for c in Cafes) <= supply[b]
meet[c in Cafes]: sum(ship[b, c] for b in Bakeries) >= demand[c]
""",
    ),
]

# Markers of the repair prompt; `parse_messages` recognises them so a server backed by a
# formulator can turn a repair prompt sent by `EndpointFormulator` back into a repair request.
_PROBLEM_HEAD = "Problem:"
_FAULTY_HEAD = "Your previous formulation:"
_ERROR_HEAD = "It failed with this error:"
_REPAIR_TAIL = "Write the corrected formulation."

_FENCE = re.compile(r"^```[A-Za-z0-9_-]*[ \t]*\n(.*?)\n```[ \t]*$", re.S | re.M)


def fence(formulation: str) -> str:
    """An assistant answer as the prompt asks for it: the formulation in one ``` block."""
    return "```\n" + formulation.strip("\n") + "\n```"


def user_message(request: FormulationRequest) -> str:
    """The user turn for a request: the problem, or the problem plus the faulty text and its error."""
    problem = request.problem.strip()
    if request.faulty is None:
        return problem
    return (
        f"{_PROBLEM_HEAD}\n{problem}\n\n{_FAULTY_HEAD}\n{fence(request.faulty)}\n\n"
        f"{_ERROR_HEAD}\n{(request.error or 'unknown error').strip()}\n\n{_REPAIR_TAIL}"
    )


def build_messages(request: FormulationRequest, *, few_shot: int = 1) -> list[dict[str, str]]:
    """System prompt, `few_shot` worked examples as earlier turns, then the request."""
    if not 0 <= few_shot <= len(EXAMPLES):
        raise ValueError(f"few_shot must be between 0 and {len(EXAMPLES)}, got {few_shot}")
    messages = [{"role": "system", "content": SYSTEM_PROMPT}]
    for problem, formulation in EXAMPLES[:few_shot]:
        messages.append({"role": "user", "content": problem})
        messages.append({"role": "assistant", "content": fence(formulation)})
    messages.append({"role": "user", "content": user_message(request)})
    return messages


def parse_messages(messages: list[dict[str, str]]) -> FormulationRequest:
    """The request behind a chat: the last user turn, read as a repair prompt when it is one.

    Used by the server's `/v1/chat/completions`; only text is matched, nothing is evaluated.
    """
    users = [m.get("content") or "" for m in messages if m.get("role") == "user"]
    if not users or not users[-1].strip():
        raise ValueError("the messages contain no non-empty user turn")
    text = users[-1].strip()
    if text.startswith(_PROBLEM_HEAD) and _FAULTY_HEAD in text and _ERROR_HEAD in text:
        problem, rest = text[len(_PROBLEM_HEAD) :].split(_FAULTY_HEAD, 1)
        faulty, error = rest.split(_ERROR_HEAD, 1)
        error = error.strip()
        if error.endswith(_REPAIR_TAIL):
            error = error[: -len(_REPAIR_TAIL)].strip()
        match = _FENCE.search(faulty)
        faulty_text = match.group(1) if match else faulty.strip()
        return FormulationRequest(problem.strip(), faulty=faulty_text + "\n", error=error)
    return FormulationRequest(text)
