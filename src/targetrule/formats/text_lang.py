"""Words in the reader's language: ``say(lang, zh, en)`` for text written in both at the call."""

from __future__ import annotations

from targetrule.text import Lang


def say(lang: Lang, zh: str, en: str) -> str:
    """Pick the text for ``lang``."""
    return zh if lang == "zh" else en


def list_separator(lang: Lang) -> str:
    """The separator of a list written in a sentence: ``、`` in Chinese, ``, `` in English."""
    return "、" if lang == "zh" else ", "
