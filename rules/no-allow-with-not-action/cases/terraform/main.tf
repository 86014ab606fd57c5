resource "aws_lambda_function" "ops" {
  function_name = "ops"
  filename      = "ops.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.ops.arn
}

resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

data "aws_iam_policy_document" "ops" {
  statement {
    # ruleid: no-allow-with-not-action
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
  statement {
    effect = "Deny"
    # ok: no-allow-with-not-action
    not_actions = ["s3:GetObject"]
    resources   = ["*"]
  }
  statement {
    actions = ["s3:GetObject"]
    # ruleid: no-allow-with-not-action
    not_resources = ["arn:aws:s3:::secrets/*"]
  }
}

resource "aws_iam_role_policy" "ops" {
  role   = aws_iam_role.ops.id
  policy = data.aws_iam_policy_document.ops.json
}
