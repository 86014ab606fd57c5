# ruleid: require-log-retention
resource "aws_lambda_function" "forever" {
  function_name = "forever"
  filename      = "forever.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/forever"
}

# ok: require-log-retention
resource "aws_lambda_function" "kept" {
  function_name = "kept"
  filename      = "kept.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/kept"
}

resource "aws_cloudwatch_log_group" "kept" {
  name              = "/aws/lambda/${aws_lambda_function.kept.function_name}"
  retention_in_days = 14
}

# ok: require-log-retention
resource "aws_lambda_function" "named" {
  function_name = "named"
  filename      = "named.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/named"
}

# ruleid: require-log-retention
resource "aws_cloudwatch_log_group" "named" {
  name = "/aws/lambda/named"
}

# ok: require-log-retention
resource "aws_lambda_function" "custom" {
  function_name = "custom"
  filename      = "custom.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/custom"
  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.shared.name
  }
}

resource "aws_cloudwatch_log_group" "shared" {
  name              = "/app/shared"
  retention_in_days = 30
}
