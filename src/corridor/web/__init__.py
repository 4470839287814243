"""The portal's web pages (Jinja2, server-rendered), static assets and language handling."""
