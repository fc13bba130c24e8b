"""Call-center staffing: agent types differ in cost and in the queues (skills) they can take;
hire agents and assign them to queues so each queue has enough agents.

Complexity: 1 -> 2 types x 2 queues ... 5 -> 5 types x 5 queues.
Knobs: limited availability per type, supervisors needed per so many agents.
Every queue has at least one specialist type; a generalist type covers all queues.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

# (intro, queue pool, specialist type name template, generalist type name, period)
CONTEXTS = [
    (
        "A telecom company staffs its customer call center for the evening shift.",
        ["billing", "technical support", "new contracts", "cancellations", "roaming"],
        "{q} specialist",
        "all-round agent",
        "shift",
    ),
    (
        "An airline runs a reservations hotline.",
        ["English", "Spanish", "French", "German", "Mandarin"],
        "{q}-speaking agent",
        "multilingual agent",
        "day",
    ),
    (
        "A bank operates a phone service center.",
        ["card services", "mortgages", "fraud", "online banking", "loans"],
        "{q} agent",
        "senior advisor",
        "shift",
    ),
    (
        "A city runs a citizen information hotline.",
        ["waste collection", "parking", "permits", "noise complaints", "street repairs"],
        "{q} clerk",
        "generalist clerk",
        "day",
    ),
]


class CallCenterStaffing(Family):
    name = "call_center_staffing"
    tags = ("milp", "staffing", "covering", "word-problem")
    knobs = {"avail": (False, True), "supervise": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ci = rng.randrange(len(CONTEXTS))
        _, qpool, spec_t, gen_t, _ = CONTEXTS[ci]
        n_q = min(1 + complexity, 5)
        queues = rng.sample(qpool, n_q)
        Q = [nl.slug(q) for q in queues]
        # specialists for some queues (each knows its queue and maybe one more), plus generalists
        n_spec = max(1, min(n_q, complexity + rng.randint(-1, 0)))
        spec_q = rng.sample(queues, n_spec)
        types = {spec_t.format(q=q): [q] for q in spec_q}
        for qs in types.values():
            others = [q for q in queues if q not in qs]
            if others and rng.random() < 0.4:
                qs.append(rng.choice(others))
        types[gen_t] = list(queues)
        names = list(types)
        T = [nl.slug(x) for x in names]
        can = [[nl.slug(t), nl.slug(q)] for t in names for q in queues if q in types[t]]
        wage = {nl.slug(t): rng.randint(12, 25) * 10 for t in names if t != gen_t}
        wage[nl.slug(gen_t)] = max(wage.values(), default=150) + rng.randint(2, 10) * 10
        need = {q: rng.randint(2, 15) for q in Q}
        params: dict = {"wage": wage, "need": need}
        if k["avail"]:
            params["avail"] = {t: max(2, int(sum(need.values()) * rng.uniform(0.3, 0.8))) for t in T}
        if k["supervise"]:
            params["span"] = rng.choice([5, 6, 8, 10, 12])
            params["sup_wage"] = max(wage.values()) + rng.randint(3, 12) * 10
        return Spec(
            sets={"Types": T, "Queues": Q, "Can": can},
            params=params,
            knobs=k,
            story={
                "ctx": ci,
                "names": {nl.slug(x): x for x in names + queues},
                "skills": {nl.slug(t): types[t] for t in names},
            },
        )

    def describe(self, spec: Spec, rng: random.Random) -> str:
        intro, _, _, _, per = CONTEXTS[spec.story["ctx"]]
        nm, par, k = spec.story["names"], spec.params, spec.knobs
        T, Q = spec.sets["Types"], spec.sets["Queues"]
        facts = [
            nl.v(
                rng,
                f"[Calls arrive|Calls come in] on {nl.num(rng, len(Q))} [queues|lines]: {nl.join([nm[q] for q in Q], rng)}. [The required numbers of agents are|Each queue needs a minimum number of agents:] "
                + nl.join([f"{nl.num(rng, par['need'][q])} for {nm[q]}" for q in Q], rng)
                + ".",
            )
        ]
        for t in T:
            sk = spec.story["skills"][t]
            what = "any queue" if len(sk) == len(Q) and len(Q) > 1 else nl.join(sk, rng, "or")
            facts.append(
                nl.v(
                    rng,
                    f"{'An' if nm[t][0] in 'aeiouAEIOU' else 'A'} {nm[t]} [costs|is paid] {nl.money(rng, par['wage'][t])} per {per} and can [handle|take calls on] {what}.",
                )
            )
        facts.append(nl.v(rng, f"Each agent works on [a single|one] queue during the {per}."))
        if k["avail"]:
            facts.append(
                nl.v(
                    rng,
                    "[At most|The staffing agency can provide at most] "
                    + nl.join([f"{nl.num(rng, par['avail'][t])} {nl.plural_of(nm[t])}" for t in T], rng)
                    + " [are available|can be scheduled].",
                )
            )
        if k["supervise"]:
            facts.append(
                nl.v(
                    rng,
                    f"[Every|Each group of] {nl.num(rng, par['span'])} agents (or fewer) [needs|requires] one supervisor, who is paid {nl.money(rng, par['sup_wage'])} per {per}.",
                )
            )
        q = nl.v(
            rng,
            f"[How many agents of each type should be scheduled to minimize the staffing cost|What is the minimum cost per {per} of staffing all queues]?",
        )
        return nl.arrange(
            rng,
            [intro],
            facts,
            q,
            noise=["Average call length is about six minutes.", "Agents take a short break every two hours."],
        )


FAMILY = CallCenterStaffing()
