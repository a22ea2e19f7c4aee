"""Package marker so that importlib.resources finds these files in every kind of install."""
