resource "aws_lambda_function" "deployer" {
  function_name = "deployer"
  filename      = "deployer.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.deployer.arn
}

resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  inline_policy {
    name = "deploy"
    policy = jsonencode({
      Statement = [
        {
          Effect = "Allow"
          # ruleid: no-privilege-escalation-action
          Action   = ["iam:PassRole", "lambda:UpdateFunctionCode"]
          Resource = "*"
        },
        {
          Effect = "Allow"
          # ok: no-privilege-escalation-action
          Action   = ["iam:PassRole"]
          Resource = aws_iam_role.deployer.arn
        },
      ]
    })
  }
}
