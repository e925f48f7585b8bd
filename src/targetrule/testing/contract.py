"""The contract test suites: subclass one, name your indicator (or scheme), and pytest runs every property.

The shape is that of pandas' extension tests and fsspec's abstract tests: base classes whose
test methods read what they test from fixtures, which the base class fills from class attributes::

    from targetrule.testing import IndicatorContract
    from my_plugin import MY_INDICATOR

    class TestMyIndicator(IndicatorContract):
        indicator = MY_INDICATOR

To run one suite over many indicators, override the ``contract_indicator`` fixture with a
parametrised one (see ``tests/testing/test_builtin_contract.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import pytest

from targetrule.engine import Engine
from targetrule.formulas import Formula
from targetrule.indicator import Indicator
from targetrule.registry import Registry
from targetrule.scheme import Scheme
from targetrule.testing import properties as prop


class IndicatorContract:
    """The contract every indicator plugin meets. Set ``indicator``; optionally ``params``, ``formula``, ``cap``.

    - ``indicator``: the declaration under test;
    - ``params``: parameter overrides, as a scheme would give them (defaults otherwise);
    - ``formula``: a replacement formula, as a scheme's ``formula = {family = ...}`` would give;
    - ``cap``: the highest attainment allowed (default: the largest ``cap`` parameter, else 1);
    - ``explained``: the value names the explanation must show (default: every non-flag value read);
    - ``max_examples``: hypothesis examples per property (default 40, or ``--targetrule-max-examples``).
    """

    indicator: ClassVar[Indicator]
    params: ClassVar[Mapping[str, Any] | None] = None
    formula: ClassVar[Formula | None] = None
    cap: ClassVar[Decimal | None] = None
    explained: ClassVar[tuple[str, ...] | None] = None
    max_examples: ClassVar[int | None] = None

    @pytest.fixture
    def contract_indicator(self) -> Indicator:
        """The indicator under test: the class's ``indicator``."""
        indicator = getattr(self, "indicator", None)
        if not isinstance(indicator, Indicator):
            raise TypeError(
                f"{type(self).__name__}: set `indicator = <your Indicator>` on the class "
                f"(or override the contract_indicator fixture); got {indicator!r}"
            )
        return indicator

    @pytest.fixture
    def contract_formula(self, contract_indicator: Indicator) -> Formula:
        """The formula under test: the class's ``formula``, else the indicator's own."""
        return self.formula or contract_indicator.formula

    @pytest.fixture
    def contract_params(self, contract_formula: Formula) -> dict[str, Any]:
        """The formula's defaults overridden by the class's ``params``."""
        return prop.resolve_params(contract_formula, self.params)

    def test_declaration_is_consistent(self, contract_indicator: Indicator, contract_formula: Formula) -> None:
        """Names resolve, sub-items point at inputs, declared directions agree with the formula's."""
        prop.check_declaration(contract_indicator, contract_formula)

    def test_valid_input_scores_without_findings(
        self, contract_indicator: Indicator, contract_formula: Formula, contract_params: dict[str, Any]
    ) -> None:
        """Scoring a valid input never yields a finding."""
        prop.check_valid_inputs_score(
            contract_indicator, contract_params, formula=contract_formula, max_examples=self.max_examples
        )

    def test_attainment_within_cap(
        self, contract_indicator: Indicator, contract_formula: Formula, contract_params: dict[str, Any]
    ) -> None:
        """Attainment always within [0, cap]."""
        prop.check_attainment_within_cap(
            contract_indicator, contract_params, formula=contract_formula, cap=self.cap, max_examples=self.max_examples
        )

    def test_monotone_in_declared_direction(
        self, contract_indicator: Indicator, contract_formula: Formula, contract_params: dict[str, Any]
    ) -> None:
        """An input with ``better`` set never lowers the score when it improves and all else holds."""
        prop.check_monotone(
            contract_indicator, contract_params, formula=contract_formula, max_examples=self.max_examples
        )

    def test_deterministic(
        self, contract_indicator: Indicator, contract_formula: Formula, contract_params: dict[str, Any]
    ) -> None:
        """The same input always scores the same, and is not changed by scoring."""
        prop.check_deterministic(
            contract_indicator, contract_params, formula=contract_formula, max_examples=self.max_examples
        )

    def test_invalid_inputs_yield_their_findings(
        self, contract_indicator: Indicator, contract_formula: Formula, contract_params: dict[str, Any]
    ) -> None:
        """Every kind of invalid input yields a finding with the expected code, and no score."""
        prop.check_invalid_inputs_found(
            contract_indicator, contract_params, formula=contract_formula, max_examples=self.max_examples
        )

    def test_validation_never_raises(
        self, contract_indicator: Indicator, contract_formula: Formula, contract_params: dict[str, Any]
    ) -> None:
        """Whatever the data, scoring returns findings or a score, never an exception."""
        prop.check_validation_never_raises(
            contract_indicator, contract_params, formula=contract_formula, max_examples=self.max_examples
        )

    def test_explanation_mentions_numbers(
        self, contract_indicator: Indicator, contract_formula: Formula, contract_params: dict[str, Any]
    ) -> None:
        """The bilingual explanation shows the numbers used."""
        prop.check_explanation_mentions_numbers(
            contract_indicator,
            contract_params,
            formula=contract_formula,
            names=self.explained,
            max_examples=self.max_examples,
        )


class SchemeContract:
    """The contract a scheme meets with the installed plugins. Set ``scheme`` (an id or a path).

    - ``scheme``: a scheme id shipped by a plugin, or the path of a TOML file;
    - ``plugins``: the plugins to build the registry from (default: ``Registry.default()``);
    - ``max_examples``: whole submissions drawn per property (default 10).
    """

    scheme: ClassVar[str | Path]
    plugins: ClassVar[tuple[object, ...] | None] = None
    max_examples: ClassVar[int | None] = None

    @pytest.fixture(scope="class")
    @classmethod
    def contract_engine(cls) -> Engine:
        """An engine over the class's ``plugins``, or over every installed plugin."""
        registry = Registry.from_plugins(cls.plugins) if cls.plugins is not None else Registry.default()
        return Engine(registry)

    @pytest.fixture(scope="class")
    @classmethod
    def contract_scheme(cls, contract_engine: Engine) -> Scheme:
        """The scheme under test, loaded and checked against the registry."""
        name = getattr(cls, "scheme", None)
        if name is None:
            raise TypeError(f"{cls.__name__}: set `scheme = <id or path>` on the class")
        return contract_engine.load_scheme(name)

    def test_valid_submissions_evaluate_cleanly(self, contract_engine: Engine, contract_scheme: Scheme) -> None:
        """Valid data for every indicator evaluates with no error and is ranked."""
        prop.check_scheme_scores_valid_submissions(contract_engine, contract_scheme, max_examples=self.max_examples)

    def test_region_order_does_not_change_scores(self, contract_engine: Engine, contract_scheme: Scheme) -> None:
        """Re-ordering regions never changes any region's score, rank or grade."""
        prop.check_region_order_irrelevant(contract_engine, contract_scheme, max_examples=self.max_examples)

    def test_rank_order_follows_composite(self, contract_engine: Engine, contract_scheme: Scheme) -> None:
        """Rank order agrees with composite order."""
        prop.check_rank_follows_composite(contract_engine, contract_scheme, max_examples=self.max_examples)
