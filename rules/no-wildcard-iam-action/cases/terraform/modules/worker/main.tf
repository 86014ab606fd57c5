variable "action" {
  type = string
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  inline_policy {
    name = "invoke"
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Action = [var.action], Resource = "*" }]
    })
  }
}

resource "aws_lambda_function" "worker" {
  function_name = "worker"
  filename      = "worker.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.worker.arn
}
