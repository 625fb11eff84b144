"""Sphinx extensions of the #LeaveX publication, one feature per module."""
