"""Every check conflictkit's CI runs: ``python -m nox`` runs them all."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "tests_without_fast", "lint", "typecheck", "docs", "spark"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True


@nox.session
def tests(session: nox.Session) -> None:
    """Unit and property tests, against the installed wheel's code (not the source tree)."""
    session.install(".[test]")
    session.run("pytest", "--ignore=tests/spark", "--ignore=tests/docs", *session.posargs)


@nox.session
def spark(session: nox.Session) -> None:
    """The Spark examples of the Analysis page, in PySpark's local mode (needs Java 17).

    pandas is held below 3 here only: PySpark 4 warns that it does not yet support pandas 3, and
    warnings fail the tests.
    """
    session.install(".[arrow,strategies]", "pytest>=8", "pyspark>=4", "pandas>=2.2,<3")
    session.run("pytest", "tests/spark", *session.posargs)


@nox.session
def tests_without_fast(session: nox.Session) -> None:
    """The loading tests without the `fast` extra (no msgspec, no orjson): the default paths alone."""
    session.install(".[strategies]", "pytest>=8")
    session.run("pytest", "tests/test_loaders.py", "tests/test_serialization.py", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff: lint and formatting."""
    session.install(".[lint]")
    session.run("ruff", "check", "src", "tests", "docs", "seeds", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "docs", "seeds", "benchmarks", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the library and its tests."""
    session.install(".[typecheck]")
    session.run("mypy", "--strict", "src", "tests")
    session.run("mypy", "--strict", "seeds")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the HTML docs with warnings as errors and broken references failing, run every
    example in them as a doctest, and test the docs' own Sphinx extensions."""
    session.install(".[docs]", "pytest>=8")
    session.run("pytest", "tests/docs", *session.posargs)
    common = ["-E", "-W", "-n", "--keep-going", "-b"]
    session.run("sphinx-build", *common, "html", "docs", "docs/_build/html")
    session.run("sphinx-build", *common, "doctest", "docs", "docs/_build/doctest")
