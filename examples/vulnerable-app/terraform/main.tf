# The export worker: an SQS queue feeds it, and a function URL lets the support team trigger it.
data "archive_file" "exporter" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/exporter.zip"
}

resource "aws_sqs_queue" "exports" {
  name = "exports"
}

resource "aws_lambda_function" "exporter" {
  function_name    = "exporter"
  filename         = data.archive_file.exporter.output_path
  source_code_hash = data.archive_file.exporter.output_base64sha256
  handler          = "export.handler"
  runtime          = "nodejs24.x"
  role             = aws_iam_role.exporter.arn
  tracing_config {
    mode = "Active"
  }
  logging_config {
    log_format = "JSON"
  }
}

resource "aws_cloudwatch_log_group" "exporter" {
  name              = "/aws/lambda/exporter"
  retention_in_days = 30
}

resource "aws_lambda_event_source_mapping" "exports" {
  event_source_arn = aws_sqs_queue.exports.arn
  function_name    = aws_lambda_function.exporter.arn
}

resource "aws_lambda_function_url" "exporter" {
  function_name      = aws_lambda_function.exporter.function_name
  authorization_type = "NONE"
}

resource "aws_iam_role" "exporter" {
  name = "exporter"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "exporter_logs" {
  role       = aws_iam_role.exporter.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "exporter" {
  role = aws_iam_role.exporter.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], Resource = aws_sqs_queue.exports.arn },
      { Effect = "Allow", Action = "s3:*", Resource = "*" },
    ]
  })
}
