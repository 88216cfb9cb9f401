"""Reference data of the campaigns app, loaded by management commands (``load_outlets``)."""
