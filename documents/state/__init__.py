"""What the user keeps: review marks and notes, bookmarks, the last session. Separate from parsing."""
