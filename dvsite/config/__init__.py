"""The settings of dvsite/settings.py, one module per concern; read there, never imported elsewhere."""
