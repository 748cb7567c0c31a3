"""The streaming test app (issue #16): Server-Sent Events, JSON Lines and JSON text sequences sent as
they are made, described with OpenAPI 3.2's itemSchema (FastAPI writes it for its own event streams).
An app of its own, so the pet app's operations (and the tests that count them) stay as they are."""
import asyncio
from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, Field

app = FastAPI(title="Specter Test Streams", version="1.0.0", description="Event streams for Specter's tests.")


class Tick(BaseModel):
    n: int = Field(ge=0)
    word: str


_TICK_SCHEMA = {"type": "object", "required": ["n", "word"], "properties": {"n": {"type": "integer", "minimum": 0}, "word": {"type": "string"}}}
_EVENT_SCHEMA = {
    "type": "object", "required": ["data"],
    "properties": {"data": {"type": "string"}, "event": {"type": "string", "enum": ["greeting", "tick", "farewell"]},
                   "id": {"type": "string"}, "retry": {"type": "integer", "minimum": 0}},
}


def _described(media_type, **content):
    return {"responses": {"200": {"description": "Items as they are made", "content": {media_type: content}}}}


@app.get("/sse", response_class=StreamingResponse, summary="A finite event stream: named events, multi-line data, comments, ids, retry",
         openapi_extra=_described("text/event-stream", itemSchema=_EVENT_SCHEMA))
async def sse():
    async def events():
        yield ": a comment the client ignores\n\n"
        yield "retry: 1500\nevent: greeting\nid: 1\ndata: hello\ndata: world\n\n"
        yield 'event: tick\nid: 2\ndata: {"n": 1, "word": "one"}\n\n'
        yield 'event: tick\r\ndata: {"n": 2,\r\ndata:  "word": "two"}\r\n\r\n'
        yield "event: surprise\ndata: not in the enum\n\n"
        yield "event: farewell\ndata: bye\n\n"
    return StreamingResponse(events(), media_type="text/event-stream")


@app.get("/trickle", response_class=EventSourceResponse, summary="One tick every interval seconds (FastAPI's own event stream)")
async def trickle(count: int = 5, interval: float = 0.2) -> AsyncIterable[Tick]:
    for n in range(count):
        if n:
            await asyncio.sleep(interval)
        yield ServerSentEvent(data=Tick(n=n, word=f"tick {n}"), event="tick", id=str(n))


@app.get("/endless", response_class=StreamingResponse, summary="Events as fast as the server can make them; count 0 never ends",
         openapi_extra=_described("text/event-stream", itemSchema={"type": "object", "required": ["data"], "properties": {
             "data": {"type": "string", "contentMediaType": "application/json", "contentSchema": _TICK_SCHEMA}}}))
async def endless(count: int = 0, batch: int = 100):
    async def events():
        n = 0
        while count == 0 or n < count:
            upto = n + batch if count == 0 else min(n + batch, count)
            yield "".join(f'id: {i}\ndata: {{"n": {i}, "word": "w{i}"}}\n\n' for i in range(n, upto))
            n = upto
            await asyncio.sleep(0)
    return StreamingResponse(events(), media_type="text/event-stream")


@app.get("/cut", response_class=StreamingResponse, summary="One event, then the server stops inside the next (abort: the connection is cut)",
         openapi_extra=_described("text/event-stream", itemSchema=_EVENT_SCHEMA))
async def cut(abort: bool = False):
    async def events():
        yield "event: greeting\ndata: complete\n\n"
        await asyncio.sleep(0.05)
        yield "event: tick\ndata: half of an ev"
        await asyncio.sleep(0.05)
        if abort:
            raise RuntimeError("the server fails inside an event")
    return StreamingResponse(events(), media_type="text/event-stream")


@app.get("/jsonl", response_class=StreamingResponse, summary="JSON Lines: a blank line, a line that is not JSON, an item that breaks the item schema",
         openapi_extra=_described("application/jsonl", itemSchema=_TICK_SCHEMA))
async def jsonl():
    async def lines():
        yield '{"n": 0, "word": "zero"}\n'
        yield "\n"
        yield '{"n": 1, "word": "one"}\r\n'
        await asyncio.sleep(0.02)
        yield "this line is not JSON\n"
        yield '{"n": -2, "word": "minus two"}\n'
        yield '{"n": 3, "word": "three"}\n'
    return StreamingResponse(lines(), media_type="application/jsonl")


@app.get("/json-seq", response_class=StreamingResponse, summary="JSON text sequences (RFC 7464), the last one truncated",
         openapi_extra=_described("application/json-seq", itemSchema=_TICK_SCHEMA))
async def json_seq():
    async def records():
        yield '\x1e{"n": 0, "word": "zero"}\n'
        yield '\x1e{"n": 1,\n "word": "one"}\n'
        yield "\x1e42"
    return StreamingResponse(records(), media_type="application/json-seq")
