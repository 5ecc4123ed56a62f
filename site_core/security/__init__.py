"""Protection around every request: security headers and the CSP nonce, two-factor sign-in for privileged staff,
form-encoding checks and the load balancer's health check."""
