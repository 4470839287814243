"""The REST API (/api/v1) and OGC API - Features (/ogc): routers, typed answers and the OpenAPI document."""
