"""An asyncio client of Streamlit's browser protocol, light enough for hundreds of tabs.

`Tab` does what one browser tab does over `/_stcore/stream`: sends BackMsg.rerun_script
with the page, query string and widget states, reads the ForwardMsgs of that run (widgets
with their ids, texts, alerts, fragment timers, query-string changes) until the script
finishes. `StatusPoller` fetches a static file over one kept-alive HTTP/1.1 connection,
as a phone's `fetch` does. Loopback only.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
_WHOLE = ForwardMsg.FINISHED_SUCCESSFULLY
_WIDGETS = {"button", "text_area", "radio", "component_instance", "text_input", "checkbox",
            "selectbox", "multiselect", "button_group", "toggle"}


def trigger(widget_id: str) -> WidgetState:
    return WidgetState(id=widget_id, trigger_value=True)


def string(widget_id: str, value: str) -> WidgetState:
    return WidgetState(id=widget_id, string_value=value)


def json_value(widget_id: str, value: str) -> WidgetState:
    return WidgetState(id=widget_id, json_value=value)


def boolean(widget_id: str, value: bool) -> WidgetState:
    return WidgetState(id=widget_id, bool_value=value)


@dataclass
class Render:
    """What one run showed."""
    texts: list[str] = field(default_factory=list)      # markdown, headings, captions
    alerts: list[str] = field(default_factory=list)     # st.success / st.error bodies
    widgets: dict[tuple[str, str], object] = field(default_factory=dict)  # (type, label)
    every_widget: list[tuple[str, object]] = field(default_factory=list)  # same labels too
    started: float = 0.0   # time.time() when the BackMsg was sent
    finished: float = 0.0  # time.time() when the script finished

    def widget(self, kind: str, label_start: str = ""):
        for (k, label), proto in self.widgets.items():
            if k == kind and label.startswith(label_start):
                return proto
        return None

    def has(self, text: str) -> bool:
        return any(text in t for t in self.texts) or any(text in a for a in self.alerts)


class Tab:
    """One browser tab on one page of the app."""

    def __init__(self, port: int, page: str, query: str, timeout: float = 120,
                 source: str = "127.0.0.1", cookies: dict | None = None):
        self.url = f"ws://127.0.0.1:{port}/_stcore/stream"
        self.source = source      # the device's own address (each phone has its own)
        # The browser's cookies for this site (shared by its tabs), as a load balancer sets
        # them (its affinity cookie): sent with the websocket's opening, kept from its answer.
        self.cookies = cookies
        self.page = page          # the url path after "/", e.g. "projector"; "" = default
        self.query = query
        self.timeout = timeout
        self.ws = None
        self.fragments: dict[str, float] = {}  # fragment id → run_every seconds
        self.widgets: dict[tuple[str, str], object] = {}
        self.lock = asyncio.Lock()  # one run at a time per tab
        self.page_hash = ""       # the page's script hash, as st.navigation says

    async def connect(self) -> None:
        headers = cookie_header(self.cookies)
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout,
            ping_interval=None, compression=None, local_addr=(self.source, 0),
            additional_headers={"Cookie": headers} if headers else None)
        if self.cookies is not None:
            keep_cookies(self.cookies, self.ws.response.headers.get_all("Set-Cookie"))

    async def run(self, states=(), fragment_id: str = "", auto: bool = False) -> Render:
        """Run the page (or one fragment) with these widget states; wait until it ends."""
        msg = BackMsg()
        rs = msg.rerun_script
        rs.query_string = self.query
        rs.page_name = self.page
        # As a browser does: the page's own id once known, so that st.rerun() in a
        # fragment runs this page again (not the app's default page).
        rs.page_script_hash = self.page_hash
        rs.widget_states.widgets.extend(states)
        if fragment_id:
            rs.fragment_id = fragment_id
            rs.is_auto_rerun = auto
        render = Render(started=time.time())
        full = not fragment_id
        announced: dict[str, float] = {}  # fragments this run (or the run it became) set up
        async with self.lock:
            await self.ws.send(msg.SerializeToString())
            while True:
                raw = await asyncio.wait_for(self.ws.recv(), self.timeout)
                fwd = ForwardMsg()
                fwd.ParseFromString(raw)
                kind = fwd.WhichOneof("type")
                if kind == "delta":
                    if fwd.delta.WhichOneof("type") == "new_element":
                        self._element(fwd.delta.new_element, render)
                elif kind == "script_finished":
                    if fwd.script_finished != _EARLY:
                        if fwd.script_finished == _WHOLE and not full:
                            # A fragment called st.rerun(): the whole page ran again, with
                            # these fragments (those of the run before may be gone).
                            full = True
                            self.fragments = announced
                        break
                    render = Render(started=render.started)  # st.rerun(): a new run follows
                    announced = {}
                elif kind == "new_session":
                    if full:
                        self.fragments.clear()
                elif kind == "navigation":  # the page st.navigation is running
                    self.page_hash = fwd.navigation.page_script_hash or self.page_hash
                elif kind == "auto_rerun":
                    self.fragments[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
                    announced[fwd.auto_rerun.fragment_id] = fwd.auto_rerun.interval
                elif kind == "stop_auto_rerun":
                    for fid in fwd.stop_auto_rerun.fragment_ids:
                        self.fragments.pop(fid, None)
                elif kind == "page_info_changed":
                    self.query = fwd.page_info_changed.query_string
        render.finished = time.time()
        if full:
            self.widgets = dict(render.widgets)
        else:
            self.widgets.update(render.widgets)
        return render

    @staticmethod
    def _element(element, render: Render) -> None:
        kind = element.WhichOneof("type")
        if kind == "markdown":
            render.texts.append(element.markdown.body)
        elif kind == "heading":
            render.texts.append(element.heading.body)
        elif kind == "alert":
            render.alerts.append(element.alert.body)
        elif kind == "exception":
            render.alerts.append(f"exception: {element.exception.type}: "
                                 f"{element.exception.message}"[:300])
        elif kind in _WIDGETS:
            proto = getattr(element, kind)
            label = getattr(proto, "label", "") or getattr(proto, "component_name", "")
            render.widgets.setdefault((kind, label), proto)
            render.every_widget.append((kind, proto))

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await self.ws.close()
            except Exception:
                pass
            self.ws = None


def cookie_header(cookies: dict | None) -> str:
    return "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())


def keep_cookies(cookies: dict, set_cookies) -> None:
    """Keep what Set-Cookie lines say (name=value only: one site, loopback)."""
    for line in set_cookies:
        name, _, value = line.split(";", 1)[0].partition("=")
        if name.strip():
            cookies[name.strip()] = value.strip()


class StatusPoller:
    """GET one URL repeatedly over a kept-alive HTTP/1.1 connection, as a phone's `fetch`:
    a static file (with a cache-busting query) or the front door's status that waits for
    a change (`query` given)."""

    def __init__(self, port: int, path: str, timeout: float = 30, source: str = "127.0.0.1",
                 cookies: dict | None = None):
        self.port, self.path, self.timeout, self.source = port, path, timeout, source
        self.cookies = cookies
        self.reader = self.writer = None

    async def get(self, query: str = "") -> bytes | None:
        for attempt in (1, 2):  # the server may have closed an idle connection
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(
                        "127.0.0.1", self.port, local_addr=(self.source, 0))
                cookies = cookie_header(self.cookies)
                self.writer.write(
                    f"GET {self.path}?{query or 't=%d' % (time.time() * 1000)} HTTP/1.1\r\n"
                    f"Host: 127.0.0.1:{self.port}\r\nCache-Control: no-store\r\n"
                    f"{'Cookie: ' + cookies + chr(13) + chr(10) if cookies else ''}"
                    f"\r\n".encode())
                head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), self.timeout)
                lines = head.decode("latin-1").split("\r\n")
                status = int(lines[0].split()[1])
                length = next((int(h.split(":", 1)[1]) for h in lines[1:]
                               if h.lower().startswith("content-length:")), 0)
                body = await asyncio.wait_for(self.reader.readexactly(length), self.timeout)
                return body if status == 200 else None
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError):
                await self.close()
                if attempt == 2:
                    return None
        return None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None
