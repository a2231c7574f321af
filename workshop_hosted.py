"""Entry point for an app server behind a load balancer (docs/hosting.md, deploy/).

    streamlit run workshop_hosted.py --server.port 8501

is the app `streamlit run workshop_app.py` serves, plus, in the same process, the
endpoint phones follow the presenter by: `GET /_workshop/live/<name>?v=N`, answered from
the database (workshop/follow_db.py) when the facilitator moves on, whichever app server
the console is on. It needs WORKSHOP_STORE set to a PostgreSQL address; the laptop's
`python -m workshop serve` does not use this file.
"""

import logging
import re
from contextlib import asynccontextmanager

import streamlit as st
from starlette.responses import Response
from starlette.routing import Route

from workshop import devices, follow, settings
from workshop.follow_db import DbFollow
from workshop.serve import raise_open_files

# Each phone holds a websocket and, between moves, a follow request: two open files. A
# server's usual soft limit (1,024) would stop at about 450 phones, fewer than the
# servers left carry when one stops, so it is raised to the hard limit, as
# `python -m workshop serve` does.
raise_open_files()

_LOG = logging.getLogger(__name__)
_NAME = re.compile(r"[A-Za-z0-9_-]{1,32}\Z")
_live: dict[str, DbFollow] = {}


def _database() -> str:
    from store.postgres import is_database_url
    url = settings.get("WORKSHOP_STORE").strip()
    if not is_database_url(url):
        raise SystemExit("workshop_hosted.py serves app servers that share a PostgreSQL "
                         "database: set WORKSHOP_STORE to its address (postgresql://...). "
                         "On a laptop, use `python -m workshop serve` (make run) instead.")
    return url


@asynccontextmanager
async def lifespan(_app):
    live = DbFollow(_database())
    await live.start()
    _live["db"] = live
    try:
        yield {}
    finally:
        _live.pop("db", None)
        await live.stop()


def _json(code: int, body: bytes, head_only: bool) -> Response:
    return Response(b"" if head_only else body, status_code=code,
                    media_type="application/json", headers={"Cache-Control": "no-store"})


async def follow_status(request):
    """GET /_workshop/live/<name>?v=N, as the laptop's front door answers it."""
    name = request.path_params["name"]
    head_only = request.method == "HEAD"
    source = _live.get("db")
    if source is None or not _NAME.match(name):
        return _json(404, b'{"error": "no such workshop"}', head_only)
    peer = request.client.host if request.client else None
    address = devices.app_device_address(peer, request.headers.get("x-forwarded-for"))
    try:
        body = await source.wait(name, request.query_params.get("v", ""), address)
    except Exception as exc:  # the database is unreachable: the phone asks again soon
        _LOG.warning("Following the presenter: cannot read the status (%s).",
                     str(exc).strip().splitlines()[:1])
        return _json(503, b'{"error": "the database cannot be reached; ask again soon"}',
                     head_only)
    if body is None:
        return _json(404, b'{"error": "no such workshop"}', head_only)
    return _json(200, body, head_only)


app = st.App("workshop_app.py", lifespan=lifespan,
             routes=[Route(follow.LIVE_PREFIX + "{name}", follow_status,
                           methods=["GET", "HEAD"])])
