resource "aws_lambda_function" "silent" {
  function_name = "silent"
  filename      = "silent.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.silent.arn
}

# ruleid: require-log-write-permission
resource "aws_iam_role" "silent" {
  name = "silent"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy" "silent" {
  role = aws_iam_role.silent.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::data/*" }]
  })
}

resource "aws_lambda_function" "logged" {
  function_name = "logged"
  filename      = "logged.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.logged.arn
}

# ok: require-log-write-permission
resource "aws_iam_role" "logged" {
  name = "logged"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "logged" {
  role       = aws_iam_role.logged.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "custom" {
  function_name = "custom"
  filename      = "custom.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.custom.arn
}

# ok: require-log-write-permission
resource "aws_iam_role" "custom" {
  name = "custom"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "custom" {
  role       = aws_iam_role.custom.name
  policy_arn = aws_iam_policy.custom.arn
}

resource "aws_iam_policy" "custom" {
  name   = "custom"
  policy = data.aws_iam_policy_document.logs.json
}

data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:*:log-group:/aws/lambda/custom:*"]
  }
}

resource "aws_lambda_function" "templated" {
  function_name = "templated"
  filename      = "templated.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.templated.arn
}

# ok: require-log-write-permission (its policy is a template file the scan does not see: it may grant the logs actions)
resource "aws_iam_role" "templated" {
  name = "templated"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "templated" {
  role       = aws_iam_role.templated.name
  policy_arn = aws_iam_policy.templated.arn
}

resource "aws_iam_policy" "templated" {
  name   = "templated"
  policy = templatefile("templates/lambda-role.json", { name = "templated" })
}
