#!/usr/bin/env python3
import aws_cdk as cdk

from jobs.jobs_stack import JobsStack

app = cdk.App()
JobsStack(app, "Jobs")
app.synth()
