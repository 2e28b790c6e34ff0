"""Reading: bytes -> text -> TOML -> Agreement, with located problems."""
