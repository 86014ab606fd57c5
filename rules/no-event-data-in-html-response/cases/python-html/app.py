from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types

app = APIGatewayRestResolver()


@app.get("/app/greet")
def greet():
    who = app.current_event.get_query_string_value("who", "world")
    # ruleid: no-event-data-in-html-response
    return Response(status_code=200, content_type="text/html", body=f"<p>Hi {who}</p>")


@app.get("/app/data")
def data():
    who = app.current_event.get_query_string_value("who", "world")
    # ok: no-event-data-in-html-response
    return Response(status_code=200, content_type=content_types.APPLICATION_JSON, body={"who": who})


def handler(event, context):
    return app.resolve(event, context)
