"""JSON (and YAML) forms of a Formulation: the same structure as the dataclasses, with a
`type` tag on every node, for programs that build or inspect formulations."""

from __future__ import annotations

import dataclasses
from typing import Any

from optmodel import formulation as fm
from optmodel.errors import FormulationError

_NODES = {
    cls.__name__: cls
    for cls in (
        fm.Num,
        fm.Name,
        fm.Index,
        fm.Add,
        fm.BinOp,
        fm.Neg,
        fm.Pow,
        fm.Tuple,
        fm.Range,
        fm.For,
        fm.If,
        fm.Sum,
        fm.Func,
        fm.BoundData,
        fm.Compare,
        fm.InSet,
        fm.BoolOp,
        fm.Not,
        fm.DictData,
        fm.ListData,
        fm.FileData,
        fm.Binding,
        fm.SetDef,
        fm.ParamDef,
        fm.VarDef,
        fm.Objective,
        fm.ConstraintDef,
    )
}


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"type": type(value).__name__}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if f.name == "line" and v is None:
                continue
            out[f.name] = _encode(v)
        return out
    if isinstance(value, tuple):
        return {"tuple": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "tuple" in value and len(value) == 1:
            return tuple(_decode(v) for v in value["tuple"])
        kind = value.get("type")
        cls = _NODES.get(kind)
        if cls is None:
            raise FormulationError(f"unknown node type {kind!r} in JSON formulation")
        kwargs = {k: _decode(v) for k, v in value.items() if k != "type"}
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise FormulationError(f"bad fields for {kind} in JSON formulation: {exc}") from None
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def to_dict(f: fm.Formulation) -> dict:
    return {
        "format": "optmodel.five-element/1",
        "title": f.title,
        "sets": [_encode(s) for s in f.sets],
        "parameters": [_encode(p) for p in f.params],
        "variables": [_encode(v) for v in f.variables],
        "objective": _encode(f.objective),
        "constraints": [_encode(c) for c in f.constraints],
    }


def from_dict(d: dict) -> fm.Formulation:
    if not isinstance(d, dict) or "variables" not in d or "objective" not in d:
        raise FormulationError("a JSON formulation is an object with at least 'variables' and 'objective'")
    return fm.Formulation(
        sets=[_decode(s) for s in d.get("sets", [])],
        params=[_decode(p) for p in d.get("parameters", [])],
        variables=[_decode(v) for v in d["variables"]],
        objective=_decode(d["objective"]),
        constraints=[_decode(c) for c in d.get("constraints", [])],
        title=d.get("title"),
    )


def from_json(text: str) -> fm.Formulation:
    import json

    try:
        return from_dict(json.loads(text))
    except json.JSONDecodeError as exc:
        raise FormulationError(f"not valid JSON: {exc.msg}", line=exc.lineno) from None


def to_yaml(f: fm.Formulation) -> str:
    import yaml

    return yaml.safe_dump(to_dict(f), sort_keys=False)


def from_yaml(text: str) -> fm.Formulation:
    import yaml

    try:
        return from_dict(yaml.safe_load(text))
    except yaml.YAMLError as exc:
        raise FormulationError(f"not valid YAML: {exc}") from None
