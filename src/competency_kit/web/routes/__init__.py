"""The pages and the API, one module per task page."""
