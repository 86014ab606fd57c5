import json

import jinja2
from flask import render_template_string
from jinja2 import Environment, Template
from mako.template import Template as MakoTemplate

env = Environment(autoescape=True)
PAGE = env.from_string("<p>Hello {{ name }}</p>")


def lambda_handler(event, context):
    body = json.loads(event["body"])
    # ruleid: no-event-data-in-template
    Template("Hello " + body["name"]).render()
    # ruleid: no-event-data-in-template
    env.from_string(body["template"]).render()
    # ruleid: no-event-data-in-template
    render_template_string("<h1>%s</h1>" % body["title"])
    # ruleid: no-event-data-in-template
    MakoTemplate(body["template"]).render()
    # The data is a variable of a fixed template, not template source.
    # ok: no-event-data-in-template
    PAGE.render(name=body["name"])
    # ok: no-event-data-in-template
    jinja2.Template("Hello {{ name }}").render(name=body["name"])
    return {"statusCode": 200}
