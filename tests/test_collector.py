"""The loaded corpus and index stay out of the garbage collector's walks (no long pauses while searching)."""

from __future__ import annotations

import gc
import pickle
import weakref

import pytest

from documents.collector import (
    FULL_COLLECTIONS_RARER,
    YOUNG_COLLECTION_EVERY,
    collect_now,
    few_full_collections,
    freeze_after_middle_collections,
    hold,
    long_lived,
    release,
    space_young_collections,
    stop_freezing_after_middle_collections,
)
from documents.corpus import bundled_dir, load_corpus
from documents.model import Clause, Section


def _walked(objects: list) -> bool:
    """Whether any of ``objects`` is among what the collector walks (frozen objects are not)."""
    ids = {id(o) for o in objects}
    return any(id(o) in ids for o in gc.get_objects())


def test_a_loaded_corpus_is_frozen_and_the_collector_left_on():
    assert gc.isenabled()
    corpus = load_corpus([bundled_dir()])
    assert gc.isenabled()
    doc = corpus.documents[0]
    parts = [doc, doc.root, *(block for _, block in doc.blocks())]
    assert not _walked(parts)


def test_a_failed_load_freezes_nothing_and_restores_the_collector():
    gc.collect()
    frozen = gc.get_freeze_count()
    with pytest.raises(RuntimeError), long_lived():
        assert not gc.isenabled()
        raise RuntimeError("reading stopped")
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_cycle_left_before_a_long_lived_block_is_freed_not_frozen():
    """What the last action left in a cycle is collected before the block's objects are frozen:
    frozen, it would never be freed (a document opened in the reader froze it)."""

    class Node:
        pass

    node = Node()
    node.me = node  # type: ignore[attr-defined]
    dead = weakref.ref(node)
    del node
    with long_lived():
        pass
    assert dead() is None


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_model_has_no_per_object_dict_and_round_trips_through_the_parse_cache():
    section = Section(1, "一", "总体要求", "001/一", blocks=(Clause("001/一", "坚持改革。"),))
    assert not hasattr(section, "__dict__") and not hasattr(section.blocks[0], "__dict__")
    again = pickle.loads(pickle.dumps(section, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == section


def test_a_hold_keeps_the_collector_off_until_released_and_freezes_what_was_made():
    gc.collect()
    hold()
    try:
        assert not gc.isenabled()
        made = [Section(1, "一", "总体要求", "001/一")]
        release()
        assert gc.isenabled()
        assert not _walked(made)
        release()  # a second release changes nothing
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_release_without_a_hold_leaves_the_collector_as_it_is():
    gc.disable()
    try:
        release()
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Node:
    """An object the collector walks, which can be put in a cycle."""

    def __init__(self) -> None:
        self.other: _Node | None = None


def test_a_collection_at_a_pause_frees_the_garbage_and_keeps_what_survived_from_later_walks():
    """The next collections walk only what is made after the pause; garbage is freed, not frozen forever."""
    import weakref

    kept = _Node()
    cycle = _Node()
    cycle.other = cycle
    gone = weakref.ref(cycle)
    del cycle
    assert _walked([kept])
    collect_now()
    assert gone() is None, "the cycle was collected before the freeze"
    assert not _walked([kept])
    made_after = _Node()
    assert _walked([made_after])


def test_a_collection_at_a_pause_does_nothing_while_loading_has_the_collector_off():
    kept = _Node()
    gc.disable()
    try:
        collect_now()
        assert _walked([kept])
    finally:
        gc.enable()


def test_young_collections_are_spaced_out_and_the_older_generations_left_alone():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        space_young_collections()
        assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_a_build_makes_full_collections_rare_and_gives_them_back_after_even_on_an_error():
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with pytest.raises(RuntimeError), few_full_collections():
            assert gc.get_threshold() == (700, 10, 10 * FULL_COLLECTIONS_RARER)
            space_young_collections()  # the browser spaces its young collections meanwhile: that stays
            raise RuntimeError
        assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_an_index_build_runs_with_full_collections_rare(tmp_path, monkeypatch):
    """The build's records in flight are not walked by full collections (see few_full_collections)."""
    from index.store import IndexStore, UpdatePlan

    seen = []
    monkeypatch.setattr(IndexStore, "_build", lambda *args: seen.append(gc.get_threshold()[2]))
    old = gc.get_threshold()[2]
    store = IndexStore(tmp_path)
    store._apply(UpdatePlan(rebuild=True, reason="test"), None)
    assert seen == [old * FULL_COLLECTIONS_RARER]
    assert gc.get_threshold()[2] == old


def test_a_middle_collection_frees_the_garbage_then_freezes_what_survived_and_a_young_one_freezes_nothing():
    """What survives a middle collection is not walked again (no full collection walks it in the middle of
    the keys); garbage is freed first, never frozen; a young collection's survivors stay walked (what is in
    flight then dies in a cycle a moment later)."""
    import weakref

    freeze_after_middle_collections()
    freeze_after_middle_collections()  # a second call adds nothing
    try:
        collect_now()
        young = _Node()
        gc.collect(0)
        assert _walked([young]), "a young collection freezes nothing"
        kept = _Node()
        cycle = _Node()
        cycle.other = cycle
        gone = weakref.ref(cycle)
        del cycle
        gc.collect(1)
        assert gone() is None, "the cycle was collected before the freeze"
        assert not _walked([kept, young])
        assert not gc.get_objects(2), "the oldest generation is left empty"
    finally:
        stop_freezing_after_middle_collections()
    after = _Node()
    gc.collect(1)
    assert _walked([after]), "undone: a middle collection freezes nothing again"
