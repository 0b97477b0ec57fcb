"""The one intake: the only code that opens a workbook xlflow reads (unit returns, register forms, the coordinator's
own books) and walks the folders they arrive in."""
