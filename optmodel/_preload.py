"""Imported once by the worker forkserver (optmodel.worker), so that every worker it forks finds
the parser built and the compiler, Pyomo and HiGHS loaded instead of importing them per request."""

from optmodel import compiler, parser, solver  # noqa: F401

parser._parser()
solver._preload()
