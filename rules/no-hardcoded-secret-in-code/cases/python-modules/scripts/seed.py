# A script no handler imports is not handler code.
# ok: no-hardcoded-secret-in-code
ADMIN_PASSWORD = "Xk9#mQ2$vL7pR4wZ"
