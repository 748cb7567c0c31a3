"""The FastAPI test server: a small pet API plus endpoints that exercise every request and response
feature Specter handles (parameter styles, bodies, auth, redirects, timeouts, errors, encodings)."""
import asyncio
import base64
import datetime
import time
from enum import Enum
from typing import Annotated, Optional

from fastapi import Body, Cookie, Depends, FastAPI, File, Form, Header, HTTPException, Query, Request, Response, UploadFile
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlows
from fastapi.security import APIKeyHeader, HTTPBearer, OAuth2, OAuth2PasswordBearer
from pydantic import BaseModel, Field

app = FastAPI(
    title="Specter Test Pets",
    version="1.0.0",
    description="A pet store for Specter's tests: *real* FastAPI validation, auth, redirects and errors.",
    openapi_tags=[
        {"name": "pets", "description": "Pets in the store"},
        {"name": "echo", "description": "Endpoints that report exactly what they received"},
        {"name": "auth", "description": "Authentication"},
        {"name": "behaviour", "description": "Slow, failing, compressed and odd responses"},
    ],
)
app.add_middleware(GZipMiddleware, minimum_size=1000)


class Status(str, Enum):
    available = "available"
    pending = "pending"
    sold = "sold"


class PetIn(BaseModel):
    name: str = Field(min_length=1, max_length=40, examples=["Rex"])
    age: int = Field(ge=0, le=50, description="Age in years")
    status: Status = Status.available
    tags: list[str] = []


class Pet(PetIn):
    id: int


PETS: dict[int, Pet] = {1: Pet(id=1, name="Rex", age=3, status=Status.available, tags=["dog"])}

TOKENS = {"alice-token"}
bearer = HTTPBearer(auto_error=False)
api_key = APIKeyHeader(name="X-API-Key", auto_error=False)
oauth2 = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)
machine = OAuth2(flows=OAuthFlows(clientCredentials=OAuthFlowClientCredentials(tokenUrl="token", scopes={})), scheme_name="Machine", auto_error=False)


@app.get("/pets", tags=["pets"], response_model=list[Pet], summary="List pets")
def list_pets(limit: Annotated[int, Query(ge=1, le=100)] = 10, status: Optional[Status] = None, tag: Annotated[list[str], Query()] = []):
    pets = [p for p in PETS.values() if (status is None or p.status == status) and all(t in p.tags for t in tag)]
    return pets[:limit]


@app.post("/pets", tags=["pets"], response_model=Pet, status_code=201, summary="Create a pet")
def create_pet(pet: PetIn):
    new = Pet(id=max(PETS) + 1, **pet.model_dump())
    PETS[new.id] = new
    return new


@app.get("/pets/{pet_id}", tags=["pets"], response_model=Pet, summary="Get a pet", responses={404: {"description": "No such pet"}})
def get_pet(pet_id: int):
    if pet_id not in PETS:
        raise HTTPException(status_code=404, detail=f"pet {pet_id} not found")
    return PETS[pet_id]


@app.put("/pets/{pet_id}", tags=["pets"], response_model=Pet, summary="Replace a pet", responses={404: {"description": "No such pet"}})
def update_pet(pet_id: int, pet: PetIn):
    if pet_id not in PETS:
        raise HTTPException(status_code=404, detail=f"pet {pet_id} not found")
    PETS[pet_id] = Pet(id=pet_id, **pet.model_dump())
    return PETS[pet_id]


@app.delete("/pets/{pet_id}", tags=["pets"], status_code=204, summary="Delete a pet", deprecated=True)
def delete_pet(pet_id: int):
    PETS.pop(pet_id, None)
    return Response(status_code=204)


@app.get("/echo/path/{value}", tags=["echo"], summary="Echo the raw path")
def echo_path(value: str, request: Request):
    return {"path": request.scope.get("raw_path", b"").decode("latin-1"), "value": value}


@app.get("/echo/query", tags=["echo"], summary="Echo the raw query string")
def echo_query(request: Request, q: Optional[str] = None):
    return {"query": request.scope.get("query_string", b"").decode("latin-1"), "pairs": list(request.query_params.multi_items())}


@app.get("/echo/headers", tags=["echo"], summary="Echo request headers")
def echo_headers(request: Request, x_trace: Annotated[Optional[str], Header()] = None, session: Annotated[Optional[str], Cookie()] = None):
    return {"headers": {k: v for k, v in request.headers.items()}, "cookies": dict(request.cookies)}


@app.post("/echo/body", tags=["echo"], summary="Echo the raw body and its content type")
async def echo_body(request: Request):
    raw = await request.body()
    return {"contentType": request.headers.get("content-type"), "body": raw.decode("utf-8", "replace"), "length": len(raw)}


@app.post("/forms/login", tags=["echo"], summary="Form login")
def form_login(username: Annotated[str, Form()], password: Annotated[str, Form()], remember: Annotated[bool, Form()] = False):
    return {"username": username, "remember": remember, "passwordLength": len(password)}


@app.post("/uploads", tags=["echo"], summary="Upload a file with a description")
async def upload(file: Annotated[UploadFile, File()], description: Annotated[str, Form()] = ""):
    content = await file.read()
    return {"filename": file.filename, "contentType": file.content_type, "size": len(content), "description": description}


@app.get("/secure/bearer", tags=["auth"], summary="Needs a bearer token")
def secure_bearer(credentials=Depends(bearer)):
    if credentials is None or credentials.credentials not in TOKENS:
        raise HTTPException(status_code=401, detail="missing or bad bearer token", headers={"WWW-Authenticate": "Bearer"})
    return {"user": "alice"}


@app.get("/secure/key", tags=["auth"], summary="Needs an API key")
def secure_key(key=Depends(api_key)):
    if key != "k-123":
        raise HTTPException(status_code=401, detail="missing or bad API key")
    return {"key": "ok"}


@app.get("/secure/oauth", tags=["auth"], summary="Needs an OAuth2 token")
def secure_oauth(token=Depends(oauth2)):
    if token is None or not token.startswith("issued-"):
        raise HTTPException(status_code=401, detail="missing or bad OAuth2 token")
    return {"token": token}


TOKEN_COUNT = {"issued": 0}


@app.get("/secure/machine", tags=["auth"], summary="Needs an OAuth2 client-credentials token")
def secure_machine(authorization=Depends(machine)):
    if authorization is None or not authorization.startswith("Bearer issued-"):
        raise HTTPException(status_code=401, detail="missing or bad machine token")
    return {"machine": True}


@app.post("/token", tags=["auth"], summary="OAuth2 token endpoint (password and client credentials)")
async def token(request: Request):
    form = await request.form()
    grant = form.get("grant_type")
    basic = request.headers.get("authorization", "")
    client_ok = form.get("client_id") == "specter" or basic == "Basic " + base64.b64encode(b"specter:s3cret").decode()
    # bob's password has the characters a NAME=VALUE,… credential string cannot hold.
    passwords = {"alice": "wonderland", "bob": "p,ss=w0rd"}
    if grant == "password" and form.get("username") in passwords and form.get("password") == passwords[form.get("username")]:
        pass
    elif grant == "client_credentials" and client_ok:
        pass
    else:
        return JSONResponse({"error": "invalid_grant"}, status_code=400)
    TOKEN_COUNT["issued"] += 1
    return {"access_token": f"issued-{TOKEN_COUNT['issued']}", "token_type": "bearer", "expires_in": 3600}


@app.get("/token/count", tags=["auth"], summary="How many tokens were issued")
def token_count():
    return TOKEN_COUNT


@app.get("/redirect/elsewhere", tags=["behaviour"], summary="Redirects to the same server under another host name")
def redirect_elsewhere(request: Request):
    port = request.url.port
    return RedirectResponse(f"http://localhost:{port}/echo/headers", status_code=302)


@app.get("/redirect/same", tags=["behaviour"], summary="Redirects within the same origin")
def redirect_same():
    return RedirectResponse("/echo/headers", status_code=307)


@app.get("/redirect/loop", tags=["behaviour"], summary="Redirects forever")
def redirect_loop():
    return RedirectResponse("/redirect/loop", status_code=302)


@app.get("/slow", tags=["behaviour"], summary="Answers after a delay")
async def slow(seconds: float = 2.0):
    await asyncio.sleep(seconds)
    return {"slept": seconds}


@app.get("/fail", tags=["behaviour"], summary="Fails with the given status")
def fail(status: int = 500):
    return JSONResponse({"detail": f"failed with {status}"}, status_code=status)


@app.get("/problem", tags=["behaviour"], summary="An RFC 9457 problem details error")
def problem():
    body = {"type": "https://example.com/probs/out-of-stock", "title": "Out of stock", "status": 409, "detail": "No pets left",
            "errors": [{"pointer": "#/name", "detail": "name is taken"}]}
    return JSONResponse(body, status_code=409, media_type="application/problem+json")


@app.get("/big", tags=["behaviour"], summary="A large JSON body (gzip-compressed on request)")
def big(items: int = 500):
    return [{"id": i, "name": f"pet number {i}", "status": "available"} for i in range(items)]


@app.get("/binary", tags=["behaviour"], summary="A binary PNG body", response_class=Response, responses={200: {"content": {"image/png": {}}}})
def binary():
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    return Response(content=png, media_type="image/png", headers={"Content-Disposition": 'attachment; filename="../../evil.png"'})


@app.get("/mismatch", tags=["behaviour"], response_model=Pet, summary="Answers with a body that does not match its schema")
def mismatch():
    return JSONResponse({"id": "not-a-number", "name": 7, "status": "lost"})


@app.get("/hostile", tags=["behaviour"], summary="A body and a header full of terminal escape sequences")
def hostile():
    evil = "\x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x1b]52;c;ZXZpbA==\x07 \x9b2J"
    return JSONResponse({"message": evil}, headers={"X-Evil": "\x1b[2Jcleared"})


def qs_parse(text):
    """Reads `a[b][0][c]=1&…` the way Rails, PHP and Node's `qs` do: brackets nest, digits index lists."""
    from urllib.parse import unquote_plus
    import re
    result = {}
    for pair in filter(None, text.split("&")):
        raw_key, _, raw_value = pair.partition("=")
        key, value = unquote_plus(raw_key), unquote_plus(raw_value)
        head, bracket, rest = key.partition("[")
        tokens = [head] + (re.findall(r"\[([^\]]*)\]", bracket + rest) if bracket else [])
        container = result
        for position, token in enumerate(tokens):
            last = position == len(tokens) - 1
            slot = int(token) if isinstance(container, list) else token
            if isinstance(container, list):
                while len(container) <= slot:
                    container.append(None)
            if last:
                container[slot] = value
            else:
                if container[slot] if isinstance(container, list) else slot in container:
                    container = container[slot]
                    continue
                made = [] if tokens[position + 1].isdigit() else {}
                container[slot] = made
                container = made
    return result


@app.post("/echo/qs", tags=["echo"], summary="Reads the query and a form body with bracket nesting, as qs does")
async def echo_qs(request: Request):
    body = (await request.body()).decode()
    return {"query": qs_parse(request.url.query), "form": qs_parse(body)}


class Event(BaseModel):
    name: str
    at: datetime.datetime


@app.get("/events/latest", tags=["behaviour"], response_model=Event, summary="A naive datetime, as Pydantic writes one (no time-zone offset)")
def latest_event():
    return Event(name="launch", at=datetime.datetime(2026, 1, 1, 9, 30))


@app.get("/ping", tags=["behaviour"], response_class=PlainTextResponse, summary="The smallest answer, for measuring clients")
def ping():
    return PlainTextResponse("pong")


@app.get("/text", tags=["behaviour"], response_class=PlainTextResponse, summary="A plain text body in Latin-1")
def text():
    return Response(content="caf\xe9 cr\xe8me".encode("latin-1"), media_type="text/plain; charset=iso-8859-1")


def _raw(request: Request):
    return {
        "path": request.scope.get("raw_path", b"").decode("latin-1"),
        "query": request.scope.get("query_string", b"").decode("latin-1"),
        "headers": {k: v for k, v in request.headers.items()},
        "cookie": request.headers.get("cookie"),
    }


def _styled(name, where, style, explode, schema):
    return {"name": name, "in": where, "style": style, "explode": explode, "schema": schema, "required": where == "path"}


_COLOR = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}, {"type": "object", "additionalProperties": {"type": "integer"}}]}

for _style in ["simple", "label", "matrix"]:
    for _explode in [False, True]:
        _path = f"/echo/styles/{_style}{'-exploded' if _explode else ''}/{{color}}"

        def _endpoint(request: Request):
            return _raw(request)

        app.add_api_route(_path, _endpoint, methods=["GET"], tags=["echo"], summary=f"Path parameter in {_style} style, explode {_explode}",
                          operation_id=f"path_{_style}_{'exploded' if _explode else 'plain'}",
                          openapi_extra={"parameters": [_styled("color", "path", _style, _explode, _COLOR)]})


@app.get("/echo/styles/query", tags=["echo"], summary="Query, header and cookie parameters in every style",
         openapi_extra={"parameters": [
             _styled("form", "query", "form", False, _COLOR),
             _styled("exploded", "query", "form", True, _COLOR),
             _styled("spaced", "query", "spaceDelimited", False, _COLOR),
             _styled("piped", "query", "pipeDelimited", False, _COLOR),
             _styled("deep", "query", "deepObject", True, {"type": "object", "additionalProperties": {"type": "string"}}),
             {"name": "reserved", "in": "query", "allowReserved": True, "schema": {"type": "string"}},
             _styled("X-Colors", "header", "simple", False, _COLOR),
             _styled("X-Exploded", "header", "simple", True, _COLOR),
             _styled("flavours", "cookie", "form", False, _COLOR),
             {"name": "filter", "in": "query", "content": {"application/json": {"schema": {"type": "object"}}}},
         ]})
def echo_styles(request: Request):
    return _raw(request)


@app.get("/echo/client", include_in_schema=False)
def echo_client(request: Request):
    """The client's address and port: two requests from one port came over one kept-alive connection."""
    return {"host": request.client.host, "port": request.client.port}


_sequence = {"arrived": [], "in_flight": 0, "most_in_flight": 0}


@app.get("/sequence/{n}", include_in_schema=False)
async def sequence_step(n: int, pause: float = 0.02, pad: int = 0):
    """Notes the order requests arrive in and how many are in the server at once (tests describe it
    themselves); `pad` adds that many characters to the answer, so checking it takes a while."""
    _sequence["arrived"].append(n)
    _sequence["in_flight"] += 1
    _sequence["most_in_flight"] = max(_sequence["most_in_flight"], _sequence["in_flight"])
    await asyncio.sleep(min(max(pause, 0), 1))
    _sequence["in_flight"] -= 1
    return {"n": n, "pad": "x" * min(max(pad, 0), 4_000_000)}


@app.get("/sequence", include_in_schema=False)
def sequence_log():
    log = {"arrived": list(_sequence["arrived"]), "mostInFlight": _sequence["most_in_flight"]}
    _sequence.update(arrived=[], in_flight=0, most_in_flight=0)
    return log
