"""Links and QR codes that phones on the room's network can open."""

from __future__ import annotations

import socket
from urllib.parse import urlencode

import segno

from workshop import settings


def lan_address() -> str:
    """This machine's address as other devices on the network see it (not 127.x)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = info[4][0]
        if not address.startswith("127."):
            return address
    # Ask the routing table which local address would be used to leave this machine.
    # Connecting a UDP socket sends no packet; 192.0.2.1 is a documentation address.
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))
            address = s.getsockname()[0]
            if not address.startswith(("127.", "0.")):
                return address
    except OSError:
        pass
    return "localhost"


def reachable_by_phones(url: str) -> bool:
    """False when a link points at this machine only (phones cannot open it)."""
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host not in ("localhost", "0.0.0.0") and not host.startswith("127.")


def base_url() -> str:
    public = settings.get("WORKSHOP_PUBLIC_URL").rstrip("/")
    if public:
        return public
    return f"http://{lan_address()}:{settings.get('WORKSHOP_PORT')}"


def join_url(join_code: str) -> str:
    return f"{base_url()}/?{urlencode({'code': join_code})}"


def projector_url(join_code: str) -> str:
    return f"{base_url()}/projector?{urlencode({'code': join_code})}"


def facilitator_url(secret: str, workshop_id: str | None = None) -> str:
    query = {"key": secret, **({"workshop": workshop_id} if workshop_id else {})}
    return f"{base_url()}/console?{urlencode(query)}"


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a data URI: dark on white with the quiet zone scanners need."""
    return segno.make(url, error="m").svg_data_uri(scale=8, border=4, dark="#0b0c0c",
                                                   light="#ffffff")
