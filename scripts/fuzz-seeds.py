#!/usr/bin/env python3
"""Writes seed inputs for one fuzz target (see scripts/fuzz) from the material in ../shared."""
import glob
import json
import os
import sys

target, out = sys.argv[1], sys.argv[2]
shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared")
os.makedirs(out, exist_ok=True)
count = 0


def seed(data):
    global count
    if isinstance(data, str):
        data = data.encode()
    if len(data) > 65536:
        return
    with open(os.path.join(out, "seed-%05d" % count), "wb") as handle:
        handle.write(data)
    count += 1


def small_files(pattern, limit=20000):
    for path in sorted(glob.glob(os.path.join(shared, pattern), recursive=True)):
        if os.path.isfile(path) and os.path.getsize(path) <= limit:
            yield path


if target == "json":
    for path in small_files("conformance/json-test-suite/test_parsing/*.json"):
        seed(open(path, "rb").read())
elif target == "yaml":
    for path in small_files("conformance/yaml-test-suite/*/in.yaml"):
        seed(open(path, "rb").read())
elif target == "references":
    # Each part of a seed is one file: api/root.yaml, api/common.yaml, api/sub/part.json, outside.yaml.
    for path in list(small_files("edge/**/*.yaml", 6000))[:400]:
        seed(open(path, "rb").read())
    root = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      parameters: [{$ref: 'common.yaml#/P'}]\n" \
           "      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: 'sub/part.json#/S'}}}}}\n"
    seed(root + "\0P: {name: q, in: query, schema: {$ref: '../outside.yaml#/X'}}\n\0{\"S\": {\"allOf\": [{\"$ref\": \"../common.yaml#/P\"}]}}\0X: {type: string}\n")
elif target == "validator":
    dialects = {"draft4": 0, "draft2020-12": 1}
    for draft, dialect in dialects.items():
        for path in sorted(glob.glob(os.path.join(shared, "conformance/json-schema-test-suite/tests", draft, "*.json"))):
            for case in json.load(open(path)):
                for test in case["tests"][:2]:
                    seed(bytes([dialect]) + json.dumps(case["schema"]).encode() + b"\0" + json.dumps(test["data"]).encode())
elif target == "examples":
    for path in list(small_files("specs/**/*.json", 400000))[:12]:
        try:
            document = json.load(open(path))
        except ValueError:
            continue
        schemas = (document.get("components") or {}).get("schemas") or document.get("definitions") or {}
        for schema in list(schemas.values())[:40]:
            seed(json.dumps(schema))
elif target == "form":
    for value in range(64):
        seed(bytes([(value * 37 + i * 11) % 256 for i in range(64)]))
elif target == "input":
    for text in ["\x1b[A\x1b[B\x1b[1;5C", "\x1b[200~pasted\ntext\x1b[201~", "\x1bx\x1b\x1b[<0;10;5M\x1b[<64;1;1m", "\x1bOP\x1b[15~\x1b[Z",
                 "é漢\x01\x7f\r\n", "\x1b[1;3A\x1b[3;5~\x1b[", "\x1b[200~never ends"]:
        seed(text)
elif target == "collection":
    package = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    for path in sorted(glob.glob(os.path.join(package, "Tests/*/Fixtures/*collection*/**/*.yaml"), recursive=True)):
        seed(open(path, "rb").read())
    for path in list(small_files("conformance/yaml-test-suite/*/in.yaml"))[:200]:
        seed(open(path, "rb").read())
elif target == "jsonpath":
    cases = json.load(open(os.path.join(shared, "conformance/jsonpath-compliance-test-suite/cts.json")))["tests"]
    for case in cases:
        seed(case["selector"] + "\n" + json.dumps(case.get("document", {"a": [1, {"b": "c"}]})))
    document = json.dumps({"name": "Rex", "age": 3, "tags": ["dog"], "items": [{"price": 1}, {"price": -1}]})
    for line in ["status == 201", "$.items[*].price > 0", "$.tags count == 1", "$.name matches \"^R\"", "header Location regex \"/(\\d+)\"",
                 "$.name type == string", "body contains \"Rex\"", "status in [200, 201]", "$..price length >= 1"]:
        seed(line + "\n" + document)
elif target == "interchange":
    # The first byte chooses the format, in InterchangeFormat's order: curl, http, postman, har, hurl.
    for choice, patterns in enumerate([["interchange/curl/**/*.sh"], ["interchange/http/**/*.http", "interchange/http/**/*.rest"],
                                       ["interchange/postman/**/*.json"], ["interchange/har/**/*.har", "interchange/har/**/*input.json"],
                                       ["interchange/hurl/**/*.hurl"]]):
        for pattern in patterns:
            for path in small_files(pattern):
                seed(bytes([choice]) + open(path, "rb").read())
else:
    sys.exit("unknown target " + target)
print("seeds: %d for %s in %s" % (count, target, out))
