"""Which address a request is counted against."""

import pytest

from workshop.devices import LOOPBACK, app_device_address, device_address

PROXY = frozenset({"10.0.0.5"})


@pytest.mark.parametrize("peer, forwarded, expected", [
    ("192.168.1.20", None, "192.168.1.20"),
    ("192.168.1.20", "1.2.3.4", "192.168.1.20"),       # not a proxy: the header is a lie
    ("10.0.0.5", "192.168.1.20", "192.168.1.20"),      # the named proxy is believed
    ("10.0.0.5", "6.6.6.6, 192.168.1.21", "192.168.1.21"),  # only its own last hop
    ("10.0.0.5", " , ", "10.0.0.5"),
    ("10.0.0.5", None, "10.0.0.5"),
    (None, None, "unknown"),
])
def test_device_address(peer, forwarded, expected):
    assert device_address(peer, forwarded, PROXY) == expected


def test_app_processes_believe_the_front_door_on_loopback_only(monkeypatch):
    monkeypatch.delenv("WORKSHOP_TRUSTED_PROXIES", raising=False)
    assert "127.0.0.1" in LOOPBACK
    assert app_device_address("127.0.0.1", "192.168.1.30") == "192.168.1.30"
    assert app_device_address("192.168.1.31", "192.168.1.30") == "192.168.1.31"
    monkeypatch.setenv("WORKSHOP_TRUSTED_PROXIES", "10.0.0.5, 10.0.0.6")
    assert app_device_address("10.0.0.6", "192.168.1.30") == "192.168.1.30"
