"""`python -m survey.cli` is the `survey` command."""

from . import main

main()
