"""Bin packing: items of given sizes go into bins (trucks, servers, containers, disks) of
limited capacity; minimise the number of bins, or the cost when bins differ.

Complexity: 1 -> 4 items ... 5 -> 10 items.
Knobs: identical bins (minimise the count) or a fleet of different bins with costs (minimise
cost); a group of items that must go into different bins.
"""

from __future__ import annotations

import random

from optmodel.synth import nl
from optmodel.synth.family import Family, Spec

CONTEXTS = [
    {
        "org": ["a moving company", "a removals firm"],
        "item": ("piece of furniture", "pieces of furniture"),
        "bin": ("truck", "trucks"),
        "unit": ("kilogram", "kilograms"),
        "scale": 100,
        "names": [
            "sofa",
            "wardrobe",
            "piano",
            "fridge",
            "bed",
            "desk",
            "dresser",
            "bookcase",
            "table",
            "washer",
            "cabinet",
            "armchair",
        ],
        "why": "they are fragile",
    },
    {
        "org": ["a cloud provider", "an IT department"],
        "item": ("virtual machine", "virtual machines"),
        "bin": ("server", "servers"),
        "unit": ("gigabyte of memory", "gigabytes of memory"),
        "scale": 8,
        "names": [
            "web",
            "database",
            "mail",
            "cache",
            "backup",
            "analytics",
            "search",
            "queue",
            "auth",
            "billing",
            "crm",
            "wiki",
        ],
        "why": "they must not share a failure point",
    },
    {
        "org": ["a freight forwarder", "an export company"],
        "item": ("crate", "crates"),
        "bin": ("container", "containers"),
        "unit": ("ton", "tons"),
        "scale": 2,
        "names": [
            "machinery",
            "textiles",
            "tiles",
            "tools",
            "paper",
            "glassware",
            "spare parts",
            "furniture",
            "toys",
            "cables",
            "pumps",
            "valves",
        ],
        "why": "of customs rules",
    },
    {
        "org": ["a film studio", "a photography agency"],
        "item": ("project folder", "project folders"),
        "bin": ("backup drive", "backup drives"),
        "unit": ("gigabyte", "gigabytes"),
        "scale": 50,
        "names": [
            "wedding",
            "documentary",
            "commercial",
            "portrait",
            "travel",
            "sports",
            "concert",
            "nature",
            "fashion",
            "food",
            "news",
            "archive",
        ],
        "why": "of the client's security policy",
    },
]
MAX_TYPES = 7


class BinPacking(Family):
    name = "bin_packing"
    tags = ("milp", "small", "word-problem", "packing")
    knobs = {"hetero": (False, True), "conflict": (False, True)}

    def sample(self, rng: random.Random, complexity: int, knobs: dict | None = None) -> Spec:
        k = self.choose_knobs(rng, knobs)
        ctx_i = rng.randrange(len(CONTEXTS))
        ctx = CONTEXTS[ctx_i]
        n = (4, 6, 8, 9, 10)[complexity - 1]
        names = rng.sample(ctx["names"], n)
        ids = [nl.slug(x) for x in names]
        cap = ctx["scale"] * rng.choice([10, 12, 15, 16, 20])
        size = {i: rng.randint(cap // 10, cap * 6 // 10) for i in ids}
        params: dict = {"size": size}
        sets: dict = {"Items": ids}
        if k["hetero"]:
            m = min(MAX_TYPES, 2 + complexity)
            labels = nl.letters(m)
            caps = {
                nl.slug(b): int(cap * rng.uniform(0.7, 1.4)) // ctx["scale"] * ctx["scale"] for b in labels
            }
            big = max(caps, key=caps.get)
            caps[big] = max(caps[big], max(size.values()))
            while sum(caps.values()) < 1.3 * sum(size.values()):
                caps = {b: c + ctx["scale"] for b, c in caps.items()}
            sets["Bins"] = list(caps)
            params["capacity"] = caps
            params["cost"] = {b: int(c / ctx["scale"] * rng.uniform(8, 14)) * 10 for b, c in caps.items()}
            story_bins = {nl.slug(b): b for b in labels}
        else:
            m = max(_ffd(sorted(size.values(), reverse=True), cap) + 1, 3)
            sets["Bins"] = f"1..{m}"
            params["capacity"] = cap
            story_bins = {}
        if k["conflict"]:
            sets["Apart"] = sorted(rng.sample(ids, rng.randint(2, 3)), key=ids.index)
        story = {
            "ctx": ctx_i,
            "org": rng.choice(ctx["org"]),
            "names": dict(zip(ids, names, strict=True)),
            "bins": story_bins,
        }
        return Spec(sets=sets, params=params, knobs=k, story=story)

    def describe(self, spec: Spec, rng: random.Random) -> str:
        st, par, k = spec.story, spec.params, spec.knobs
        ctx = CONTEXTS[st["ctx"]]
        one, many = ctx["item"]
        b1, b2 = ctx["bin"]
        u1, u2 = ctx["unit"]
        ids, names = spec.sets["Items"], st["names"]
        intro = [
            nl.v(
                rng,
                f"{nl.cap(st['org'])} [must|needs to] [place|pack|assign] {nl.num(rng, len(ids))} {many} into {b2}.",
            )
        ]
        if rng.random() < 0.5:
            rows = [[names[i].capitalize(), nl.plain(par["size"][i])] for i in ids]
            facts = [
                nl.v(rng, f"The {many} and their sizes (in {u2}) are:")
                + "\n"
                + nl.table(rng, [one.capitalize(), "Size"], rows)
            ]
        else:
            facts = [
                nl.v(
                    rng,
                    "[They|The items] [need|require|take up] "
                    + nl.join(
                        [f"{nl.qty(rng, par['size'][i], u1, plural=u2)} ({names[i]})" for i in ids], rng
                    )
                    + "[|, respectively].",
                )
            ]
        if k["hetero"]:
            bins = st["bins"]
            facts.append(
                nl.v(
                    rng,
                    f"[Available|The available] {b2} [are|include] "
                    + nl.join(
                        [
                            f"{b1} {bins[b]} with a capacity of {nl.qty(rng, par['capacity'][b], u1, plural=u2)} that costs "
                            f"{nl.money(rng, par['cost'][b])}"
                            for b in spec.sets["Bins"]
                        ],
                        rng,
                    )
                    + ".",
                )
            )
            facts.append(
                nl.v(
                    rng, f"Each {b1} can be used at most once, and only the {b2} that are used are paid for."
                )
            )
        else:
            m = int(spec.sets["Bins"].split("..")[1])
            facts.append(
                nl.v(
                    rng,
                    f"Each {b1} [can hold|has a capacity of] {nl.qty(rng, par['capacity'], u1, plural=u2)}, and up to "
                    f"{nl.num(rng, m)} identical {b2} are available.",
                )
            )
        facts.append(
            nl.v(
                rng,
                f"[Each|Every] {one} must go [entirely|] into [exactly one|a single] {b1}[ and cannot be split|].",
            )
        )
        if k["conflict"]:
            facts.append(
                nl.v(
                    rng,
                    f"Because {ctx['why']}, the {nl.join([names[i] for i in spec.sets['Apart']], rng)} {many} "
                    f"must be placed in different {b2}.",
                )
            )
        if k["hetero"]:
            question = nl.v(
                rng,
                f"[Which {b2} should be used, and which {one} goes into each, to minimize the total cost?|"
                f"What is the minimum total cost of {b2} needed?]",
            )
        else:
            question = nl.v(
                rng,
                f"[What is the minimum number of {b2} needed?|How should the {many} be assigned so that as few "
                f"{b2} as possible are used?]",
            )
        return nl.arrange(
            rng,
            intro,
            facts,
            question,
            noise=[f"The {b2} were bought last year.", "The work must be done by Friday."],
        )


def _ffd(sizes: list[int], cap: int) -> int:
    """Bins used by first-fit decreasing: an upper bound on the optimum."""
    loads: list[int] = []
    for x in sizes:
        for j, load in enumerate(loads):
            if load + x <= cap:
                loads[j] += x
                break
        else:
            loads.append(x)
    return len(loads)


FAMILY = BinPacking()
