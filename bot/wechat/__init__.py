"""WeChat Official Account channel: protocol security, pseudonymous ids, reply formatting, delivery."""
