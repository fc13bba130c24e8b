"""One error type for everything a user or a model can get wrong.

Every message names where (file, line, element) and what (the offending text), so the CLI can
print it as one paragraph and exit with status 2 instead of a traceback.
"""

from __future__ import annotations


class OptModelError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        element: str | None = None,
        text: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.element = element
        self.text = text
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.element:
            where.append(self.element)
        head = ", ".join(where)
        msg = f"{head}: {self.message}" if head else self.message
        if self.text:
            snippet = self.text.strip()
            if len(snippet) > 160:
                snippet = snippet[:157] + "..."
            msg += f" (in `{snippet}`)"
        if self.hint:
            msg += f". {self.hint}"
        return msg

    def located(self, **where: object) -> OptModelError:
        """Fill in location fields that are still unknown and return self."""
        for key, value in where.items():
            if value is not None and getattr(self, key) is None:
                setattr(self, key, value)
        self.args = (self.render(),)
        return self


class FormulationError(OptModelError):
    """The five-element text is malformed or inconsistent."""


class SolveError(OptModelError):
    """The solver could not be run (not: the model is infeasible; that is a status)."""


class LimitError(OptModelError):
    """An input would exceed a budget (terms, set members, file size, text length, time); each
    budget and how to raise it is in `optmodel.limits` and docs/format.md."""


class ArgumentError(OptModelError, TypeError):
    """An SDK function got an argument of the wrong type (e.g. `parse(None)`); also a TypeError,
    so code that caught the old TypeError keeps working."""


class OptionError(OptModelError):
    """A solver option or profile is unknown, malformed or out of range."""


class FileReadError(FormulationError):
    """A file cannot be read: missing, a folder, a device or FIFO, too large, binary or not UTF-8."""
