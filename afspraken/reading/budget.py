"""Validating a big file with a budget of errors.

pydantic collects every error before it raises, ~300 bytes each, and ``errors()`` then makes
a dict of ~700 bytes of each; a file of a million wrong elements took a GB, while only the
first :data:`afspraken.reading.validate.MAX_PROBLEMS` are shown. The validator here is the
model's own core schema with each list element, dict value and table wrapped: once the
budget is spent, the rest is not validated (the file is invalid anyway), and a table with
more unknown keys than the budget has left is validated without the surplus. The result is
then "at least" that many problems. Only big files take this path (a Python call per element
and table); a small one is validated by the model itself.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import lru_cache
from threading import Lock
from typing import Any, Callable, Optional, TypeVar

from pydantic import BaseModel
from pydantic_core import SchemaValidator, ValidationError

M = TypeVar("M", bound=BaseModel)
Handler = Callable[[Any], Any]


class Budget:
    """How many errors one validation may still collect; ``over``: some were not collected."""

    def __init__(self, errors: int) -> None:
        self.left = errors
        self.spent = 0
        self.over = False

    def spend(self, errors: int) -> None:
        self.spent += errors
        self.left -= errors
        if self.left <= 0:
            self.over = True


_BUDGET: ContextVar[Optional[Budget]] = ContextVar("afspraken_budget", default=None)


def validate(model: type[M], data: Any, budget: Budget) -> M:
    """``model.model_validate(data)``, collecting about ``budget`` errors at most."""
    validator = _validator(model)
    if validator is None:  # pydantic's schema changed shape: validate as the model does
        return model.model_validate(data)
    token = _BUDGET.set(budget)
    try:
        result = validator.validate_python(data)
    finally:
        _BUDGET.reset(token)
    if budget.over:  # never without errors raised; should a schema swallow some, be exact
        return model.model_validate(data)
    return result  # type: ignore[no-any-return]


def _guarded(value: Any, handler: Handler) -> Any:
    """One element, dict value or table: skipped once the budget is spent; its own errors
    (not those of the elements and tables inside it, counted there) are spent."""
    budget = _BUDGET.get()
    if budget is None:
        return handler(value)
    if budget.over:
        return value
    before = budget.spent
    try:
        return handler(value)
    except ValidationError as exc:
        budget.spend(exc.error_count() - (budget.spent - before))
        raise


def _table(fields: frozenset[str], frozen: bool) -> Callable[[Any, Handler], Any]:
    """``frozen``: the tables of a frozen model given the same fields share one set of them (see
    :data:`_SHARED_SETS`)."""
    shared: dict[frozenset[str], set[str]] = {}  # each set of fields given, once
    last: list[set[str]] = [set()]  # the one shared last: most tables give the same fields as the one before

    def table(value: Any, handler: Handler) -> Any:
        budget = _BUDGET.get()
        if budget is not None and not budget.over and isinstance(value, dict) and len(value) > len(fields) + budget.left:
            unknown = [key for key in value if key not in fields]
            if len(unknown) > budget.left:  # one error each: keep as many as the budget takes
                keep = set(unknown[: max(budget.left, 1)])
                value = {k: v for k, v in value.items() if k in fields or k in keep}
                try:
                    return _guarded(value, handler)
                finally:
                    budget.over = True
        model = _guarded(value, handler)
        if frozen:
            try:
                given = model.__pydantic_fields_set__
            except AttributeError:  # past the budget: the raw value
                return model
            same = last[0]
            if given != same:
                found = shared.get(frozenset(given))
                if found is None:
                    if len(shared) >= _SHARED_SETS:
                        return model
                    found = shared[frozenset(given)] = given
                same = last[0] = found
            _set(model, "__pydantic_fields_set__", same)
        return model

    return table


# A model's set of the fields given is ~200 bytes, as much as the rest of a small table; a frozen
# model never changes its set (pydantic's copies copy it), so tables given the same fields share one.
_SHARED_SETS = 64
_set = object.__setattr__


_BUILDING = Lock()


@lru_cache(maxsize=None)
def _validator(model: type[BaseModel]) -> Optional[SchemaValidator]:
    """The budgeted validator of ``model``, built once; ``None`` (also remembered) when the
    core schema is not the shape this module knows."""
    try:
        schema = model.__pydantic_core_schema__
        if not isinstance(schema, dict):  # not built yet (defer_build)
            model.model_rebuild(force=True)
            schema = model.__pydantic_core_schema__
        classes: set[type] = set()
        wrapped = _wrapped(schema, classes)
        # pydantic-core reuses a finished model's own validator for a nested model (its wrappers
        # unseen): while this one is built, the models do not count as finished. Class state, so
        # one build at a time (the language server checks from more than one thread).
        with _BUILDING:
            finished = {cls: cls.__dict__.get("__pydantic_complete__", _ABSENT) for cls in classes}
            try:
                for cls in finished:
                    type.__setattr__(cls, "__pydantic_complete__", False)
                return SchemaValidator(wrapped)  # type: ignore[arg-type]
            finally:
                for cls, value in finished.items():
                    if value is _ABSENT:
                        type.__delattr__(cls, "__pydantic_complete__")
                    else:
                        type.__setattr__(cls, "__pydantic_complete__", value)
    except Exception:  # noqa: BLE001 - another pydantic: no budget, but never an internal error
        return None


_ABSENT = object()


def _wrap(schema: Any, function: Callable[[Any, Handler], Any]) -> dict[str, Any]:
    wrapper: dict[str, Any] = {"type": "function-wrap", "function": {"type": "no-info", "function": function}, "schema": schema}
    if "ref" in schema:  # a definition is found by the ref at its top
        wrapper["ref"] = schema.pop("ref")
    return wrapper


def _fields(schema: dict[str, Any]) -> frozenset[str]:
    inner = schema.get("schema")
    while isinstance(inner, dict) and inner.get("type") != "model-fields":
        inner = inner.get("schema")
    if not isinstance(inner, dict):
        return frozenset()
    names = set(inner.get("fields", {}))
    names.update(f["validation_alias"] for f in inner.get("fields", {}).values() if isinstance(f.get("validation_alias"), str))
    return frozenset(names)


def _wrapped(schema: Any, classes: set[type]) -> Any:
    """A copy of a core schema with every list element, dict value and model wrapped."""
    if isinstance(schema, list):
        return [_wrapped(item, classes) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: (value if key in ("metadata", "serialization", "cls") else _wrapped(value, classes)) for key, value in schema.items()}
    kind = out.get("type")
    if kind == "list" and "items_schema" in out:
        out["items_schema"] = _wrap(out["items_schema"], _guarded)
    elif kind == "dict" and "values_schema" in out:
        out["values_schema"] = _wrap(out["values_schema"], _guarded)
    elif kind == "model" and "cls" in out:
        classes.add(out["cls"])
        return _wrap(out, _table(_fields(out), bool(out["cls"].model_config.get("frozen"))))
    return out
