"""The command line door (Typer). Commands stay thin; the work is in the packages behind."""
