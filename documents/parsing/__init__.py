"""From document text to the document model: labels, noise, front matter, tables, the parser and its cache."""
