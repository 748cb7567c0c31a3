"""A deliberately hostile HTTP server for Specter's tests: huge and compressed-bomb bodies, slow drips,
cut connections, bodies where none belong, redirect loops and redirects to another origin, escape
sequences and Latin-1 bytes in the status line and headers, and a description whose schemas are costly.

It listens on two ports of 127.0.0.1: the main one, and a second one that is "another origin" for
redirects. Responses are written byte by byte as given, never tidied by a framework."""
import gzip
import json
import socketserver
import threading
import time
import zlib
from urllib.parse import parse_qs, urlsplit

OTHER_PORT = None


def gzip_bomb():
    """A gzip stream of 10 MB that expands to 10 GiB of zeros, built from one repeated deflate block."""
    zeros = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header, first, block, 10240


def description(port):
    """The OpenAPI document of this server: the routes, a costly response schema, the recursive pet."""
    costly = {f"S{level}": {"anyOf": [{"allOf": [{"$ref": f"#/components/schemas/S{level + 1}"}, {"minLength": 5}]},
                                      {"allOf": [{"$ref": f"#/components/schemas/S{level + 1}"}, {"maxLength": 2}]}]}
              for level in range(40)}
    costly["S40"] = {"type": "integer"}
    text = {"description": "ok", "content": {"text/plain": {"schema": {"type": "string"}}}}
    json_array = {"description": "ok", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}}
    paths = {
        "/big": {"get": {"operationId": "big", "parameters": [{"name": "mb", "in": "query", "schema": {"type": "integer"}},
                                                              {"name": "pace", "in": "query", "schema": {"type": "integer"}}], "responses": {"200": json_array}}},
        "/bomb": {"get": {"operationId": "bomb", "responses": {"200": json_array}}},
        "/bomb-chunked": {"get": {"operationId": "bombChunked", "responses": {"200": json_array}}},
        "/drip": {"get": {"operationId": "drip", "parameters": [{"name": "bytes", "in": "query", "schema": {"type": "integer"}},
                                                                 {"name": "ms", "in": "query", "schema": {"type": "integer"}}],
                          "responses": {"200": text}}},
        "/reset": {"get": {"operationId": "reset", "responses": {"200": text}}},
        "/no-content-with-body": {"get": {"operationId": "noContentWithBody", "responses": {"204": {"description": "nothing"}}}},
        "/not-modified-with-body": {"get": {"operationId": "notModifiedWithBody", "responses": {"304": {"description": "nothing"}}}},
        "/loop": {"get": {"operationId": "loop", "responses": {"302": {"description": "again"}}}},
        "/keyed/elsewhere": {"get": {"operationId": "keyedElsewhere", "security": [{"HeaderKey": []}, {"QueryKey": []}, {"CookieKey": []}],
                                     "responses": {"302": {"description": "to another origin"}}}},
        "/escapes": {"get": {"operationId": "escapes", "responses": {"200": text}}},
        "/latin1": {"get": {"operationId": "latin1", "responses": {"200": text}}},
        "/controls-json": {"get": {"operationId": "controlsJSON", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        "/deep-json": {"get": {"operationId": "deepJSON", "responses": {"200": json_array}}},
        "/costly": {"get": {"operationId": "costly", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}}}}},
        "/pet": {"get": {"operationId": "pet", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}},
    }
    schemas = dict(costly)
    schemas["Pet"] = {"type": "object", "required": ["pet_type"], "properties": {"pet_type": {"type": "string"}, "name": {"type": "string"}},
                      "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}], "discriminator": {"propertyName": "pet_type"}}
    schemas["Cat"] = {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "object", "properties": {"hunts": {"type": "boolean"}}}]}
    schemas["Dog"] = {"allOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "object", "properties": {"bark": {"type": "boolean"}}}]}
    return {
        "openapi": "3.1.0", "info": {"title": "Hostile server", "version": "1"},
        "servers": [{"url": f"http://127.0.0.1:{port}"}], "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "HeaderKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            "QueryKey": {"type": "apiKey", "in": "query", "name": "api_key"},
            "CookieKey": {"type": "apiKey", "in": "cookie", "name": "session"}}},
    }


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.connection.recv(65536)
            if not chunk:
                return
            head += chunk
        request_line, *header_lines = head.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        url = urlsplit(target)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        port = self.server.server_address[1]
        try:
            self.route(url.path, query, headers, port, target)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send(self, status_line, headers, body=b""):
        head = status_line + b"\r\n" + b"".join(name + b": " + value + b"\r\n" for name, value in headers) + b"Connection: close\r\n\r\n"
        self.connection.sendall(head + body)

    def route(self, path, query, headers, port, target):
        if path == "/openapi.json":
            body = json.dumps(description(port)).encode()
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"application/json"), (b"Content-Length", str(len(body)).encode())], body)
        elif path == "/echo":
            body = json.dumps({"headers": headers, "target": target}).encode()
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"application/json"), (b"Content-Length", str(len(body)).encode())], body)
        elif path == "/big":
            line = b'{"id": 12345, "name": "abcdefghijklmnopqrstuvwxyz", "tags": ["x", "y"]},\n'
            total = int(query.get("mb", "500")) << 20
            # pace: milliseconds between megabytes, so a body is still arriving however fast the client reads.
            pace = int(query.get("pace", "0")) / 1000
            block = line * ((1 << 20) // len(line))
            block += b" " * ((1 << 20) - len(block))
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"application/json"), (b"Content-Length", str(total).encode())])
            for _ in range(total >> 20):
                self.connection.sendall(block)
                if pace:
                    time.sleep(pace)
        elif path in ("/bomb", "/bomb-chunked"):
            header, first, block, count = gzip_bomb()
            length = len(header) + len(first) + len(block) * (count - 1)
            fields = [(b"Content-Type", b"application/json"), (b"Content-Encoding", b"gzip")]
            fields.append((b"Content-Length", str(length).encode()) if path == "/bomb" else (b"Transfer-Encoding", b"chunked"))
            self.send(b"HTTP/1.1 200 OK", fields)
            frame = (lambda data: data) if path == "/bomb" else (lambda data: b"%x\r\n%s\r\n" % (len(data), data))
            self.connection.sendall(frame(header + first))
            for _ in range(count - 1):
                self.connection.sendall(frame(block))
        elif path == "/drip":
            count, pause = int(query.get("bytes", "20")), int(query.get("ms", "100")) / 1000
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"text/plain"), (b"Content-Length", str(count).encode())])
            for _ in range(count):
                self.connection.sendall(b"x")
                time.sleep(pause)
        elif path == "/reset":
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"text/plain"), (b"Content-Length", b"100")], b"short")
        elif path == "/no-content-with-body":
            self.send(b"HTTP/1.1 204 No Content", [(b"Content-Length", b"5")], b"oops!")
        elif path == "/not-modified-with-body":
            self.send(b"HTTP/1.1 304 Not Modified", [(b"Content-Length", b"5")], b"oops!")
        elif path == "/loop":
            self.send(b"HTTP/1.1 302 Found", [(b"Location", b"/loop"), (b"Content-Length", b"0")])
        elif path == "/keyed/elsewhere":
            location = f"http://127.0.0.1:{OTHER_PORT}/echo?{urlsplit(target).query}".encode()
            self.send(b"HTTP/1.1 302 Found", [(b"Location", location), (b"Content-Length", b"0")])
        elif path == "/escapes":
            body = b"\x1b[2J\x1b]0;pwned\x07body \x1b[31mred\x9b31m"
            self.send(b"HTTP/1.1 200 OK\x1b[2J", [(b"Content-Type", b"text/plain"), (b"X-Evil", b"\x1b]52;c;cHduZWQ=\x07"),
                                                 (b"Content-Length", str(len(body)).encode())], body)
        elif path == "/latin1":
            body = b"caf\xe9"
            self.send(b"HTTP/1.1 200 Caf\xe9 cr\xe8me", [(b"Content-Type", b"text/plain; charset=iso-8859-1"), (b"X-Name", b"caf\xe9"),
                                                         (b"Content-Length", str(len(body)).encode())], body)
        elif path == "/controls-json":
            body = json.dumps({"csi": "\u009b31m", "bidi": "\u202eevil", "esc": "\u001b[2J"}, ensure_ascii=False).encode()
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"application/json"), (b"Content-Length", str(len(body)).encode())], body)
        elif path == "/deep-json":
            body = b"[" * 600 + b"]" * 600
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"application/json"), (b"Content-Length", str(len(body)).encode())], body)
        elif path == "/costly":
            body = b'"abc"'
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"application/json"), (b"Content-Length", str(len(body)).encode())], body)
        elif path == "/pet":
            body = b'{"pet_type": "Cat", "name": "Tom", "hunts": true}'
            self.send(b"HTTP/1.1 200 OK", [(b"Content-Type", b"application/json"), (b"Content-Length", str(len(body)).encode())], body)
        else:
            self.send(b"HTTP/1.1 404 Not Found", [(b"Content-Length", b"0")])


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def serve(sock, other_sock):
    """Serves on two pre-bound sockets (the main port, and the "other origin")."""
    global OTHER_PORT
    OTHER_PORT = other_sock.getsockname()[1]
    servers = []
    for bound in (sock, other_sock):
        server = Server(bound.getsockname(), Handler, bind_and_activate=False)
        server.socket.close()
        server.socket = bound
        bound.listen(64)
        servers.append(server)
    threading.Thread(target=servers[1].serve_forever, daemon=True).start()
    return servers[0]
