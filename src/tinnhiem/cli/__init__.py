"""The `tinnhiem` command line: main.py holds the table of commands and dispatches; each command
is one module here (demo/ is the one with parts). Commands without a database import no Django."""
