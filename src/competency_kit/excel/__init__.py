"""Excel workbooks: the mapping workbook educators fill in and the gap-analysis workbook."""
