"""The e-license mini-program's phone screens."""
