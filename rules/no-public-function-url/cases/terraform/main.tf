data "archive_file" "code" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/code.zip"
}

resource "aws_lambda_function" "preview" {
  function_name = "preview"
  filename      = data.archive_file.code.output_path
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.preview.arn
}

resource "aws_lambda_function_url" "preview" {
  function_name = aws_lambda_function.preview.function_name
  # ruleid: no-public-function-url
  authorization_type = "NONE" # open on purpose? no: see SEC-12
}

resource "aws_lambda_function_url" "admin" {
  function_name = aws_lambda_function.preview.function_name
  # ok: no-public-function-url
  authorization_type = "AWS_IAM"
}

variable "url_auth" {
  type = string
}

resource "aws_lambda_function_url" "configurable" {
  function_name = aws_lambda_function.preview.function_name
  # ok: no-public-function-url
  authorization_type = var.url_auth
}

resource "aws_iam_role" "preview" {
  name = "preview"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}
