# Test code is full of fake credentials: not reported.
# ok: no-hardcoded-secret-in-code
FAKE_KEY = "AKIAIOSFODNN7EXAMPLE"


def handler(event, context):
    return FAKE_KEY
