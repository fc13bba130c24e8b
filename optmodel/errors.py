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
