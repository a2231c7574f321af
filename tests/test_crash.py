"""Kill -9 while saving, and a full disk, at small scale (bench/crash.py does it at size)."""

import pytest

from bench import crash


def test_every_confirmed_comment_survives_kill_9(tmp_path):
    result = crash.crash_repeats(4, tmp_path / "crash")
    assert result["repeats"] == 4
    assert result["acknowledged"] > 0
    assert result["lost"] == 0, result["lost_examples"]
    assert result["files_loaded"] == 1
    assert result["corrupt_files"] == 0


@pytest.mark.parametrize("mode", ["rlimit"])
def test_full_disk_stops_with_a_clear_message_and_harms_nothing(tmp_path, mode):
    result = crash.disk_full(mode, tmp_path / "full", limit_kb=96)
    assert result["writer_exit"] == 3  # stopped because saving failed, not a crash
    assert result["message"].startswith("Could not save:")
    assert "what was saved before is safe" in result["message"]
    assert result["acknowledged_before_full"] > 0
    assert result["lost"] == 0 and result["store_loads"]
    assert result["saves_after_space_freed"] == 5 and result["lost_after"] == 0
