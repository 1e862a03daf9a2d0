"""The provincial sync service (FastAPI + uvicorn; PostgreSQL or SQLite)."""
