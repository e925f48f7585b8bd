"""The HTML report laid out on A4 by WeasyPrint (the ``pdf`` extra): same content, real page layout."""

from __future__ import annotations

import logging
from typing import Any

from targetrule.formats.errors import MissingExtraError


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError):  # OSError: the Pango library it loads is missing
        raise MissingExtraError("pdf", "weasyprint") from None
    return weasyprint


def render_pdf(html: bytes) -> bytes:
    """The report's HTML as PDF bytes, laid out with the page's own print styles (A4)."""
    weasyprint = _weasyprint()
    quiet = logging.getLogger("weasyprint")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # it warns about CSS it ignores (e.g. the screen-only layout)
    try:
        document = weasyprint.HTML(string=html.decode("utf-8"), base_url=None)
        return bytes(document.write_pdf(uncompressed_pdf=False))
    finally:
        quiet.setLevel(level)
