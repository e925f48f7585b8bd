"""Case files as pytest tests: each ``[[cases]]`` of a ``*.cases.toml`` file is one test item.

Imported by the pytest plugin only when such a file is collected. A mismatch fails the item with
the case's readable diff (an ``AssertionError``, as every failure of the testing kit).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from targetrule.cases import Case, CaseFileError, load_cases, run_case
from targetrule.findings import FindingsError

_ENGINE = pytest.StashKey[Any]()


def _engine(config: pytest.Config) -> Any:
    """One engine over every installed plugin, for all the case files of a run."""
    if _ENGINE not in config.stash:
        from targetrule.engine import Engine

        config.stash[_ENGINE] = Engine()
    return config.stash[_ENGINE]


class CaseMismatch(AssertionError):
    """A case whose expectations did not all hold; the message is its diff."""


class CaseFile(pytest.File):
    """A ``*.cases.toml`` file: one item per case."""

    def collect(self) -> Iterator[pytest.Item]:
        """The file's cases; a file that cannot be read is one failing item naming every problem."""
        try:
            cases = load_cases(self.path)
        except CaseFileError as exc:
            yield BrokenCaseFile.from_parent(self, name="(case file)", error=exc)
            return
        for case in cases:
            yield CaseItem.from_parent(self, name=case.name, case=case)


class CaseItem(pytest.Item):
    """One case, run against the installed plugins."""

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        """Evaluate and compare; raise :class:`CaseMismatch` with the diff."""
        outcome = run_case(_engine(self.config), self.case)
        if not outcome.passed:
            raise CaseMismatch(outcome.report("en"))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The diff, or the findings of a scheme or data that could not be used; tracebacks for anything else."""
        if isinstance(excinfo.value, CaseMismatch):
            return str(excinfo.value)
        if isinstance(excinfo.value, FindingsError):
            return "\n".join(f"[{f.code}] {f.path or ''} {f.message.en}" for f in excinfo.value.findings)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        """Where the case is: its file and name."""
        return self.path, None, f"case: {self.name}"


class BrokenCaseFile(pytest.Item):
    """A case file that cannot be read: fails with its problems, each with its path."""

    def __init__(self, *, error: CaseFileError, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        """Always fails, with the file's problems."""
        raise CaseMismatch("\n".join(f"[{f.code}] {f.path} {f.message.en}" for f in self.error.findings))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """The problems, without a traceback."""
        return str(excinfo.value)
