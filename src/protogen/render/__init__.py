"""Rendering: the model to HTML, and HTML to PDF."""
