variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  # ruleid: no-hardcoded-secret
  stripe_key = "sk_live_51HqLyjWDarjtT1zdp7dcXYZabc123def456ghi789"
}

resource "aws_lambda_function" "billing" {
  function_name = "billing"
  filename      = "billing.zip"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  role          = "arn:aws:iam::123456789012:role/billing"
  environment {
    variables = {
      # ruleid: no-hardcoded-secret
      DB_PASSWORD = "Sup3rS3cretPassw0rd!"
      STRIPE_KEY  = local.stripe_key
      # ok: no-hardcoded-secret
      DB_PASSWORD_FROM_VAR = var.db_password
      # ok: no-hardcoded-secret
      TABLE_NAME = "billing"
    }
  }
}

resource "aws_db_instance" "billing" {
  identifier     = "billing"
  engine         = "postgres"
  instance_class = "db.t4g.micro"
  username       = "billing"
  # ruleid: no-hardcoded-secret
  password = "Sup3rS3cretPassw0rd!"
}
