"""What ingest finds inside an article's text: one module per kind, each a pure function from text
to plain records; none imports the store or the CLI."""
