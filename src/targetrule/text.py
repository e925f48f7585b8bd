"""Bilingual text: every label and message a person reads carries Chinese first, English beside."""

from __future__ import annotations

from typing import Literal

from attrs import frozen

Lang = Literal["zh", "en"]


@frozen
class Label:
    """A piece of user-facing text in Chinese (``zh``) and English (``en``)."""

    zh: str
    en: str

    def __call__(self, lang: Lang = "zh") -> str:
        """Return the text in ``lang``."""
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"
