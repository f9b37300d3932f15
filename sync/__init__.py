"""ESC PQRS sync: other systems' batch jobs push data into Odoo and pull decisions back."""

__version__ = "0.1.0"
