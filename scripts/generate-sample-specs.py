#!/usr/bin/env python3
"""Writes the OpenAPI documents the test apps publish into sample-specs/, so users see what FastAPI and
Flask (APIFlask) generate. Run with the test venv's Python (it has the pinned packages):
    .test-venv/bin/python scripts/generate-sample-specs.py
The test SampleSpecsTests checks the committed files still match what the running apps serve."""
import json
import os
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "Tests", "Servers"))

from fastapi_app import app as fastapi_app  # noqa: E402
from flask_app import app as flask_app  # noqa: E402

documents = {"fastapi-pets.json": fastapi_app.openapi()}
with flask_app.app_context():
    documents["flask-books.json"] = flask_app.spec

for name, document in documents.items():
    with open(os.path.join(root, "sample-specs", name), "w") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print("wrote sample-specs/" + name)
