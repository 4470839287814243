"""HTTP entry points: the FastAPI application, the REST API (/api/v1) and OGC API - Features (/ogc)."""
