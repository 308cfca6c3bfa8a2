"""The organisation's pure rules: its chart, a manager's scope, what an import changes."""
