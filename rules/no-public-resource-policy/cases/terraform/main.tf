data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_lambda_function" "hook" {
  function_name = "hook"
  filename      = "hook.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/hook"
}

resource "aws_lambda_permission" "anyone" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  # ruleid: no-public-resource-policy
  principal = "*"
}

resource "aws_lambda_permission" "api" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  # ruleid: no-public-resource-policy
  principal = "apigateway.amazonaws.com"
}

resource "aws_lambda_permission" "api_scoped" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.hook.function_name
  # ok: no-public-resource-policy
  principal  = "apigateway.amazonaws.com"
  source_arn = "${aws_apigatewayv2_api.hook.execution_arn}/*"
}

resource "aws_apigatewayv2_api" "hook" {
  name          = "hook"
  protocol_type = "HTTP"
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
}

data "aws_iam_policy_document" "site" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]
    principals {
      type = "*"
      # ruleid: no-public-resource-policy
      identifiers = ["*"]
    }
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site.arn}/*"]
    principals {
      type = "AWS"
      # ok: no-public-resource-policy
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.site.json
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      # ruleid: no-public-resource-policy
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}
