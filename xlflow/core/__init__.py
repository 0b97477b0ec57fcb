"""The vocabulary every other part speaks, with no I/O: units, periods, dates, text, the records, the schema, errors."""
