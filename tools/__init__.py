"""Command-line tools of the #LeaveX publication: build, catalogs, set-up."""
