"""The public API is fully annotated; `make lint` checks it with mypy --strict.

mypy's configuration ([tool.mypy] in pyproject.toml) lists the modules it checks; this
file makes sure nothing public escapes it by lacking annotations.
"""

import inspect
import tomllib
import typing

import pytest

import steepest
from sitepages import ROOT
from steepest import optimizers, validation

PUBLIC = [getattr(steepest, name) for name in steepest.__all__] + [
    optimizers.follow_gradient
]
FUNCTIONS = [item for item in PUBLIC if inspect.isfunction(item)] + [
    item
    for _, item in inspect.getmembers(validation, inspect.isfunction)
    if item.__module__ == validation.__name__
]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__qualname__)
def test_every_parameter_and_return_value_is_annotated(function):
    signature = inspect.signature(function)
    missing = [
        name
        for name, parameter in signature.parameters.items()
        if parameter.annotation is inspect.Parameter.empty
    ]
    assert missing == [], f"{function.__qualname__}: no annotation for {missing}"
    assert signature.return_annotation is not inspect.Signature.empty
    typing.get_type_hints(function)  # every annotation resolves


def test_the_result_fields_are_annotated():
    hints = typing.get_type_hints(optimizers.OptimizeResult)
    assert list(hints) == [
        "x",
        "path",
        "iterations",
        "converged",
        "diverged",
        "step_sizes",
        "evaluations",
    ]
    assert hints["converged"] is bool and hints["diverged"] is bool
    assert hints["evaluations"] is int


def test_mypy_checks_every_module_of_the_public_api_strictly():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["strict"] is True
    modules = {inspect.getmodule(item).__name__ for item in PUBLIC} | {
        "steepest",
        "steepest.validation",
    }
    checked = {path.removeprefix("code/").removesuffix(".py") for path in mypy["files"]}
    checked = {name.replace("/", ".").removesuffix(".__init__") for name in checked}
    assert modules <= checked
