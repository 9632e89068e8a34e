"""Hand-in exports: comparisons, diffs, tasks and review notes as Word (.docx) and Excel (.xlsx).

:mod:`documents.export.report` holds a format-free report (title, lines,
tables whose cells may carry marked runs); :mod:`documents.export.builders`
makes one from each result; :mod:`documents.export.writers` writes it with
python-docx or openpyxl.
"""
