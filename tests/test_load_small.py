"""bench/load.py at small scale against a real server: nothing confirmed is lost, every
send is confirmed, and phones that lose their session come back as the same delegate.
(No timing thresholds: figures depend on the machine; see bench/README.md.)"""

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_ten_phones_lose_nothing_and_come_back_as_themselves():
    out = subprocess.run(
        [sys.executable, "bench/load.py", "--delegates", "10", "--minutes", "1",
         "--comment-every", "6", "--reconnect-share", "0.5", "--away", "3", "--seed", "3"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["joined"] == 10, result
    assert result["submitted"] > 0
    assert result["lost"] == 0, result
    assert result["acknowledged"] == result["submitted"], result
    assert result["stored"] == result["acknowledged"]
    assert result["errors"] == 0, result["error_examples"]
    assert result["moves"] == 2 and result["follow_missed"] == 0
    assert result["reconnects"] >= 1
    # A new websocket session with the token in the link is the same delegate, who sees
    # (and can edit) their comments.
    assert result["reconnects_same_delegate"] == result["reconnects"], result
    assert result["reconnects_seeing_own_comments"] == result["reconnects"], result
