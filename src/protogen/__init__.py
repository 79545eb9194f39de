"""protogen: Swedish municipal board protocols, checked against Kommunallagen."""

__version__ = "0.1.0"
