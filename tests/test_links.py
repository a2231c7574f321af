import pytest

from workshop import links


@pytest.mark.parametrize("url, reachable", [
    ("http://localhost:8501/?code=ABC", False),
    ("http://127.0.0.1:8501/?code=ABC", False),
    ("http://0.0.0.0:8501/", False),
    ("http://192.168.1.20:8501/?code=ABC", True),
    ("https://workshop.example.org/?code=ABC", True),
])
def test_links_phones_cannot_open_are_spotted(url, reachable):
    assert links.reachable_by_phones(url) is reachable


def test_links_use_the_public_url_and_carry_the_code(monkeypatch):
    monkeypatch.setenv("WORKSHOP_PUBLIC_URL", "https://workshop.example.org/")
    assert links.join_url("K7PM3Q") == "https://workshop.example.org/?code=K7PM3Q"
    assert links.projector_url("K7PM3Q") == "https://workshop.example.org/projector?code=K7PM3Q"
    assert links.facilitator_url("s e", "w-1") == (
        "https://workshop.example.org/console?key=s+e&workshop=w-1")


def test_without_a_public_url_links_use_this_machine_and_port(monkeypatch):
    monkeypatch.delenv("WORKSHOP_PUBLIC_URL")
    monkeypatch.setenv("WORKSHOP_PORT", "9000")
    assert links.base_url().endswith(":9000") and links.base_url().startswith("http://")


def test_qr_code_is_an_svg_image():
    assert links.qr_data_uri("http://x/?code=A").startswith("data:image/svg+xml")
