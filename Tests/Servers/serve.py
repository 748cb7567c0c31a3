"""Starts one test app on 127.0.0.1 on a free port, prints "READY <port>", and exits when stdin closes
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


def main():
    which = sys.argv[1]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    if which == "fastapi":
        import uvicorn
        from fastapi_app import app
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
    else:
        sys.exit(f"unknown app {which}")


if __name__ == "__main__":
    main()
