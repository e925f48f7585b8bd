"""Every indicator of ``Registry.default()`` meets the contract, alone and as the 2007 scheme scores it."""

from __future__ import annotations

from pathlib import Path

import pytest

from targetrule import Engine, Indicator, Registry, Scheme
from targetrule.formulas import Formula
from targetrule.testing import IndicatorContract, SchemeContract

REGISTRY = Registry.default()
INDICATORS = sorted(REGISTRY.indicators)


class TestEveryRegisteredIndicator(IndicatorContract):
    """The contract suite, parametrised over every registered indicator with its own formula and defaults."""

    max_examples = 25

    @pytest.fixture(params=INDICATORS)
    def contract_indicator(self, request: pytest.FixtureRequest) -> Indicator:
        """One registered indicator per test."""
        return REGISTRY.indicators[request.param]


def _scheme_items() -> list[tuple[str, str]]:
    engine = Engine(REGISTRY)
    return [(sid, item.indicator.id) for sid in sorted(REGISTRY.schemes) for item in engine.load_scheme(sid).items()]


SCHEME_ITEMS = _scheme_items()


class TestEveryIndicatorAsItsSchemeScoresIt(IndicatorContract):
    """The contract under each shipped scheme's own parameters and formula overrides."""

    max_examples = 10

    @pytest.fixture(params=SCHEME_ITEMS, ids=[f"{s}:{i}" for s, i in SCHEME_ITEMS])
    def scheme_item(self, request: pytest.FixtureRequest) -> tuple[str, str]:
        """A (scheme id, indicator id) pair."""
        return request.param  # type: ignore[no-any-return]

    @pytest.fixture
    def contract_indicator(self, scheme_item: tuple[str, str]) -> Indicator:
        """The indicator of the pair."""
        return REGISTRY.indicators[scheme_item[1]]

    @pytest.fixture
    def contract_formula(self, scheme_item: tuple[str, str]) -> Formula:
        """The formula the scheme scores it with."""
        return Engine(REGISTRY).load_scheme(scheme_item[0]).item(scheme_item[1]).formula

    @pytest.fixture
    def contract_params(self, scheme_item: tuple[str, str]) -> dict[str, object]:
        """The parameters the scheme gives it."""
        return dict(Engine(REGISTRY).load_scheme(scheme_item[0]).item(scheme_item[1]).params)


class TestEveryShippedScheme(SchemeContract):
    """Whole valid submissions under every scheme a registered plugin ships."""

    max_examples = 5

    @pytest.fixture(scope="class", params=sorted(REGISTRY.schemes))
    @classmethod
    def contract_scheme(cls, request: pytest.FixtureRequest, contract_engine: Engine) -> Scheme:
        """One shipped scheme per test."""
        return contract_engine.load_scheme(request.param)


class TestMiniScheme(SchemeContract):
    """The one-indicator test scheme, with many more examples: ties and quotas come up often."""

    scheme = Path(__file__).parents[1] / "data" / "mini.toml"
    max_examples = 30
