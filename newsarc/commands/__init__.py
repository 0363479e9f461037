"""The commands, one module per area, registered on the one Typer app in `base`."""
