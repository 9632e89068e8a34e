"""What a reader looks for in a parsed document: agencies, zones, tasks, targets, references, comparisons."""
