"""The server's app processes: how many, and how a failing one is started again."""

import pytest

from workshop import serve


class Stopped:
    returncode = 1

    def poll(self):
        return 1


def test_a_process_that_keeps_failing_is_started_again_less_and_less_often():
    backends = serve.Backends(1, [], None)
    backends.procs[0] = Stopped()
    t, waits = 10.0, []
    for _ in range(7):
        backends.started[0] = t  # started, and it fails half a second later
        t += 0.5
        assert not backends.restart_due(0, t)
        waits.append(backends.next_start[0] - t)
        t = backends.next_start[0]
        assert backends.restart_due(0, t)
    assert waits == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]


def test_a_process_that_ran_well_is_started_again_after_a_second():
    backends = serve.Backends(1, [], None)
    backends.procs[0] = Stopped()
    backends.failures[0] = 4
    backends.started[0] = 0.0
    assert not backends.restart_due(0, 1000.0)
    assert backends.next_start[0] == 1001.0
    assert backends.restart_due(0, 1001.0)


def test_nothing_is_started_again_while_stopping():
    backends = serve.Backends(1, [], None)
    backends.procs[0] = Stopped()
    backends.stopping = True
    assert not backends.restart_due(0, 1e9)


def test_process_count_from_the_setting(monkeypatch):
    monkeypatch.setenv("WORKSHOP_PROCESSES", "3")
    assert serve.default_processes() == 3
    monkeypatch.setenv("WORKSHOP_PROCESSES", "")
    assert 1 <= serve.default_processes() <= 4
    monkeypatch.setenv("WORKSHOP_PROCESSES", "lots")
    with pytest.raises(SystemExit, match="whole number"):
        serve.default_processes()
