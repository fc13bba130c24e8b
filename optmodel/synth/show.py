"""Print a few instances of a family (text, formulation, optimum) while writing a family:
`python -m optmodel.synth.show product_mix --complexity 2 -n 3`."""

from __future__ import annotations

import argparse

from optmodel.synth.instance import make_instance


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("family")
    ap.add_argument("--complexity", type=int, default=1)
    ap.add_argument("-n", type=int, default=2)
    ap.add_argument("--seed", default="0")
    ap.add_argument("--no-formulation", action="store_true")
    args = ap.parse_args(argv)
    for i in range(args.n):
        inst = make_instance(args.family, f"{args.seed}-{i}", args.complexity)
        print(f"=== {inst.family} c={inst.complexity} seed={inst.seed} tries={inst.tries} knobs={inst.knobs}")
        print(inst.nl)
        if not args.no_formulation:
            print("---")
            print(inst.formulation)
        print(f"--- optimum: {inst.optimum:g} ({inst.solver_status})\n")


if __name__ == "__main__":
    main()
