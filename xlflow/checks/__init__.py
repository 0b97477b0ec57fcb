"""Pure checks: the row rules of a unit's return live in xlflow/rules.py; the register form's here."""
