"""Pure checks, each a registry of small functions: the rows of a unit's return (rows.py), a register form (register.py)."""
