"""optmodel: plain-English optimization problems -> five-element formulation -> HiGHS."""

from optmodel.errors import (
    ArgumentError,
    FileReadError,
    FormulationError,
    LimitError,
    OptionError,
    OptModelError,
    SolveError,
)
from optmodel.formulation import Formulation
from optmodel.parser import load, parse

__all__ = [
    "ArgumentError",
    "FileReadError",
    "LimitError",
    "OptionError",
    "Formulation",
    "FormulationError",
    "OptModelError",
    "SolveError",
    "load",
    "parse",
    "solve",
    "Solution",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    # solve pulls in numpy and the compiler; keep `import optmodel` light.
    if name in ("solve", "Solution"):
        import importlib

        _solve_module = importlib.import_module("optmodel.solver")

        return getattr(_solve_module, name)
    raise AttributeError(name)
