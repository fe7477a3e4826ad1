"""The HTTP door (FastAPI): JSON API, OpenAI-compatible endpoint, the phone page."""
