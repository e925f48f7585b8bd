"""一（一）就业和再就业方面 / Employment and re-employment: 10 items."""
