"""One Streamlit session spoken over Streamlit's own websocket protocol, the way the browser speaks it.

Read from the installed Streamlit (`streamlit/web/server/starlette/starlette_websocket.py`, the runtime, and the
frontend bundle in `streamlit/static`), and checked against what Chromium sends by `bench/load.py` before every
load run:

- HTTP first: GET the page (Streamlit sets its `_streamlit_xsrf` cookie there; a proxy sets its own sticky cookie),
  then `/_stcore/health` and `/_stcore/host-config`, every request with the cookies it has;
- then the websocket `/_stcore/stream` with those cookies, an `Origin`, and `Sec-WebSocket-Protocol:
  streamlit, <the _streamlit_xsrf cookie, or PLACEHOLDER_AUTH_TOKEN>[, <last session id on a reconnect>]`;
  binary frames only, one protobuf each: `BackMsg` up, `ForwardMsg` down;
- the first `BackMsg` is `rerun_script` with the query string, empty widget states and the browser's context;
- a widget change is `rerun_script` with every current widget's state (the browser keeps the last value of each
  widget on the page), the page's script hash (from the `navigation` message), the id of the fragment the widget
  lives in, and the hashes of the cached messages the browser holds, so the server sends a small `ref_hash`
  message in place of a big element it already has;
- a component v2 trigger (`setTriggerValue("event", v)` in the component's JavaScript) is the widget
  `$$STREAMLIT_INTERNAL_KEY_<element id>__events` with `json_trigger_value` `[{"event": "event", "value": v}]`;
  for the map, v is `{kind, id, view, x, y, n, from}` (ui/component/map.js: `n` counts the page's events, `from`
  names the map instance) and Python acknowledges `{from, n}` in the small `map_state` element;
- the browser's message cache (its `ForwardMessageCache`): it keeps each `cacheable` message by hash, and ages the
  entries at every `script_finished` (only the entries of the fragments that ran, on a fragment run), dropping
  those older than the server's `max_cached_message_age`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import string
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Origin, Subprotocol

XSRF_COOKIE = "_streamlit_xsrf"
STREAM_PATH = "/_stcore/stream"
TRIGGER_PREFIX = "$$STREAMLIT_INTERNAL_KEY_"
SUCCESS = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class SessionError(RuntimeError):
    """The session could not do what was asked (no page, no map, a timeout)."""


@dataclass
class Run:
    """One script run as the client saw it: from its `new_session` to its `script_finished`."""

    run_id: str
    fragment_ids: tuple[str, ...]
    started: float
    headings: dict[str, float] = field(default_factory=dict)  # h3 text -> time first seen
    map_state: dict[str, Any] | None = None
    finished: float | None = None
    status: int | None = None


@dataclass
class Click:
    """One region click: what was sent, when the panel and the end of the run arrived, and whether it held."""

    region: str
    label: str
    n: int
    sent: float
    heading: float | None = None
    finished: float | None = None
    ok: bool = False
    problem: str = ""

    @property
    def panel_ms(self) -> float | None:
        """Click -> the run that carries the region's panel has finished (heading seen, script_finished)."""
        return (self.finished - self.sent) * 1000 if self.ok and self.finished is not None else None

    @property
    def heading_ms(self) -> float | None:
        return (self.heading - self.sent) * 1000 if self.ok and self.heading is not None else None


@dataclass
class _Widget:
    state: WidgetState | None  # None: a widget without a value the browser sends (a button)
    fragment: str
    run_id: str


@dataclass
class _Cached:
    raw: bytes
    run_count: int
    fragment: str


class _CountingConnection(ClientConnection):
    """The websocket connection, counting the bytes that came off the socket (frames as sent, compressed or not)."""

    wire_bytes = 0

    def data_received(self, data: bytes) -> None:
        self.wire_bytes += len(data)
        super().data_received(data)


def context_info(url: str) -> ContextInfo:
    """The browser's context as headless Chromium reports it (st.context reads it)."""
    return ContextInfo(
        timezone="UTC", timezone_offset=0, locale="en-US", url=url, is_embedded=False, color_scheme="light"
    )


async def http_get_body(
    host: str, port: int, path: str, timeout: float = 30.0, post_json: Any = None
) -> tuple[int, str, bytes]:
    """A plain HTTP/1.1 GET (or, with `post_json`, a POST of that JSON) on a new connection, as a page's `fetch`
    makes it: status, content type and body."""

    async def go() -> tuple[int, str, bytes]:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            body = b"" if post_json is None else json.dumps(post_json).encode()
            method = "GET" if post_json is None else "POST"
            head = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "User-Agent: acumap-bench"]
            head += ["Accept: application/json", "Connection: close"]
            if post_json is not None:
                head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
            await writer.drain()
            data = await reader.read()
        finally:
            writer.close()
        block, _, body = data.partition(b"\r\n\r\n")
        lines = block.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
        if headers.get("transfer-encoding") == "chunked":
            out, rest = b"", body
            while rest:
                size_line, _, rest = rest.partition(b"\r\n")
                size = int(size_line.split(b";")[0] or b"0", 16)
                if size == 0:
                    break
                out, rest = out + rest[:size], rest[size + 2 :]
            body = out
        return int(lines[0].split()[1]), headers.get("content-type", ""), body

    return await asyncio.wait_for(go(), timeout)


async def http_get(
    host: str, port: int, path: str, cookies: dict[str, str], timeout: float = 30.0
) -> tuple[int, list[tuple[str, str]]]:
    """A plain HTTP/1.0 GET (no client library, no proxy settings): status and headers; the body is read and dropped.

    `Set-Cookie` headers update `cookies`, as a browser's cookie jar would for this host.
    """

    async def go() -> tuple[int, list[tuple[str, str]]]:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            head = [f"GET {path} HTTP/1.0", f"Host: {host}:{port}", "User-Agent: acumap-bench", "Accept: */*"]
            if cookies:
                head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
            await writer.drain()
            data = await reader.read()
        finally:
            writer.close()
        header_block = data.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        lines = header_block.split("\r\n")
        status = int(lines[0].split()[1])
        headers = [(k.strip().lower(), v.strip()) for k, _, v in (ln.partition(":") for ln in lines[1:])]
        for name, value in headers:
            if name == "set-cookie":
                key, _, val = value.split(";", 1)[0].partition("=")
                cookies[key.strip()] = val.strip()
        return status, headers

    return await asyncio.wait_for(go(), timeout)


class Session:
    """A browser session without a browser: page requests, the websocket, widget states and the message cache."""

    def __init__(self, url: str, name: str = "", record: bool = False) -> None:
        parts = urlsplit(url)
        if parts.hostname is None:
            raise ValueError(f"no host in {url!r}")
        self.url = url.rstrip("/") + "/"
        self.host = parts.hostname
        self.port = parts.port or 80
        self.name = name
        self.record = record  # keep every BackMsg sent (the sanity check compares them with Chromium's)
        self.cookies: dict[str, str] = {}
        self.sent: list[BackMsg] = []
        self.errors: list[str] = []
        self.runs: list[Run] = []
        self.current: Run | None = None
        self.widgets: dict[str, _Widget] = {}
        self.cache: dict[str, _Cached] = {}
        self.run_count = 0
        self.max_age = 2
        self.page_script_hash = ""
        self.query_string = ""
        self.page_name = ""  # the page's URL path ("class"), as a browser sends it on the first load
        self.map_id = ""
        self.post: dict[str, Any] | None = None
        self.map_fragment = ""
        self.follow: tuple[str, str, dict[str, Any]] | None = (
            None  # a class page's follower: id, fragment, data
        )
        self.state: dict[str, Any] = {}  # the map's state from the last map_state element
        self.ack = 0
        self.n = 0  # events sent, as the map's JavaScript counts them
        # Who sends, as the map's JavaScript names itself: 8 base-36 characters, new for each page.
        self.sender = "".join(random.choices(string.ascii_lowercase + string.digits, k=8))
        self.bytes_received = 0
        self.messages_received = 0
        self.handshake_headers: dict[str, str] = {}
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._closing = False

    # ---- connection --------------------------------------------------------------------------------------

    async def open(self, query: str = "", timeout: float = 60.0, page: str = "") -> Run:
        """Load the page (the app's default one, or `page`) as a browser does and wait for its first run."""
        self.page_name = page
        path = f"/{page}" + (f"?{query}" if query else "")
        status, _ = await http_get(self.host, self.port, path, self.cookies)
        if status != 200:
            raise SessionError(f"GET {path}: HTTP {status}")
        for extra in ("/_stcore/health", "/_stcore/host-config"):
            status, _ = await http_get(self.host, self.port, extra, self.cookies)
            if status != 200:
                raise SessionError(f"GET {extra}: HTTP {status}")
        token = self.cookies.get(XSRF_COOKIE) or "PLACEHOLDER_AUTH_TOKEN"
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        self._ws = await connect(
            f"ws://{self.host}:{self.port}{STREAM_PATH}",
            origin=Origin(f"http://{self.host}:{self.port}"),
            subprotocols=[Subprotocol("streamlit"), Subprotocol(token)],
            additional_headers=headers,
            user_agent_header="acumap-bench",
            compression="deflate",  # browsers always offer permessage-deflate
            proxy=None,
            max_size=None,
            ping_interval=None,  # browsers send no pings; the server pings and the library answers
            open_timeout=timeout,
            create_connection=_CountingConnection,
        )
        if self._ws.response is not None:
            self.handshake_headers = {k.lower(): v for k, v in self._ws.response.headers.raw_items()}
        self._reader = asyncio.create_task(self._read(), name=f"ws-read-{self.name}")
        self.query_string = query
        started = time.perf_counter()
        await self._send_rerun(widgets=[], fragment_id="", page_hash="")
        run = await self._wait_run(started, timeout)
        if run.status != ForwardMsg.FINISHED_SUCCESSFULLY:
            raise SessionError(f"first run ended with status {run.status}")
        if not self.map_id:
            raise SessionError("the page has no body map component")
        return run

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 10)
            except (TimeoutError, asyncio.CancelledError):
                self._reader.cancel()

    @property
    def wire_bytes(self) -> int:
        """Bytes received on the websocket's socket so far (after compression, with framing)."""
        return self._ws.wire_bytes if isinstance(self._ws, _CountingConnection) else 0

    @property
    def connected(self) -> bool:
        return self._ws is not None and self._reader is not None and not self._reader.done()

    # ---- sending -----------------------------------------------------------------------------------------

    def widget_states(self) -> list[WidgetState]:
        """The states the browser would send now: the last value of every widget on the page that has one."""
        return [w.state for w in self.widgets.values() if w.state is not None]

    def trigger_id(self) -> str:
        return f"{TRIGGER_PREFIX}{self.map_id}__events"

    async def _send_rerun(self, widgets: Iterable[WidgetState], fragment_id: str, page_hash: str) -> None:
        if self._ws is None:
            raise SessionError("not connected")
        msg = BackMsg()
        rerun = msg.rerun_script
        rerun.query_string = self.query_string
        rerun.widget_states.SetInParent()
        rerun.widget_states.widgets.extend(widgets)
        rerun.page_script_hash = page_hash
        if not page_hash and self.page_name:
            rerun.page_name = self.page_name
        rerun.fragment_id = fragment_id
        rerun.cached_message_hashes.extend(self.cache.keys())
        rerun.context_info.CopyFrom(
            context_info(self.url + self.page_name + (f"?{self.query_string}" if self.query_string else ""))
        )
        if self.record:
            self.sent.append(msg)
        await self._ws.send(msg.SerializeToString())

    async def click_region(
        self, region: str, label: str, x: float, y: float, view: str = "back", timeout: float = 10.0
    ) -> Click:
        """Send what a click on `region` of the map sends; wait for the run it starts and check its result.

        The click holds if that run carries the region's panel heading, ends successfully, and the map's state
        element shows the region with this event acknowledged.
        """
        click = Click(region=region, label=label, n=self.n + 1, sent=time.perf_counter())
        try:
            await self._send_event("region", region, view, x, y)
            run = await self._wait_run(click.sent, timeout)
        except (SessionError, ConnectionClosed) as exc:
            click.problem = f"no panel: {exc}"
            return click
        click.finished = run.finished
        click.heading = run.headings.get(label)
        state = (run.map_state or {}).get("state") or {}
        ack = (run.map_state or {}).get("ack")
        if run.status not in SUCCESS:
            click.problem = f"run ended with status {run.status}"
        elif click.heading is None:
            click.problem = f"run finished without the heading {label!r} (headings: {sorted(run.headings)})"
        elif state.get("region") != region or self.acked(ack) != self.n:
            click.problem = f"map state {state} ack {ack}, expected {region} ack {self.n} from {self.sender}"
        else:
            click.ok = True
        return click

    async def tap(self, view: str, x: float, y: float, timeout: float = 10.0) -> Run:
        """Send what a tap on the map in quiz mode sends (a position) and wait for the run it starts."""
        sent = time.perf_counter()
        await self._send_event("position", None, view, x, y)
        return await self._wait_run(sent, timeout)

    async def _send_event(
        self, kind: str, ident: str | None, view: str, x: float, y: float, posted: str = ""
    ) -> None:
        """Send one map event as the map's JavaScript does: `{kind, id, view, x, y, n, from}` on its trigger (and
        `posted`, what a class's answer route said of the tap)."""
        self.n += 1
        value = {"kind": kind, "id": ident, "view": view, "x": x, "y": y, "n": self.n, "from": self.sender}
        if posted:
            value["posted"] = posted
        trigger = WidgetState(
            id=self.trigger_id(), json_trigger_value=json.dumps([{"event": "event", "value": value}])
        )
        await self._send_rerun([*self.widget_states(), trigger], self.map_fragment, self.page_script_hash)

    async def send_trigger(self, component: str, fragment: str, event: str, value: Any) -> None:
        """What a component's `setTriggerValue(event, value)` sends: a rerun of its fragment with the trigger."""
        trigger = WidgetState(
            id=f"{TRIGGER_PREFIX}{component}__events",
            json_trigger_value=json.dumps([{"event": event, "value": value}]),
        )
        await self._send_rerun([*self.widget_states(), trigger], fragment, self.page_script_hash)

    def acked(self, ack: Any) -> int:
        """The last event number of this client that Python acknowledges (`{"from": sender, "n": n}`)."""
        if isinstance(ack, dict):
            return int(ack.get("n") or 0) if ack.get("from") == self.sender else 0
        return int(ack) if isinstance(ack, int) else 0

    async def _wait_run(self, since: float, timeout: float) -> Run:
        """The first run started after `since` that has finished (waiting up to `timeout` seconds for it)."""
        deadline = time.perf_counter() + timeout
        while True:
            for run in reversed(self.runs):
                if run.started < since:
                    break
                if run.finished is not None:
                    return run
            if not self.connected:
                raise SessionError("disconnected")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise SessionError(f"no finished run within {timeout:.0f} s")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    # ---- receiving ---------------------------------------------------------------------------------------

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for frame in self._ws:
                now = time.perf_counter()
                if isinstance(frame, str):
                    self.errors.append("text frame from the server")
                    continue
                self.bytes_received += len(frame)
                self.messages_received += 1
                try:
                    self._on_message(frame, now)
                except Exception as exc:  # a message this client cannot read is the server's error to count
                    self.errors.append(f"unreadable message: {exc!r}")
        except ConnectionClosed as exc:
            if not self._closing:
                self.errors.append(f"disconnected: {exc}")
        finally:
            if not self._closing and self._ws is not None and self._ws.close_code not in (None, 1000):
                self.errors.append(f"websocket closed with code {self._ws.close_code}")
            self._changed.set()

    def _on_message(self, raw: bytes, now: float) -> None:
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                self.errors.append(f"cached message miss {msg.ref_hash}")
                return
            cached.run_count = self.run_count
            metadata = msg.metadata
            msg = ForwardMsg()
            msg.ParseFromString(cached.raw)
            msg.metadata.CopyFrom(metadata)
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable and msg.hash:
            hit = self.cache.get(msg.hash)
            if hit is not None:
                hit.run_count = self.run_count
            else:
                fragment = msg.delta.fragment_id if kind == "delta" else ""
                self.cache[msg.hash] = _Cached(raw, self.run_count, fragment)

        if kind == "new_session":
            run_meta = msg.metadata.run
            self.current = Run(run_meta.script_run_id, tuple(run_meta.fragment_ids), now)
            self.runs.append(self.current)
            del self.runs[:-50]
            self.max_age = msg.new_session.config.max_cached_message_age or self.max_age
            if not self.page_script_hash:
                self.page_script_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._on_element(msg.delta.new_element, msg.delta.fragment_id, now)
        elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
            self.errors.append(f"script error: {msg.session_event.script_compilation_exception.message}")
        elif kind == "script_finished":
            self._on_finished(msg.script_finished, now)

    def _on_element(self, el: Element, fragment: str, now: float) -> None:
        kind = el.WhichOneof("type")
        run_id = self.current.run_id if self.current else ""
        if kind == "heading" and el.heading.tag == "h3" and self.current is not None:
            self.current.headings.setdefault(el.heading.body, now)
        elif kind == "exception":
            self.errors.append(f"exception in the app: {el.exception.type}: {el.exception.message}")
        elif kind == "checkbox":
            box = el.checkbox
            known = self.widgets.get(box.id)
            if box.set_value or known is None or known.state is None:
                value = box.value if box.set_value else box.default
                state: WidgetState | None = WidgetState(id=box.id, bool_value=value)
            else:
                state = known.state
            self.widgets[box.id] = _Widget(state, fragment, run_id)
        elif kind == "selectbox":
            sel = el.selectbox
            known = self.widgets.get(sel.id)
            if sel.set_value:
                state = (
                    WidgetState(id=sel.id, string_value=sel.raw_value) if sel.HasField("raw_value") else None
                )
            elif known is not None and known.state is not None:
                state = known.state
            elif sel.HasField("default") and 0 <= sel.default < len(sel.options):
                state = WidgetState(id=sel.id, string_value=sel.options[sel.default])
            else:
                state = None
            self.widgets[sel.id] = _Widget(state, fragment, run_id)
        elif kind == "radio":
            radio = el.radio
            known = self.widgets.get(radio.id)
            if radio.set_value:
                state = (
                    WidgetState(id=radio.id, string_value=radio.raw_value)
                    if radio.HasField("raw_value")
                    else None
                )
            elif known is not None and known.state is not None:
                state = known.state
            elif radio.HasField("default") and 0 <= radio.default < len(radio.options):
                state = WidgetState(id=radio.id, string_value=radio.options[radio.default])
            else:
                state = None
            self.widgets[radio.id] = _Widget(state, fragment, run_id)
        elif kind == "multiselect":
            multi = el.multiselect
            known = self.widgets.get(multi.id)
            if multi.set_value:
                state = WidgetState(id=multi.id)
                state.string_array_value.data.extend(multi.raw_values)
            elif known is not None and known.state is not None:
                state = known.state
            else:
                state = WidgetState(id=multi.id)
                state.string_array_value.data.extend(multi.options[i] for i in multi.default)
            self.widgets[multi.id] = _Widget(state, fragment, run_id)
        elif kind == "button":
            self.widgets[el.button.id] = _Widget(None, fragment, run_id)
        elif kind == "bidi_component":
            comp = el.bidi_component
            if comp.component_name.endswith("class_follow"):
                self.follow = (comp.id, fragment, json.loads(comp.json))
            elif comp.component_name.endswith("body_map"):
                self.map_id, self.map_fragment = comp.id, fragment
            elif comp.component_name.endswith("map_state") and self.current is not None:
                data = json.loads(comp.json)
                self.current.map_state = data
                self.post = data.get("post")  # a class's answer route, where the map posts each tap first
                self.state = data.get("state") or {}
                self.ack = self.acked(data.get("ack"))

    def _on_finished(self, status: int, now: float) -> None:
        run = self.current
        if run is None:
            self.errors.append("script_finished without a run")
            return
        run.finished, run.status = now, status
        if status in SUCCESS:
            # The browser drops the widgets of the part that ran that the run did not draw again.
            for wid, w in list(self.widgets.items()):
                if w.run_id != run.run_id and (not run.fragment_ids or w.fragment in run.fragment_ids):
                    del self.widgets[wid]
        elif status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            self.errors.append("script finished with a compile error")
        if status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.run_count += 1
            for key, entry in list(self.cache.items()):
                if run.fragment_ids and entry.fragment not in run.fragment_ids:
                    continue
                if self.run_count - entry.run_count > self.max_age:
                    del self.cache[key]
        self.current = None
        self._changed.set()
