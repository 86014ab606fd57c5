import os
from aws_lambda_powertools.event_handler import APIGatewayRestResolver

app = APIGatewayRestResolver()


@app.get("/files/<name>")
def get_file(name: str):
    # ruleid: no-event-data-in-shell
    os.system("cat /srv/" + name)
    # ruleid: no-event-data-in-shell
    os.system("grep " + app.current_event.get_query_string_value("q", "") + " /srv/index")
    return {"ok": True}


@app.post("/jobs")
def create_job():
    body = app.current_event.json_body
    # ruleid: no-event-data-in-shell
    os.system("run " + body["job"])
    # ruleid: no-event-data-in-shell
    os.system("run " + app.current_event.query_string_parameters["job"])
    # ruleid: no-event-data-in-shell
    os.system("run " + app.current_event.path_parameters["job"])
    # ok: no-event-data-in-shell
    os.system("echo " + app.current_event.request_context.stage)
    return {"ok": True}


def lambda_handler(event, context):
    return app.resolve(event, context)
