# ruleid: require-structured-logging
resource "aws_lambda_function" "plain" {
  function_name = "plain"
  filename      = "plain.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/plain"
}

resource "aws_lambda_function" "text" {
  function_name = "text"
  filename      = "text.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/text"
  logging_config {
    # ruleid: require-structured-logging
    log_format = "Text"
  }
}

# ok: require-structured-logging
resource "aws_lambda_function" "json" {
  function_name = "json"
  filename      = "json.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/json"
  logging_config {
    log_format = "JSON"
  }
}
