"""OptMATH-style data synthesis: seed families -> instances with a ground-truth optimum ->
English back-translation -> forward modelling -> rejection sampling -> Parquet data sets."""

from __future__ import annotations

from typing import Any

__all__ = ["synthesize", "make_instance"]  # families: optmodel.synth.family.families()


def __getattr__(name: str) -> Any:
    # keep `import optmodel.synth` light: polars, pyomo and the families load on first use
    if name == "synthesize":
        from optmodel.synth.pipeline import synthesize

        return synthesize
    if name == "make_instance":
        from optmodel.synth.instance import make_instance

        return make_instance
    raise AttributeError(name)
