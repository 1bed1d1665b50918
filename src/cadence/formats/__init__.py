"""One module per format: each reads its format into the IR (and, later, writes it)."""
