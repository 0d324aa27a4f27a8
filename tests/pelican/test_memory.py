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
        memory.release_before_writing()  # gives memory back, and sets aside what is left
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


EXIT_PROBE = """
import gc, sys
sys.path.insert(0, {plugins!r})
if {register}:
    import news_digest
    news_digest.register()
    news_digest.register()  # Pelican registers its plugins again for a second build
assert gc.get_freeze_count() == 0  # nothing is set aside before the process exits

class Cycle:
    def __del__(self):
        print("collected at exit")

gc.disable()  # no collection before exit
cycle = Cycle()
cycle.self = cycle
del cycle
"""


def test_a_build_process_exits_without_traversing_its_objects_again():
    """Registering the plugin leaves what exists as the process exits to the
    system, not to the interpreter's last collections
    (memory.exit_without_collecting): a cycle of garbage is then not
    collected at exit, which it is without the plugin."""
    import subprocess
    import sys
    from pathlib import Path

    plugins = str(Path(__file__).resolve().parents[2] / "plugins")
    for register, collected in ((False, True), (True, False)):
        probe = EXIT_PROBE.format(plugins=plugins, register=register)
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert ("collected at exit" in result.stdout) is collected
