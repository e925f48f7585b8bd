"""The official title block of a report (通报): issuing body, document number, title, date and 落款."""

from __future__ import annotations

from attrs import evolve, frozen

from targetrule.formats.text_lang import say
from targetrule.scheme import Scheme
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

    def merged(self, scheme: Scheme | None) -> TitleBlock:
        """Parts left unset here taken from the scheme's ``[report]`` table, if it has one."""
        report = scheme.spec.report if scheme is not None else None
        if report is None:
            return self
        return evolve(
            self,
            issuer=self.issuer or report.issuer,
            number=self.number or report.number,
            title=self.title or report.title,
            signature=self.signature or report.signature,
        )
