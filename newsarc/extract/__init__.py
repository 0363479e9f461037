"""What ingest finds inside an article's text: one module per kind."""
