resource "aws_lambda_function" "api" {
  function_name = "api"
  filename      = "api.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.api.arn
}

resource "aws_iam_role" "api" {
  name = "api"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

data "aws_iam_policy_document" "api" {
  statement {
    actions = ["dynamodb:PutItem", "dynamodb:GetItem"]
    # ruleid: no-wildcard-iam-resource
    resources = ["*"]
  }
  statement {
    actions = ["xray:PutTraceSegments", "logs:PutLogEvents"]
    # ok: no-wildcard-iam-resource
    resources = ["*"]
  }
  statement {
    actions = ["s3:GetObject"]
    # ok: no-wildcard-iam-resource
    resources = ["${aws_s3_bucket.uploads.arn}/*"]
  }
}

resource "aws_iam_role_policy" "api" {
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api.json
}

resource "aws_iam_role_policy" "inline" {
  role = aws_iam_role.api.id
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      Action = ["sqs:SendMessage"]
      # ruleid: no-wildcard-iam-resource
      Resource = "*"
    }]
  })
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}
