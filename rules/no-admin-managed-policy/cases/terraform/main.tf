resource "aws_lambda_function" "admin" {
  function_name = "admin"
  filename      = "admin.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.admin.arn
}

resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
  managed_policy_arns = [
    # ruleid: no-admin-managed-policy
    "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess",
  ]
}

resource "aws_iam_role_policy_attachment" "admin" {
  role = aws_iam_role.admin.name
  # ruleid: no-admin-managed-policy
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy_attachment" "logs" {
  role = aws_iam_role.admin.name
  # ok: no-admin-managed-policy
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

data "aws_iam_policy" "s3" {
  name = "AmazonS3FullAccess"
}

resource "aws_iam_policy_attachment" "s3" {
  name  = "s3"
  roles = [aws_iam_role.admin.name]
  # ruleid: no-admin-managed-policy
  policy_arn = data.aws_iam_policy.s3.arn
}

data "aws_partition" "current" {}

resource "aws_iam_role_policy_attachment" "xray" {
  role = aws_iam_role.admin.name
  # ok: no-admin-managed-policy
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}
