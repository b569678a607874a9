"""The command line: ``python -m build_tools COMMAND``."""
