"""A small client of Streamlit's browser protocol (websocket + protobuf), for benchmarks.

It does what a browser tab does: opens /_stcore/stream, sends BackMsg.rerun_script with
the page's query string and widget states, and reads ForwardMsgs until the script ends.
Loopback only.
"""

from __future__ import annotations

import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


class AppSession:
    """One browser tab, driven synchronously."""

    def __init__(self, port: int, query: dict[str, str], timeout: float = 30):
        self.url = f"ws://127.0.0.1:{port}/_stcore/stream"
        self.query = "&".join(f"{k}={v}" for k, v in query.items())
        self.timeout = timeout
        self.ws = None
        self.last_texts: list[str] = []

    def connect(self) -> None:
        self.ws = connect(self.url, subprotocols=["streamlit"], max_size=None,
                          open_timeout=self.timeout)

    def rerun(self) -> float:
        """Run the page once; returns seconds until the server said the script finished."""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        start = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        texts = []
        while True:
            raw = self.ws.recv(timeout=self.timeout)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                if element.WhichOneof("type") == "markdown":
                    texts.append(element.markdown.body)
            elif kind == "script_finished":
                self.last_texts = texts
                return time.perf_counter() - start

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
