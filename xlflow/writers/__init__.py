"""One module per workbook xlflow writes; `base` holds what they share."""
