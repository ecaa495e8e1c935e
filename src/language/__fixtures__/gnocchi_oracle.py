"""Gnocchi 4.4.2's own parsers as the oracle of src/language (differential test).

Generates random resource searches (string and JSON forms) and operations (s-expression and JSON
forms), valid and damaged, and records (one JSON object per line; not .json, which the build
would copy into dist/) what Debian's gnocchi 4.4.2 makes of them: the filter dict
of QueryStringSearchAttrFilter plus _ResourceSearchSchema's verdict, OperationsSchema's verdict.
Run with Debian's python (the gnocchi modules are installed there):

    /usr/bin/python3 -B src/language/__fixtures__/gnocchi_oracle.py > src/language/__fixtures__/gnocchi-oracle.jsonl
"""
import json
import random
import sys

import voluptuous
from gnocchi.rest import api
from gnocchi.rest.aggregates import api as aapi


class _AuthHelper:
    def get_current_user(self, request):
        return "user:project"


class _Request:
    auth_helper = _AuthHelper()


class _Abort(Exception):
    pass


def _abort(status, detail=None):
    raise _Abort(detail)


# The schema reads the current user from pecan's request; abort() would need a WSGI response.
api.pecan = type("pecan", (), {"request": _Request()})
api.abort = _abort
aapi.api = api

rnd = random.Random(20261130)
pick = rnd.choice

ATTRS = ["host", "flavor_name", "'odd name'", '"x"', "id", "started_at", "notes", "nonexistent", "order_by", "a1"]
VALUES = ["'a'", '"b c"', "'it\"s'", "1", "-2.5", "1e3", "null", "None", "true", "False", "compute1",
          "5e3fcbe2-7aab-475d-b42c-a440aa42e5ad", "2024-01-01", "compute-1", "nonexistent", "'x", "truex"]
OPS = ["=", "==", "!=", "<", "<=", ">", ">=", "eq", "ne", "lt", "gt", "le", "ge", "≠", "≥", "≤", "like", "in", "eqx"]
BOOLS = ["and", "or", "∧", "∨", "AND"]


def string_filter(depth):
    r = rnd.random()
    if depth == 0 or r < 0.4:
        op = pick(OPS)
        if op == "in" or rnd.random() < 0.05:
            n = rnd.randrange(0, 4)
            value = "[" + ", ".join(pick(VALUES) for _ in range(n)) + "]"
            if rnd.random() < 0.1:
                value = pick(VALUES)
        else:
            value = pick(VALUES)
        return "%s %s %s" % (pick(ATTRS), op, value)
    if r < 0.55:
        return "not " + ("(%s)" % string_filter(depth - 1) if rnd.random() < 0.7 else string_filter(depth - 1))
    args = [string_filter(depth - 1) for _ in range(rnd.randrange(2, 4))]
    args = ["(%s)" % a if rnd.random() < 0.5 else a for a in args]
    return (" %s " % pick(BOOLS)).join(args)


JSON_OPS = ["=", "==", "eq", "<", "≤", "ge", "!=", "≠", "like", "in", "foo"]
JSON_VALUES = ["a", "it's", 1, -2.5, None, True, [], ["a"], ["a", 1], {"x": 1}]


def json_filter(depth):
    r = rnd.random()
    if r < 0.03:
        return {}
    if depth == 0 or r < 0.4:
        op = pick(JSON_OPS)
        attrs = rnd.choice([1, 1, 1, 1, 0, 2])
        cond = {pick(["host", "id", "display_name", "a%d" % i]): pick(JSON_VALUES) for i in range(attrs)}
        if op == "in" and rnd.random() < 0.7:
            cond = {pick(["host", "id"]): pick([["a"], ["a", "b"], [], ["a", None]])}
        return {op: cond}
    if r < 0.5:
        return {"not": json_filter(depth - 1)}
    if r < 0.55:
        return {"and": json_filter(depth - 1), "or": []}
    return {pick(["and", "or", "∧", "∨"]): [json_filter(depth - 1) for _ in range(rnd.randrange(0, 4))]}


AGG = ["mean", "sum", "rate:max", "count", "var", "avg", "last", "95pct"]
POLICY = ["mean", "max", "rate:mean", "95pct", "last", "bogus"]
UNARY = ["abs", "neg", "floor", "rateofchange", "cos", "sqrt"]
BINARY = ["+", "-", "*", "/", "**", "%", "mul", "clip_min", ">=", "≠", "^"]
NUMBERS = ["1", "-2.5", "1e3", "0", "x"]


def operation(depth):
    sub = lambda: operation(depth - 1) if depth > 0 and rnd.random() < 0.6 else pick(NUMBERS)
    k = rnd.randrange(0, 8) if depth > 0 else rnd.randrange(0, 2)
    name = lambda: pick(["cpu", "memory.usage", "disk.*", "5e3fcbe2-7aab-475d-b42c-a440aa42e5ad"])
    if k == 0:
        return ["metric", name(), pick(POLICY)][: rnd.choice([3, 3, 3, 2])]
    if k == 1:
        return ["metric"] + [[name(), pick(POLICY)] for _ in range(rnd.randrange(0, 3))]
    if k == 2:
        return ["aggregate", pick(AGG), operation(depth - 1)]
    if k == 3:
        return ["resample", pick(AGG), pick(["300", "5m", "1h30m", "0", "W", "-5"]), operation(depth - 1)]
    if k == 4:
        return ["rolling", pick(AGG), pick(["1", "5", "0", "2.5"]), operation(depth - 1)]
    if k == 5:
        return [pick(UNARY), operation(depth - 1)] + ([sub()] if rnd.random() < 0.1 else [])
    if k == 6:
        return ["clip", operation(depth - 1), sub()] + ([sub()] if rnd.random() < 0.5 else [])
    return [pick(BINARY), operation(depth - 1)] + ([sub()] if rnd.random() < 0.9 else [])


def sexpr(node):
    return "(" + " ".join(sexpr(x) if isinstance(x, list) else x for x in node) + ")"


def jsonify(node):
    def conv(x):
        if isinstance(x, list):
            return [conv(y) for y in x]
        try:
            return float(x) if rnd.random() < 0.5 and x not in ("W",) and "m" not in x and "h" not in x else x
        except ValueError:
            return x
    return json.dumps(conv(node), ensure_ascii=False)


def damage(text):
    at = rnd.randrange(0, len(text) + 1)
    if rnd.random() < 0.5:
        return text[:at] + text[at + 1:]
    return text[:at] + pick(["(", ")", "[", "]", '"', "'", ",", " ", "x", "{", "and "]) + text[at:]


def filter_case(text, form):
    try:
        value = json.loads(text) if form == "json" else api.QueryStringSearchAttrFilter._parse(text)
    except (_Abort, ValueError) as e:
        return {"text": text, "ok": False, "stage": "parse"}
    try:
        api.ResourceSearchSchema(value)
    except voluptuous.Invalid:
        return {"text": text, "ok": False, "stage": "schema"}
    except Exception:  # e.g. `id = null`: TypeError in ResourceUUID, a 500 from the server
        return {"text": text, "ok": False, "stage": "crash"}
    return {"text": text, "ok": True, "dict": value}


def operations_case(text):
    try:
        aapi.OperationsSchema(text if text.lstrip()[:1] != "[" else json.loads(text))
        return {"text": text, "ok": True}
    except (_Abort, ValueError, voluptuous.Invalid):
        return {"text": text, "ok": False}


def main():
    filters, operations = [], []
    for _ in range(250):
        text = string_filter(rnd.randrange(0, 3))
        filters.append(filter_case(text, "string"))
        filters.append(filter_case(damage(text), "string"))
    for _ in range(120):
        text = json.dumps(json_filter(rnd.randrange(0, 3)), ensure_ascii=False)
        filters.append(filter_case(text, "json"))
        filters.append(filter_case(damage(text), "json") if text.startswith("{") else filter_case(text, "json"))
    for _ in range(250):
        node = operation(rnd.randrange(0, 4))
        text = sexpr(node) if rnd.random() < 0.6 else jsonify(node)
        operations.append(operations_case(text))
        operations.append(operations_case(damage(text)))
    for language, cases in (("search", filters), ("operations", operations)):
        for case in cases:
            sys.stdout.write(json.dumps(dict(language=language, **case), ensure_ascii=False, default=str) + "\n")


main()
