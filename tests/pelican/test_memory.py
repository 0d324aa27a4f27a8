"""Keeping the build's memory and the garbage collector's work down (pelican/memory.py)."""


def test_long_lived_objects_are_set_aside_until_the_build_ends():
    """The stories and the reader cache are out of the collector's sight
    while the site is written (memory.set_aside_long_lived), and back in it
    when the build ends, so that a process building twice collects them."""
    import gc

    from news_digest.pelican import memory

    kept = [[n] for n in range(1000)]
    try:
        memory.set_aside_long_lived()
        assert gc.get_freeze_count() >= len(kept)
        memory.release_before_writing()  # collects what is newer, and sets aside what is left
        assert gc.get_freeze_count() >= len(kept)
    finally:
        memory.stop_setting_aside()
    assert gc.get_freeze_count() == 0



def test_the_collector_runs_less_often_while_a_digest_is_built():
    """A build raises the collector's thresholds (memory.collect_less) and
    gives back the ones it found when it ends."""
    import gc

    from news_digest.pelican import memory

    found = gc.get_threshold()
    for build in range(2):  # a process may build again (pelican --autoreload)
        try:
            assert memory.collect_less() is None  # a get_generators receiver: no generator
            memory.collect_less()  # asked twice in a build, still given back once
            assert gc.get_threshold() == memory.BUILD_THRESHOLDS
            assert memory.BUILD_THRESHOLDS[0] > found[0]
        finally:
            memory.stop_setting_aside()
        assert gc.get_threshold() == found
