resource "aws_s3_bucket" "uploads" {
  bucket = "uploads"
}

data "archive_file" "convert" {
  type        = "zip"
  source_dir  = "${path.module}/src"
  output_path = "${path.module}/build/convert.zip"
}

resource "aws_lambda_function" "convert" {
  function_name    = "convert"
  filename         = data.archive_file.convert.output_path
  source_code_hash = data.archive_file.convert.output_base64sha256
  handler          = "convert.handler"
  runtime          = "nodejs20.x"
  role             = "arn:aws:iam::123456789012:role/convert"
}

resource "aws_lambda_permission" "s3" {
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.convert.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.uploads.arn
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.convert.arn
    events              = ["s3:ObjectCreated:*"]
  }
}
