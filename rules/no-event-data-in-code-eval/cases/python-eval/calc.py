import ast
import importlib
import json


def lambda_handler(event, context):
    body = json.loads(event["body"])
    expr = body["expression"]
    # ruleid: no-event-data-in-code-eval
    eval(expr)
    # ruleid: no-event-data-in-code-eval
    exec("result = " + expr)
    # ruleid: no-event-data-in-code-eval
    compile(expr, "<input>", "eval")
    # ruleid: no-event-data-in-code-eval
    importlib.import_module("plugins." + body["plugin"])
    # ruleid: no-event-data-in-code-eval
    __import__(body["module"])
    # A literal is data, not code.
    # ok: no-event-data-in-code-eval
    ast.literal_eval(expr)
    # ok: no-event-data-in-code-eval
    eval("1 + 2")
    # ok: no-event-data-in-code-eval
    eval(str(int(body["n"])) + " * 2")
    return {"statusCode": 200}
