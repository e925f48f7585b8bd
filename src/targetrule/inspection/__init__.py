"""The inspection workflow (督查考评): county roll-up, spot checks, verified figures and last year's results."""
