"""A small OAuth2 authorization server and API for Specter's sign-in tests (standard library only).

It implements the authorization code grant with PKCE (S256 checked), the device authorization grant
(RFC 8628, with authorization_pending, slow_down, access_denied and expired_token), refresh tokens
(rotated on every use) and an API endpoint that needs a bearer token it issued.

Tests drive it without a browser:
- the test plays the browser: it GETs the authorization URL Specter prints (adding `decision=deny`
  to refuse, or `decision=forge_state` to come back with another state) and follows the redirect
  to Specter's loopback listener;
- `POST /verify?user_code=…&decision=approve|deny` stands for the user at the verification page;
- `GET /stats?client_id=…` counts what a client did (tokens, refreshes, polls, slow_downs) and gives
  the last tokens it was issued, so a test can show they were never printed;
- `GET /.well-known/oauth-authorization-server` is its RFC 8414 metadata (OpenAPI 3.2's
  `oauth2MetadataUrl`); `…/mixup` answers with the root's issuer (a mix-up a client must refuse),
  `/metadata/plain-only` offers PKCE without S256, `/metadata/insecure` names an http token endpoint
  elsewhere; `?probe=NAME` counts the reads under `/stats?client_id=NAME` (`metadata_reads`).

Behaviour for one test is chosen in its client_id, so parallel tests never share settings:
`NAME;token_expires=2;code_expires=0;device_expires=1;interval=1;second=0.01;slow_down=1;confidential=1`
- token_expires: access token lifetime (s, default 3600); code_expires: authorization code lifetime
  (default 60); device_expires: device code lifetime (default 600); interval: the device poll interval
  (default 1); second: how long one of those seconds is in real time when checking polls are not too
  fast (default 1; a test that shortens its client's sleeps shortens this to match); slow_down: answer
  the first N polls with slow_down whatever their pace; confidential: the client must authenticate with
  HTTP Basic and the secret "s3cret".
"""
import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

LOCK = threading.Lock()
CODES = {}  # authorization code -> grant details
DEVICES = {}  # device code -> device grant state
USER_CODES = {}  # user code -> device code
REFRESH = {}  # refresh token -> client_id
ACCESS = {}  # access token -> (client_id, expires at)
STATS = {}  # client_id -> counters
CLIENT_SECRET = "s3cret"


def options(client_id):
    parts = (client_id or "").split(";")
    settings = {}
    for part in parts[1:]:
        key, _, value = part.partition("=")
        settings[key] = float(value) if value else 1.0
    return settings


def stats(client_id):
    return STATS.setdefault(client_id, {"tokens": 0, "refreshes": 0, "polls": 0, "slow_downs": 0, "metadata_reads": 0,
                                        "last_access_token": None, "last_refresh_token": None})


def count(client_id, what):
    stats(client_id)[what] += 1


def description(base):
    scopes = {"read": "Read your profile"}
    return {
        "openapi": "3.2.0",
        "info": {"title": "OAuth2 sign-in test API", "version": "1"},
        "servers": [{"url": base}],
        "paths": {
            "/me": {"get": {"operationId": "me", "security": [{"signIn": ["read"]}],
                            "responses": {"200": {"description": "who you are", "content": {"application/json": {"schema": {
                                "type": "object", "required": ["client"], "properties": {"client": {"type": "string"}}}}}},
                                          "401": {"description": "no valid token"}}}},
        },
        "components": {"securitySchemes": {"signIn": {"type": "oauth2", "flows": {
            "authorizationCode": {"authorizationUrl": "/authorize", "tokenUrl": "/token", "scopes": scopes},
            "deviceAuthorization": {"deviceAuthorizationUrl": "/device", "tokenUrl": "/token", "scopes": scopes},
        }}}},
    }


def metadata(base, path):
    """RFC 8414 authorization server metadata, in the variants the module's docstring lists."""
    body = {"issuer": base, "authorization_endpoint": base + "/authorize", "token_endpoint": base + "/token",
            "device_authorization_endpoint": base + "/device",
            "grant_types_supported": ["authorization_code", "urn:ietf:params:oauth:grant-type:device_code", "refresh_token"],
            "code_challenge_methods_supported": ["S256"]}
    if path.endswith("/plain-only"):
        body["code_challenge_methods_supported"] = ["plain"]
    if path.endswith("/insecure"):
        body["token_endpoint"] = "http://tokens.example.com/token"
    return body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, headers=None):
        data = json.dumps(body).encode() if not isinstance(body, bytes) else body
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def error(self, code, description, status=400):
        self.reply(status, {"error": code, "error_description": description})

    def form(self):
        length = int(self.headers.get("Content-Length") or 0)
        return {key: values[0] for key, values in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}

    def client(self, form):
        """The client_id of the request, or None after answering invalid_client."""
        header = self.headers.get("Authorization", "")
        if header.startswith("Basic "):
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            if secret != CLIENT_SECRET:
                self.error("invalid_client", "wrong client secret", 401)
                return None
            return client_id
        client_id = form.get("client_id")
        if not client_id:
            self.error("invalid_client", "no client_id")
            return None
        if options(client_id).get("confidential"):
            self.error("invalid_client", "this client must authenticate", 401)
            return None
        return client_id

    def issue(self, client_id):
        access, refresh = "at-" + secrets.token_urlsafe(16), "rt-" + secrets.token_urlsafe(16)
        lifetime = options(client_id).get("token_expires", 3600)
        ACCESS[access] = (client_id, time.time() + lifetime)
        REFRESH[refresh] = client_id
        count(client_id, "tokens")
        stats(client_id).update(last_access_token=access, last_refresh_token=refresh)
        self.reply(200, {"access_token": access, "token_type": "Bearer", "expires_in": int(lifetime) if float(lifetime).is_integer() else lifetime, "refresh_token": refresh})

    def do_GET(self):
        url = urlsplit(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query, keep_blank_values=True).items()}
        if url.path == "/openapi.json":
            self.reply(200, description(f"http://127.0.0.1:{self.server.server_address[1]}"))
        elif url.path == "/authorize":
            self.authorize(query)
        elif url.path == "/me":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            with LOCK:
                known = ACCESS.get(token)
            if not known or known[1] < time.time():
                self.reply(401, {"detail": "no valid token"}, {"WWW-Authenticate": "Bearer"})
            else:
                self.reply(200, {"client": known[0].split(";")[0]})
        elif url.path.startswith("/.well-known/oauth-authorization-server") or url.path.startswith("/metadata/"):
            with LOCK:
                if query.get("probe"):
                    count(query["probe"], "metadata_reads")
            self.reply(200, metadata(f"http://127.0.0.1:{self.server.server_address[1]}", url.path))
        elif url.path == "/stats":
            with LOCK:
                self.reply(200, stats(query.get("client_id")))
        else:
            self.reply(404, {"detail": "not found"})

    def authorize(self, query):
        redirect = query.get("redirect_uri", "")
        target = urlsplit(redirect)
        if target.scheme != "http" or target.hostname != "127.0.0.1" or not target.port:
            self.reply(400, {"detail": "redirect_uri must be a loopback http URL with a port"})
            return
        state = query.get("state", "")
        decision = query.get("decision", "approve")
        if decision == "forge_state":
            state = "forged-" + secrets.token_urlsafe(8)
        if decision == "deny":
            answer = {"error": "access_denied", "error_description": "the user said no", "state": state}
        elif query.get("response_type") != "code" or query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            answer = {"error": "invalid_request", "error_description": "response_type=code with an S256 code_challenge is required", "state": state}
        else:
            code = "ac-" + secrets.token_urlsafe(16)
            lifetime = options(query.get("client_id")).get("code_expires", 60)
            with LOCK:
                CODES[code] = {"client_id": query.get("client_id"), "redirect_uri": redirect, "challenge": query["code_challenge"],
                               "expires": time.time() + lifetime}
            answer = {"code": code, "state": state}
        self.send_response(302)
        self.send_header("Location", redirect + ("&" if target.query else "?") + urlencode(answer))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path == "/verify":
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            with LOCK:
                device = DEVICES.get(USER_CODES.get(query.get("user_code", "").upper(), ""))
                if device is None:
                    self.reply(404, {"detail": "no such user code"})
                    return
                device["decision"] = "denied" if query.get("decision") == "deny" else "approved"
            self.reply(200, {"decision": device["decision"]})
            return
        form = self.form()
        client_id = self.client(form)
        if client_id is None:
            return
        with LOCK:
            if url.path == "/device":
                self.device(client_id)
            elif url.path == "/token":
                self.token(client_id, form)
            else:
                self.reply(404, {"detail": "not found"})

    def device(self, client_id):
        settings = options(client_id)
        device_code = "dc-" + secrets.token_urlsafe(16)
        user_code = secrets.token_hex(2).upper() + "-" + secrets.token_hex(2).upper()
        interval = int(settings.get("interval", 1))
        DEVICES[device_code] = {"client_id": client_id, "user_code": user_code, "decision": None, "interval": interval,
                                "expires": time.time() + settings.get("device_expires", 600) * settings.get("second", 1),
                                "last_poll": None, "forced_slow_downs": int(settings.get("slow_down", 0))}
        USER_CODES[user_code] = device_code
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.reply(200, {"device_code": device_code, "user_code": user_code, "verification_uri": base + "/verify",
                         "verification_uri_complete": base + "/verify?user_code=" + user_code,
                         "expires_in": int(settings.get("device_expires", 600)), "interval": interval})

    def token(self, client_id, form):
        grant = form.get("grant_type")
        if grant == "authorization_code":
            details = CODES.pop(form.get("code", ""), None)
            if details is None or details["client_id"] != client_id:
                self.error("invalid_grant", "unknown or used authorization code")
            elif details["expires"] <= time.time():
                self.error("invalid_grant", "the authorization code expired")
            elif details["redirect_uri"] != form.get("redirect_uri"):
                self.error("invalid_grant", "redirect_uri differs from the authorization request")
            elif base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest()).rstrip(b"=").decode() != details["challenge"]:
                self.error("invalid_grant", "the code_verifier does not match the code_challenge")
            else:
                self.issue(client_id)
        elif grant == "refresh_token":
            owner = REFRESH.pop(form.get("refresh_token", ""), None)
            if owner != client_id:
                self.error("invalid_grant", "unknown or used refresh token")
            else:
                count(client_id, "refreshes")
                self.issue(client_id)
        elif grant == "urn:ietf:params:oauth:grant-type:device_code":
            self.poll(client_id, form.get("device_code", ""))
        else:
            self.error("unsupported_grant_type", f"{grant} is not supported here")

    def poll(self, client_id, device_code):
        device = DEVICES.get(device_code)
        if device is None or device["client_id"] != client_id:
            self.error("invalid_grant", "unknown device code")
            return
        count(client_id, "polls")
        now = time.time()
        second = options(client_id).get("second", 1)
        too_fast = device["last_poll"] is not None and now - device["last_poll"] < device["interval"] * second * 0.9
        device["last_poll"] = now
        if device["expires"] <= now:
            self.error("expired_token", "the device code expired")
        elif device["forced_slow_downs"] > 0 or too_fast:
            device["forced_slow_downs"] = max(0, device["forced_slow_downs"] - 1)
            device["interval"] += 5
            count(client_id, "slow_downs")
            self.error("slow_down", "poll less often")
        elif device["decision"] == "denied":
            self.error("access_denied", "the user said no")
        elif device["decision"] == "approved":
            del DEVICES[device_code]
            self.issue(client_id)
        else:
            self.error("authorization_pending", "waiting for the user")


def serve(sock):
    """A threading server over an already bound socket."""
    server = ThreadingHTTPServer(sock.getsockname(), Handler, bind_and_activate=False)
    server.socket.close()
    server.socket = sock
    server.daemon_threads = True
    sock.listen(64)
    return server
