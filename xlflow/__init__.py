"""xlflow: the government-information submission workflow of an office, run through Excel."""

__version__ = "0.1.0"
