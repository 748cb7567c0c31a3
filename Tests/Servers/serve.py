"""Starts one test app (fastapi, fastapi-isolated (the same app in a process of its own), fastapi-workers (two processes, for throughput), fastapi-v2 (the pet routes changed, for drift), fastapi-streams (event streams), flask; tls and reset for transport failures; hostile for the hostile-server suite; oauth, an OAuth2 authorization server and API) on 127.0.0.1 on a free port, prints "READY <port>", and exits when stdin closes
(so a test process that dies never leaves a server behind)."""
import os
import signal
import socket
import sys
import threading

signal.pthread_sigmask(signal.SIG_UNBLOCK, set(signal.Signals))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(1):
        pass
    os._exit(0)


def serve_two_workers(port):
    """The FastAPI app under two worker processes (benchmarks measure throughput against it).

    Each worker listens on a socket of its own (SO_REUSEPORT): Linux hands each new connection to one
    of them by a hash of its addresses and ports, so a client's 8 connections split 4/4 only about a
    quarter of the time, but all 8 on one worker (1 in 128) is rare. On one shared socket (uvicorn's
    --workers) whichever worker woke first often accepted the whole burst alone, halving the rate for
    wrk and Specter alike. The caller's socket holds the port: bound, never listening, it is given no
    connections. No supervisor restarts a worker: if either ends, this process ends and takes the
    other with it, so a run never goes on at half its capacity unnoticed."""
    import uvicorn
    from fastapi_app import app
    listening, told = os.pipe()
    workers = []
    for _ in range(2):
        # Forked before any thread starts; each worker ends when stdin closes, as this process does.
        pid = os.fork()
        if pid == 0:
            os.close(listening)
            threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            listener.bind(("127.0.0.1", port))
            listener.listen(1024)
            os.write(told, b"1")
            os.close(told)
            uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[listener])
            os._exit(0)
        workers.append(pid)

    def stop(message):
        for worker in workers:
            try:
                os.kill(worker, signal.SIGKILL)
            except ProcessLookupError:
                pass
        print(message, file=sys.stderr, flush=True)
        os._exit(1)  # not sys.exit: the thread reading stdin would hold up the interpreter's shutdown

    os.close(told)
    heard = b""
    while len(heard) < 2:  # until both workers listen (an empty read: one died first)
        piece = os.read(listening, 2)
        if not piece:
            stop("a worker did not start")
        heard += piece
    print(f"READY {port}", flush=True)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    os.wait()
    stop("a worker ended")


def main():
    which = sys.argv[1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # Accepted connections inherit this: without it a response written in two pieces waits ~40 ms for a delayed ACK.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if which == "fastapi-workers":
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    if which == "fastapi-workers":
        serve_two_workers(port)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    if which in ("fastapi", "fastapi-v2", "fastapi-isolated", "fastapi-streams"):
        import uvicorn
        from fastapi_app import app
        if which == "fastapi-v2":
            from fastapi_pets_v2 import app
        if which == "fastapi-streams":
            from fastapi_streams import app
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
        sock.listen(128)  # connections queue in the backlog until uvicorn's loop accepts them
        print(f"READY {port}", flush=True)
        server.run(sockets=[sock])
    elif which == "flask":
        import logging
        from werkzeug.serving import make_server
        from flask_app import app
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        sock.close()
        server = make_server("127.0.0.1", port, app, threaded=True)
        print(f"READY {port}", flush=True)
        server.serve_forever()
    elif which == "tls":
        serve_tls(sock, port)
    elif which == "reset":
        serve_resets(sock, port)
    elif which == "hostile":
        import hostile
        other = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        other.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        other.bind(("127.0.0.1", 0))
        server = hostile.serve(sock, other)
        print(f"READY {port}", flush=True)
        server.serve_forever()
    elif which == "oauth":
        import oauth_server
        server = oauth_server.serve(sock)
        print(f"READY {port}", flush=True)
        server.serve_forever()
    else:
        sys.exit(f"unknown app {which}")


def serve_tls(sock, port):
    """HTTPS with a self-signed certificate nobody trusts: clients must fail with a TLS error."""
    import ssl
    import subprocess
    import tempfile
    folder = tempfile.mkdtemp(prefix="specter-tls-")
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    sock.listen(16)
    print(f"READY {port}", flush=True)
    while True:
        connection, _ = sock.accept()
        try:
            with context.wrap_socket(connection, server_side=True) as tls:
                tls.recv(65536)
                tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        except (ssl.SSLError, OSError):
            connection.close()


def serve_resets(sock, port):
    """Promises a 100-byte body, sends 5 bytes, and hangs up."""
    sock.listen(16)
    print(f"READY {port}", flush=True)
    while True:
        connection, _ = sock.accept()
        try:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
        finally:
            connection.close()


if __name__ == "__main__":
    main()
