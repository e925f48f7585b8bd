"""The opt-in collector pause (for hosts that own their process, like the CLI) leaves the collector as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from targetrule.collector import paused_for_long_lived_results


@pytest.fixture
def collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_restored")
def test_paused_inside_and_resumed_after() -> None:
    gc.enable()
    with paused_for_long_lived_results():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_left_off_when_it_was_off() -> None:
    gc.disable()
    with paused_for_long_lived_results():
        assert not gc.isenabled()
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_resumed_even_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), paused_for_long_lived_results():
        raise RuntimeError("boom")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_what_the_block_made_is_filed_in_the_oldest_generation() -> None:
    gc.enable()
    gc.collect()
    with paused_for_long_lived_results():
        made = [[i] for i in range(1000)]  # lists are tracked by the collector
    young = {id(o) for o in gc.get_objects(generation=0)} | {id(o) for o in gc.get_objects(generation=1)}
    assert not any(id(o) in young for o in made)
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(o) in oldest for o in made)


@pytest.mark.usefixtures("collector_restored")
def test_a_hosts_frozen_objects_stay_frozen() -> None:
    gc.enable()
    kept = [[i] for i in range(10)]
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused_for_long_lived_results():
        pass
    assert gc.get_freeze_count() == frozen
    assert kept  # still referenced, so still frozen
