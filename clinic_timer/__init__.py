"""clinic-timer: keeps a peer-coaching case clinic on time so the people can forget the clock."""

__version__ = "0.1.0"
