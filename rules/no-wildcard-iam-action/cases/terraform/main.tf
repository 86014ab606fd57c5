resource "aws_lambda_function" "orders" {
  function_name = "orders"
  filename      = "orders.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = aws_iam_role.orders.arn
}

resource "aws_iam_role" "orders" {
  name               = "orders"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# jsonencode: a lone action.
resource "aws_iam_role_policy" "tables" {
  role = aws_iam_role.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        # ruleid: no-wildcard-iam-action
        Action   = "dynamodb:*"
        Resource = aws_dynamodb_table.orders.arn
      },
      {
        Effect = "Allow"
        # ok: no-wildcard-iam-action
        Action   = ["s3:Get*", "s3:List*"]
        Resource = "*"
      },
    ]
  })
}

# A heredoc JSON policy, with an interpolation.
resource "aws_iam_policy" "queues" {
  name   = "queues"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        // ruleid: no-wildcard-iam-action
        "sqs:*"
      ],
      "Resource": "${aws_sqs_queue.jobs.arn}"
    }
  ]
}
EOF
}

resource "aws_iam_role_policy_attachment" "queues" {
  role       = aws_iam_role.orders.name
  policy_arn = aws_iam_policy.queues.arn
}

# A policy document: actions in a list.
data "aws_iam_policy_document" "topics" {
  statement {
    # ruleid: no-wildcard-iam-action
    actions   = ["sns:*", "kms:Decrypt"]
    resources = [aws_sns_topic.events.arn]
  }
  statement {
    effect = "Deny"
    # ok: no-wildcard-iam-action
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "topics" {
  role   = aws_iam_role.orders.id
  policy = data.aws_iam_policy_document.topics.json
}

variable "extra_actions" {
  type = list(string)
}

resource "aws_iam_role_policy" "extra" {
  role = aws_iam_role.orders.id
  policy = jsonencode({
    Statement = [{
      Effect = "Allow"
      # ok: no-wildcard-iam-action
      Action   = var.extra_actions
      Resource = "*"
    }]
  })
}

# A local module, with the action passed in.
module "worker" {
  source = "./modules/worker"
  # ruleid: no-wildcard-iam-action
  action = "lambda:*"
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

resource "aws_sns_topic" "events" {
  name = "events"
}
