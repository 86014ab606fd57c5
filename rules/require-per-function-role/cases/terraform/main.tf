resource "aws_lambda_function" "create" {
  function_name = "create"
  filename      = "create.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.shared.arn
}

resource "aws_lambda_function" "report" {
  function_name = "report"
  filename      = "report.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.shared.arn
}

resource "aws_lambda_function" "audit" {
  function_name = "audit"
  filename      = "audit.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.readonly.arn
}

resource "aws_lambda_function" "export" {
  function_name = "export"
  filename      = "export.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.readonly.arn
}

# ruleid: require-per-function-role
resource "aws_iam_role" "shared" {
  name = "shared"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "shared" {
  role = aws_iam_role.shared.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["dynamodb:PutItem", "dynamodb:Query"], Resource = "*" }]
  })
}

# ok: require-per-function-role
resource "aws_iam_role" "readonly" {
  name = "readonly"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  inline_policy {
    name   = "read"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["dynamodb:Query"], Resource = "*" }] })
  }
}
