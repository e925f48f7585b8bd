"""Errors for files that cannot be used at all: bilingual, naming the file, the sheet and the cell."""

from __future__ import annotations

from targetrule.findings import TargetruleError
from targetrule.text import Label


class DataFileError(TargetruleError):
    """A file that cannot be read as input: ``where`` names the file (and sheet/cell/row) at fault."""

    def __init__(self, where: str, message: Label) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message.zh} / {message.en}")


class MissingExtraError(TargetruleError):
    """An optional dependency is not installed; names the extra that brings it."""

    def __init__(self, extra: str, module: str) -> None:
        self.extra = extra
        self.module = module
        self.message = Label(
            f"缺少可选依赖 {module}，请安装：pip install 'targetrule[{extra}]'",
            f"the optional dependency {module} is missing; install it with: pip install 'targetrule[{extra}]'",
        )
        super().__init__(str(self.message))


class OutputRefusedError(DataFileError):
    """An output that would overwrite an input (or an existing file) is refused."""
