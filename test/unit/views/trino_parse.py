"""Parses SQL texts as Trino (Athena engine v3) with sqlglot and lists the functions each one calls.

stdin:  {"<name>": "<sql>", ...}
stdout: {"<name>": {"error": null | "<parser message>", "functions": ["COUNT", ...]}, ...}
"""
import json
import sys

import sqlglot
from sqlglot import exp


def describe(sql):
    try:
        tree = sqlglot.parse_one(sql, read="trino", error_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.ParseError as error:
        return {"error": str(error), "functions": []}
    names = set()
    for node in tree.find_all(exp.Func):
        # An Anonymous node is a call sqlglot's Trino dialect does not know: report it under its own name.
        names.add(node.name.upper() if isinstance(node, exp.Anonymous) else node.sql_name())
    return {"error": None, "functions": sorted(names)}


texts = json.load(sys.stdin)
json.dump({name: describe(sql) for name, sql in texts.items()}, sys.stdout)
