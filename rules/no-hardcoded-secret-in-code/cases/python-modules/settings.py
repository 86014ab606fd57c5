REGION = "eu-west-1"
# ruleid: no-hardcoded-secret-in-code
STRIPE_KEY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"
