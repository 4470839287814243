"""The portal's server: the API and the pages composed into one ASGI application, its errors and response cache."""
