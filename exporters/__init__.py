"""Word documents, CSV and Markdown written from storage records. No Qt."""
