# ruleid: require-function-tracing
resource "aws_lambda_function" "untraced" {
  function_name = "untraced"
  filename      = "untraced.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/untraced"
}

resource "aws_lambda_function" "passthrough" {
  function_name = "passthrough"
  filename      = "passthrough.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/passthrough"
  tracing_config {
    # ruleid: require-function-tracing
    mode = "PassThrough"
  }
}

# ok: require-function-tracing
resource "aws_lambda_function" "traced" {
  function_name = "traced"
  filename      = "traced.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/traced"
  tracing_config {
    mode = "Active"
  }
}

variable "tracing_mode" {
  type = string
}

# ok: require-function-tracing
resource "aws_lambda_function" "configurable" {
  function_name = "configurable"
  filename      = "configurable.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/configurable"
  tracing_config {
    mode = var.tracing_mode
  }
}
