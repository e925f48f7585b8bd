"""The official title block of a report (通报): issuing body, document number, title, date and 落款."""

from __future__ import annotations

from attrs import frozen

from targetrule.formats.text_lang import say
from targetrule.text import Lang


@frozen
class TitleBlock:
    """What the office fills in; any part left unset shows a placeholder to be filled by hand."""

    issuer: str | None = None
    number: str | None = None
    title: str | None = None
    date: str | None = None
    signature: str | None = None

    def shown(self, lang: Lang, scheme_title: str) -> dict[str, str]:
        """Each part as printed: the given text, or a visible placeholder (the title defaults to the scheme's)."""
        return {
            "issuer": self.issuer or say(lang, "（发文机关）", "(issuing body)"),
            "number": self.number or say(lang, "（文号：××〔××××〕××号）", "(document number)"),
            "title": self.title or say(lang, f"关于{scheme_title}结果的通报", f"{scheme_title}: the results"),
            "date": self.date or say(lang, "××××年××月××日", "(date)"),
            "signature": self.signature or self.issuer or say(lang, "（落款单位）", "(signed by)"),
        }

    def is_draft(self) -> bool:
        """True while any part is still a placeholder."""
        return not (self.issuer and self.number and self.date)
