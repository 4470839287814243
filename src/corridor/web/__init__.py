"""The portal's web pages (Jinja2, server-rendered) and their static assets."""
